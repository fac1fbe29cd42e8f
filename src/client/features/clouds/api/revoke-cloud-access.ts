import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { cloudQueries } from './cloud-queries.ts';

export type RevokeCloudAccessInput = { cloudId: string; userId: string };

export const revokeCloudAccess = ({ cloudId, userId }: RevokeCloudAccessInput) =>
  api.delete(`/clouds/${encodeURIComponent(cloudId)}/collaborators/${encodeURIComponent(userId)}`);

export function useRevokeCloudAccessMutation(
  options: UseMutationOptions<void, ApiError, RevokeCloudAccessInput> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: revokeCloudAccess,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: cloudQueries.all() });
      return options.onSuccess?.(...args);
    },
  });
}
