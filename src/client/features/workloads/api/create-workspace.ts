import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { Workload } from '#contract/workloads.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { workloadQueries } from './workload-queries.ts';

export type CreateWorkspaceInput = { cloudId: string; name: string };

/** Records a workspace on a cloud you can use (no compute is launched). */
export const createWorkspace = ({ cloudId, name }: CreateWorkspaceInput) =>
  api.post<Workload>('/workloads', { cloud_id: cloudId, name, kind: 'workspace' });

export function useCreateWorkspaceMutation(
  options: UseMutationOptions<Workload, ApiError, CreateWorkspaceInput> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: createWorkspace,
    meta: { silentError: true },
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: workloadQueries.lists() });
      return options.onSuccess?.(...args);
    },
  });
}
