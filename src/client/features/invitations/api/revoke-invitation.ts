import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { invitationQueries } from './invitation-queries.ts';

export const revokeInvitation = (id: string) =>
  api.post<void>(`/organization_invitations/${encodeURIComponent(id)}/invalidate`);

export function useRevokeInvitationMutation(options: UseMutationOptions<void, ApiError, string> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: revokeInvitation,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: invitationQueries.lists() });
      return options.onSuccess?.(...args);
    },
  });
}
