import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { CloudPage } from '#contract/clouds.ts';
import type { Collaborator } from '#contract/members.ts';
import type { WorkloadKind, WorkloadPage, WorkloadStatus } from '#contract/workloads.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const workloadPageSize = 25;

export type WorkloadListFilters = {
  cloud_id?: string;
  creator?: string;
  kind?: WorkloadKind;
  status?: WorkloadStatus;
  paging_token?: string;
  count?: number;
};

export const workloadQueries = {
  all: queryKeys.workloads,
  lists: () => [...workloadQueries.all(), 'list'] as const,
  list: (filters: WorkloadListFilters) =>
    queryOptions({
      queryKey: [...workloadQueries.lists(), filters] as const,
      queryFn: () => api.get<WorkloadPage>('/workloads', { count: workloadPageSize, ...filters }),
      placeholderData: keepPreviousData,
    }),
  /** The clouds you can use: the cloud filter and where a new workspace can go. */
  cloudOptions: () =>
    queryOptions({
      queryKey: [...workloadQueries.all(), 'cloud-options'] as const,
      queryFn: () => api.get<CloudPage>('/clouds', { count: 100 }),
    }),
  /** The person a `creator` filter names, while they are still a member (removed people answer 404). */
  creator: (id: string) =>
    queryOptions({
      queryKey: [...workloadQueries.all(), 'creator', id] as const,
      queryFn: () => api.get<Collaborator>(`/organization_collaborators/${encodeURIComponent(id)}`),
      retry: false,
      staleTime: 60_000,
    }),
};
