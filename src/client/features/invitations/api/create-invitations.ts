import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { CreateInvitationsBody, CreateInvitationsResponse } from '#contract/invitations.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { invitationQueries } from './invitation-queries.ts';

export const createInvitationsKey = [...invitationQueries.all(), 'create'] as const;

export const createInvitations = (body: CreateInvitationsBody) =>
  api.post<CreateInvitationsResponse>('/organization_invitations', body);

export function useCreateInvitationsMutation(
  options: UseMutationOptions<CreateInvitationsResponse, ApiError, CreateInvitationsBody> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationKey: createInvitationsKey,
    mutationFn: createInvitations,
    // Failures are shown inside the dialog, next to what caused them.
    meta: { silentError: true },
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: invitationQueries.lists() });
      return options.onSuccess?.(...args);
    },
  });
}
