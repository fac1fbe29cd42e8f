import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { GrantCloudAccessResult } from '#contract/clouds.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { cloudQueries } from './cloud-queries.ts';

export type GrantCloudAccessInput = { cloudId: string; userIds: string[] };

export const grantCloudAccess = ({ cloudId, userIds }: GrantCloudAccessInput) =>
  api.post<GrantCloudAccessResult>(`/clouds/${encodeURIComponent(cloudId)}/collaborators`, {
    user_ids: userIds,
  });

export function useGrantCloudAccessMutation(
  options: UseMutationOptions<GrantCloudAccessResult, ApiError, GrantCloudAccessInput> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: grantCloudAccess,
    onSuccess: async (...args) => {
      // Access lists, counts on the list and the detail all change.
      await queryClient.invalidateQueries({ queryKey: cloudQueries.all() });
      return options.onSuccess?.(...args);
    },
  });
}
