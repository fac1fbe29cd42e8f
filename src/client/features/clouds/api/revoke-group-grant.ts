import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { groupGrantPath, invalidateAfterGroupGrantChange } from './cloud-queries.ts';

export type RevokeGroupGrantInput = { cloudId: string; groupId: string };

export const revokeGroupGrant = ({ cloudId, groupId }: RevokeGroupGrantInput) =>
  api.delete(groupGrantPath(cloudId, groupId));

export function useRevokeGroupGrantMutation(
  options: UseMutationOptions<void, ApiError, RevokeGroupGrantInput> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: revokeGroupGrant,
    onSuccess: async (...args) => {
      await invalidateAfterGroupGrantChange(queryClient);
      return options.onSuccess?.(...args);
    },
  });
}
