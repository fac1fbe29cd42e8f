import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { Workload } from '#contract/workloads.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { workloadQueries } from './workload-queries.ts';

/** The copy is a workspace that belongs to you, whatever the original's kind. */
export const duplicateWorkload = (id: string) =>
  api.post<Workload>(`/workloads/${encodeURIComponent(id)}/duplicate`);

export function useDuplicateWorkloadMutation(options: UseMutationOptions<Workload, ApiError, string> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: duplicateWorkload,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: workloadQueries.lists() });
      return options.onSuccess?.(...args);
    },
  });
}
