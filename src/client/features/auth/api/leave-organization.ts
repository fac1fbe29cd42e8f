import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { RemovalReceipt } from '#contract/members.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';

export const leaveOrganization = () => api.post<RemovalReceipt>('/organization_collaborators/leave');

/** Leaving ends every session of yours, this one too: nothing cached is yours any more. */
export function useLeaveOrganizationMutation(
  options: UseMutationOptions<RemovalReceipt, ApiError, void> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: leaveOrganization,
    // The dialog shows a refusal (last owner) inline.
    meta: { silentError: true },
    onSuccess: (...args) => {
      queryClient.clear();
      return options.onSuccess?.(...args);
    },
  });
}
