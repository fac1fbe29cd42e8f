import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { Workload } from '#contract/workloads.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { workloadQueries } from './workload-queries.ts';

export const terminateWorkload = (id: string) =>
  api.post<Workload>(`/workloads/${encodeURIComponent(id)}/terminate`);

export function useTerminateWorkloadMutation(options: UseMutationOptions<Workload, ApiError, string> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: terminateWorkload,
    onSettled: async (...args) => {
      // Also after a 409: someone else terminated it, and the list should say so.
      await queryClient.invalidateQueries({ queryKey: workloadQueries.lists() });
      return options.onSettled?.(...args);
    },
  });
}
