import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { Invitation } from '#contract/invitations.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { invitationQueries } from './invitation-queries.ts';

export const retryInvitationDeliveryKey = [...invitationQueries.all(), 'retry-delivery'] as const;

/** "Retry now": the failed mail (same link) is sent again at once. */
export const retryInvitationDelivery = (id: string) =>
  api.post<Invitation>(`/organization_invitations/${encodeURIComponent(id)}/retry_delivery`);

export function useRetryInvitationDeliveryMutation(
  options: UseMutationOptions<Invitation, ApiError, string> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationKey: retryInvitationDeliveryKey,
    mutationFn: retryInvitationDelivery,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: invitationQueries.lists() });
      return options.onSuccess?.(...args);
    },
  });
}
