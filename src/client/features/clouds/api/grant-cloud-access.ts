import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { CloudRole, GrantCloudAccessResult } from '#contract/clouds.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { cloudQueries } from './cloud-queries.ts';

export type GrantCloudAccessInput = { cloudId: string; userIds: string[]; role?: CloudRole };

export const grantCloudAccess = ({ cloudId, userIds, role }: GrantCloudAccessInput) =>
  api.post<GrantCloudAccessResult>(`/clouds/${encodeURIComponent(cloudId)}/collaborators`, {
    user_ids: userIds,
    role,
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
