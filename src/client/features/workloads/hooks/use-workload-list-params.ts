import { useSearchParams } from 'react-router';
import { workloadKindSchema, workloadStatusSchema } from '#contract/workloads.ts';
import type { WorkloadListFilters } from '../api/workload-queries.ts';

/**
 * The workload list's filters live in the URL (`?cloud=&creator=&kind=&status=&page=`),
 * so the removal dialog can link to "workloads by this person". Unknown values are ignored.
 */
export function workloadListFiltersFrom(params: URLSearchParams): WorkloadListFilters {
  return {
    cloud_id: params.get('cloud') || undefined,
    creator: params.get('creator') || undefined,
    kind: workloadKindSchema.safeParse(params.get('kind')).data,
    status: workloadStatusSchema.safeParse(params.get('status')).data,
    paging_token: params.get('page') || undefined,
  };
}

type Key = 'cloud' | 'creator' | 'kind' | 'status' | 'page';

export function useWorkloadListParams() {
  const [params, setParams] = useSearchParams();
  const filters = workloadListFiltersFrom(params);
  const update = (changes: Partial<Record<Key, string | undefined>>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { preventScrollReset: true },
    );
  return {
    filters,
    hasFilters: Boolean(filters.cloud_id || filters.creator || filters.kind || filters.status),
    /** Any filter change starts again from the first page. */
    setFilter: (key: Exclude<Key, 'page'>, value: string | undefined) =>
      update({ [key]: value, page: undefined }),
    goToPage: (token: string | null) => update({ page: token ?? undefined }),
    clearFilters: () =>
      update({ cloud: undefined, creator: undefined, kind: undefined, status: undefined, page: undefined }),
  };
}
