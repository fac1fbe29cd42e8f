import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Cloud, CloudAccessPage, CloudAccessSource, CloudPage } from '#contract/clouds.ts';
import type { CollaboratorPage } from '#contract/members.ts';
import type { MemberSearch } from '../../../components/member-combobox.tsx';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const cloudPageSize = 50;
export const accessPageSize = 50;
export const memberSearchSize = 20;

export type CloudListFilters = { paging_token?: string };
export type CloudAccessFilters = { q?: string; paging_token?: string };

const alreadyHasAccess: Record<CloudAccessSource, string> = {
  organization_owner: 'Already has access (organization owner)',
  cloud_owner: 'Already has access (owns this cloud)',
  grant: 'Already has access',
  group: 'Already has access (through a group)',
};

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
  /**
   * Members to add to a cloud: the member search, with everyone who already
   * has access to it (owners, its owner, direct grants) marked, from the
   * cloud's own access list searched with the same text.
   */
  grantCandidates: (cloudId: string): MemberSearch => ({
    key: cloudQueries.accessLists(cloudId),
    fetch: async (q) => {
      const [members, access] = await Promise.all([
        api.get<CollaboratorPage>('/organization_collaborators', { q, count: memberSearchSize }),
        api.get<CloudAccessPage>(`/clouds/${encodeURIComponent(cloudId)}/collaborators`, { q, count: 100 }),
      ]);
      const sources = new Map(access.results.map((entry) => [entry.user_id, entry.source]));
      return {
        ...members,
        results: members.results.map((member) => {
          const source =
            member.permission_level === 'owner' ? 'organization_owner' : sources.get(member.user_id);
          return source ? { ...member, unavailable: alreadyHasAccess[source] } : member;
        }),
      };
    },
  }),
  /** Members to pick from, searched on the server so it scales to any organization size. */
  memberSearch: {
    key: ['clouds'] as const,
    fetch: (q: string) =>
      api.get<CollaboratorPage>('/organization_collaborators', { q, count: memberSearchSize }),
  },
};
