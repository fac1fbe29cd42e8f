import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Cloud, CloudAccessPage, CloudPage } from '../../../../contract/clouds.ts';
import type { CollaboratorPage } from '../../../../contract/members.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const cloudPageSize = 50;
export const accessPageSize = 50;
export const memberSearchSize = 20;

export type CloudListFilters = { paging_token?: string };
export type CloudAccessFilters = { q?: string; paging_token?: string };

export const cloudQueries = {
  all: queryKeys.clouds,
  lists: () => [...cloudQueries.all(), 'list'] as const,
  list: (filters: CloudListFilters) =>
    queryOptions({
      queryKey: [...cloudQueries.lists(), filters] as const,
      queryFn: () => api.get<CloudPage>('/clouds', { count: cloudPageSize, ...filters }),
      placeholderData: keepPreviousData,
    }),
  details: () => [...cloudQueries.all(), 'detail'] as const,
  detail: (id: string) =>
    queryOptions({
      queryKey: [...cloudQueries.details(), id] as const,
      queryFn: () => api.get<Cloud>(`/clouds/${encodeURIComponent(id)}`),
    }),
  accessLists: (id: string) => [...cloudQueries.all(), 'access', id] as const,
  access: (id: string, filters: CloudAccessFilters) =>
    queryOptions({
      queryKey: [...cloudQueries.accessLists(id), filters] as const,
      queryFn: () =>
        api.get<CloudAccessPage>(`/clouds/${encodeURIComponent(id)}/collaborators`, {
          count: accessPageSize,
          ...filters,
        }),
      placeholderData: keepPreviousData,
    }),
  /** Whom a collaborator can ask for access. */
  organizationOwners: () =>
    queryOptions({
      queryKey: [...cloudQueries.all(), 'organization-owners'] as const,
      queryFn: () =>
        api.get<CollaboratorPage>('/organization_collaborators', { permission_level: 'owner', count: 5 }),
      staleTime: 60_000,
    }),
  /** Members to pick from, searched on the server so it scales to any organization size. */
  memberSearch: {
    key: ['clouds'] as const,
    fetch: (q: string) =>
      api.get<CollaboratorPage>('/organization_collaborators', { q, count: memberSearchSize }),
  },
};
