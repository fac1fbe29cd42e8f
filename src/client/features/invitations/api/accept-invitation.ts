import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { UserInfo } from '#contract/auth.ts';
import type { AcceptInvitationBody } from '#contract/invitations.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';

export const acceptInvitation = (body: AcceptInvitationBody) =>
  api.post<UserInfo>('/invitation_acceptances', body);

export function useAcceptInvitationMutation(
  options: UseMutationOptions<UserInfo, ApiError, AcceptInvitationBody> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: acceptInvitation,
    meta: { silentError: true },
    onSuccess: (...args) => {
      // A new identity: nothing cached for whoever used this browser before may survive.
      queryClient.clear();
      return options.onSuccess?.(...args);
    },
  });
}
