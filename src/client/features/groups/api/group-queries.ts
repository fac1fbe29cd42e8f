import { keepPreviousData, queryOptions, type QueryClient } from '@tanstack/react-query';
import type { MemberCloudAccessList } from '#contract/clouds.ts';
import type { CollaboratorPage } from '#contract/members.ts';
import type { GroupDeletion, GroupDetail, GroupMemberPage, GroupPage } from '#contract/groups.ts';
import type { MemberSearch } from '../../../components/member-combobox.tsx';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const groupPageSize = 50;
export const groupMemberPageSize = 50;
const memberSearchSize = 20;

export type GroupListFilters = { q?: string; paging_token?: string; user_id?: string; count?: number };
export type GroupMemberFilters = { paging_token?: string };

export const groupQueries = {
  all: queryKeys.groups,
  lists: () => [...groupQueries.all(), 'list'] as const,
  list: (filters: GroupListFilters) =>
    queryOptions({
      queryKey: [...groupQueries.lists(), filters] as const,
      queryFn: () => api.get<GroupPage>('/groups', { count: groupPageSize, ...filters }),
      placeholderData: keepPreviousData,
    }),
  details: () => [...groupQueries.all(), 'detail'] as const,
  detail: (id: string) =>
    queryOptions({
      queryKey: [...groupQueries.details(), id] as const,
      queryFn: () => api.get<GroupDetail>(`/groups/${encodeURIComponent(id)}`),
      retry: false,
    }),
  /** What deleting the group would end: per cloud, whose access changes and to what. */
  deletionPreview: (id: string) =>
    queryOptions({
      queryKey: [...groupQueries.all(), 'deletion-preview', id] as const,
      queryFn: () => api.get<GroupDeletion>(`/groups/${encodeURIComponent(id)}/deletion_preview`),
      staleTime: 0,
    }),
  memberLists: (id: string) => [...groupQueries.all(), 'members', id] as const,
  members: (id: string, filters: GroupMemberFilters = {}) =>
    queryOptions({
      queryKey: [...groupQueries.memberLists(id), filters] as const,
      queryFn: () =>
        api.get<GroupMemberPage>(`/groups/${encodeURIComponent(id)}/members`, {
          count: groupMemberPageSize,
          ...filters,
        }),
      placeholderData: keepPreviousData,
    }),
  /** Every cloud one member can use and through what, to say what leaving a group changes for them. */
  memberAccess: (memberId: string) =>
    queryOptions({
      queryKey: [...groupQueries.all(), 'member-access', memberId] as const,
      queryFn: () =>
        api.get<MemberCloudAccessList>(
          `/organization_collaborators/${encodeURIComponent(memberId)}/cloud_access`,
        ),
      staleTime: 0,
    }),
  /** Members to add: the organization's member search, with those already in the group marked. */
  candidates: (groupId: string): MemberSearch => ({
    key: groupQueries.memberLists(groupId),
    fetch: async (q) => {
      const [members, inGroup] = await Promise.all([
        api.get<CollaboratorPage>('/organization_collaborators', { q, count: memberSearchSize }),
        api.get<GroupMemberPage>(`/groups/${encodeURIComponent(groupId)}/members`, { q, count: 100 }),
      ]);
      const already = new Set(inGroup.results.map((member) => member.user_id));
      return {
        ...members,
        results: members.results.map((member) =>
          already.has(member.user_id) ? { ...member, unavailable: 'Already in this group' } : member,
        ),
      };
    },
  }),
};

/** Who is in a group decides cloud access: the group, clouds' access lists and members' pages change. */
export function invalidateAfterMembershipChange(queryClient: QueryClient) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: groupQueries.all() }),
    queryClient.invalidateQueries({ queryKey: queryKeys.clouds() }),
    queryClient.invalidateQueries({ queryKey: queryKeys.members() }),
  ]);
}
