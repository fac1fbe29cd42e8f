import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { OffboardingPreview } from '#contract/members.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export type SentInvitation = OffboardingPreview['pending_invitations'][number];

// The server takes up to 100 addresses per request.
const batchSize = 100;

/**
 * Invites the same people again as the signed-in owner: fresh links, with the
 * same role and clouds, one request per (role, clouds) group. Used after a
 * removal revoked the invitations the removed person had sent.
 */
export async function sendInvitationsAgain(invitations: SentInvitation[]): Promise<number> {
  const groups = new Map<string, { permission_level: string; cloud_ids: string[]; emails: string[] }>();
  for (const invitation of invitations) {
    const cloudIds = [...invitation.cloud_ids].sort();
    const key = JSON.stringify([invitation.permission_level, cloudIds]);
    const group = groups.get(key) ?? {
      permission_level: invitation.permission_level,
      cloud_ids: cloudIds,
      emails: [],
    };
    group.emails.push(invitation.email);
    groups.set(key, group);
  }
  for (const group of groups.values()) {
    for (let start = 0; start < group.emails.length; start += batchSize) {
      await api.post('/organization_invitations', {
        emails: group.emails.slice(start, start + batchSize),
        permission_level: group.permission_level,
        cloud_ids: group.cloud_ids,
      });
    }
  }
  return invitations.length;
}

export function useSendInvitationsAgainMutation(
  options: UseMutationOptions<number, ApiError, SentInvitation[]> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: sendInvitationsAgain,
    meta: { successMessage: 'Invitations sent again from you, with fresh links.' },
    onSuccess: async (...args) => {
      // The pending invitations list belongs to the invitations feature, which this
      // feature may not import; both build their keys from the shared roots.
      await queryClient.invalidateQueries({ queryKey: queryKeys.invitations() });
      return options.onSuccess?.(...args);
    },
  });
}
