import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { ResentInvitation } from '#contract/invitations.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { invitationQueries } from './invitation-queries.ts';

export const resendInvitationKey = [...invitationQueries.all(), 'resend'] as const;

export const resendInvitation = (id: string) =>
  api.post<ResentInvitation>(`/organization_invitations/${encodeURIComponent(id)}/resend`);

export function useResendInvitationMutation(
  options: UseMutationOptions<ResentInvitation, ApiError, string> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationKey: resendInvitationKey,
    mutationFn: resendInvitation,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: invitationQueries.lists() });
      return options.onSuccess?.(...args);
    },
  });
}
