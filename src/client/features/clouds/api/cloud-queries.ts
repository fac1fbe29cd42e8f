import { keepPreviousData, queryOptions, type QueryClient } from '@tanstack/react-query';
import type {
  Cloud,
  CloudAccessPage,
  CloudAccessReport,
  CloudGroupGrantList,
  CloudPage,
} from '#contract/clouds.ts';
import type { GroupPage } from '#contract/groups.ts';
import type { CollaboratorPage } from '#contract/members.ts';
import type { MemberSearch } from '../../../components/member-combobox.tsx';
import { cloudRoleLabels } from '../../../lib/cloud-roles.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const cloudPageSize = 50;
export const accessPageSize = 50;
export const memberSearchSize = 20;
export const groupSearchSize = 20;

export type CloudListFilters = { paging_token?: string };
export type CloudAccessFilters = { q?: string; paging_token?: string };

const alreadyHasAccess = {
  organization_owner: 'Already has access (organization owner)',
  cloud_owner: 'Already has access (owns this cloud)',
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
  /** The groups granted this cloud, with their role. */
  groupGrants: (id: string) =>
    queryOptions({
      queryKey: [...cloudQueries.accessLists(id), 'groups'] as const,
      queryFn: () => api.get<CloudGroupGrantList>(`/clouds/${encodeURIComponent(id)}/group_grants`),
    }),
  /** Cloud › Access report: everyone with effective access, their role, sources and last activity. */
  accessReport: (id: string) =>
    queryOptions({
      queryKey: [...cloudQueries.accessLists(id), 'report'] as const,
      queryFn: () => api.get<CloudAccessReport>(`/clouds/${encodeURIComponent(id)}/access_report`),
    }),
  /** Groups to grant this cloud: searched on the server, with those already granted known from groupGrants. */
  groupSearch: (q: string) =>
    queryOptions({
      queryKey: [...cloudQueries.all(), 'group-search', q] as const,
      queryFn: () => api.get<GroupPage>('/groups', { q: q || undefined, count: groupSearchSize }),
      placeholderData: keepPreviousData,
      staleTime: 30_000,
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
   * Members to add to a cloud: the member search, with those who cannot get a
   * direct grant here marked (organization owners, its owner, and people who
   * hold one already: their role changes in the list), from the cloud's own
   * access list searched with the same text. Access through a group alone
   * does not stop a direct grant.
   */
  grantCandidates: (cloudId: string): MemberSearch => ({
    key: cloudQueries.accessLists(cloudId),
    fetch: async (q) => {
      const [members, access] = await Promise.all([
        api.get<CollaboratorPage>('/organization_collaborators', { q, count: memberSearchSize }),
        api.get<CloudAccessPage>(`/clouds/${encodeURIComponent(cloudId)}/collaborators`, { q, count: 100 }),
      ]);
      const entries = new Map(access.results.map((entry) => [entry.user_id, entry]));
      return {
        ...members,
        results: members.results.map((member) => {
          const entry = entries.get(member.user_id);
          const unavailable =
            member.permission_level === 'owner'
              ? alreadyHasAccess.organization_owner
              : entry?.sources.some((source) => source.type === 'cloud_owner')
                ? alreadyHasAccess.cloud_owner
                : entry?.grant
                  ? `Already granted ${cloudRoleLabels[entry.grant.role]}: change it in the list`
                  : null;
          return unavailable ? { ...member, unavailable } : member;
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

/** The CSV download of the access report: a plain link, so the browser saves it with the server's file name. */
export const accessReportCsvUrl = (id: string) =>
  `/api/v2/clouds/${encodeURIComponent(id)}/access_report/export`;

export const groupGrantPath = (cloudId: string, groupId?: string) =>
  `/clouds/${encodeURIComponent(cloudId)}/group_grants${groupId ? `/${encodeURIComponent(groupId)}` : ''}`;

/** A group grant changes the access of everyone in the group: clouds, groups' pages and members' pages. */
export function invalidateAfterGroupGrantChange(queryClient: QueryClient) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: cloudQueries.all() }),
    queryClient.invalidateQueries({ queryKey: queryKeys.groups() }),
    queryClient.invalidateQueries({ queryKey: queryKeys.members() }),
  ]);
}
