import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Collaborator, CollaboratorPage, MemberProfile, MemberSort } from '#contract/members.ts';
import type { MemberSource } from '#contract/enums.ts';
import type { MemberCloudAccessList } from '#contract/clouds.ts';
import type { GroupPage } from '#contract/groups.ts';
import type { PermissionLevel } from '#contract/roles.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export type MemberListFilters = {
  q?: string;
  permission_level?: PermissionLevel;
  source?: MemberSource;
  /** `true`: members who have signed in with SSO; `false`: those who never have. */
  sso?: boolean;
  sort?: MemberSort;
  paging_token?: string;
  count?: number;
};

/** Rows per page of the member list. */
export const memberPageSize = 25;

export const memberQueries = {
  all: queryKeys.members,
  lists: () => [...memberQueries.all(), 'list'] as const,
  list: (filters: MemberListFilters) =>
    queryOptions({
      queryKey: [...memberQueries.lists(), filters] as const,
      queryFn: () =>
        api.get<CollaboratorPage>('/organization_collaborators', { count: memberPageSize, ...filters }),
      placeholderData: keepPreviousData,
    }),
  owners: () =>
    queryOptions({
      queryKey: [...memberQueries.all(), 'owners'] as const,
      queryFn: () =>
        api.get<CollaboratorPage>('/organization_collaborators', { permission_level: 'owner', count: 100 }),
    }),
  details: () => [...memberQueries.all(), 'detail'] as const,
  detail: (id: string) =>
    queryOptions({
      queryKey: [...memberQueries.details(), id] as const,
      queryFn: () => api.get<Collaborator>(`/organization_collaborators/${id}`),
    }),
  /** A member's page (owners): how they joined, clouds, API keys. */
  profile: (id: string) =>
    queryOptions({
      queryKey: [...memberQueries.all(), 'profile', id] as const,
      queryFn: () => api.get<MemberProfile>(`/organization_collaborators/${encodeURIComponent(id)}/profile`),
      retry: false,
    }),
  /** Every cloud a member can use: role, each source, and what removing that source alone would leave. */
  cloudAccess: (id: string) =>
    queryOptions({
      queryKey: [...memberQueries.all(), 'cloud-access', id] as const,
      queryFn: () =>
        api.get<MemberCloudAccessList>(`/organization_collaborators/${encodeURIComponent(id)}/cloud_access`),
    }),
  /** The groups a member belongs to (by `user_id`). */
  groups: (userId: string) =>
    queryOptions({
      queryKey: [...memberQueries.all(), 'groups', userId] as const,
      queryFn: () => api.get<GroupPage>('/groups', { user_id: userId, count: 100 }),
    }),
};
