import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { Cloud } from '#contract/clouds.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { cloudQueries } from './cloud-queries.ts';

/** `userId: null` returns the cloud to the organization owners. */
export type TransferCloudOwnershipInput = { cloudId: string; userId: string | null };

export const transferCloudOwnership = ({ cloudId, userId }: TransferCloudOwnershipInput) =>
  api.post<Cloud>(`/clouds/${encodeURIComponent(cloudId)}/transfer_ownership`, { user_id: userId });

export function useTransferCloudOwnershipMutation(
  options: UseMutationOptions<Cloud, ApiError, TransferCloudOwnershipInput> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: transferCloudOwnership,
    onSuccess: async (...args) => {
      queryClient.setQueryData(cloudQueries.detail(args[0].id).queryKey, args[0]);
      await queryClient.invalidateQueries({ queryKey: cloudQueries.all() });
      return options.onSuccess?.(...args);
    },
  });
}
