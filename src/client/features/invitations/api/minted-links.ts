import { useMutationState } from '@tanstack/react-query';
import type { CreateInvitationsResponse, ResentInvitation } from '#contract/invitations.ts';
import { createInvitationsKey } from './create-invitations.ts';
import { resendInvitationKey } from './resend-invitation.ts';

/**
 * Links minted in this browser tab, by invitation id: the server returns a link
 * only in the response that creates its token and never stores it, so Copy link
 * exists only right after inviting or resending. Read from the mutation cache
 * (memory only), newest last so a resend replaces the earlier link.
 */
export function useMintedLinks(): Map<string, string> {
  const created = useMutationState({
    filters: { mutationKey: createInvitationsKey, status: 'success' },
    select: (mutation) => ({
      at: mutation.state.submittedAt,
      data: mutation.state.data as CreateInvitationsResponse,
    }),
  });
  const resent = useMutationState({
    filters: { mutationKey: resendInvitationKey, status: 'success' },
    select: (mutation) => ({ at: mutation.state.submittedAt, data: mutation.state.data as ResentInvitation }),
  });
  const entries: { at: number; id: string; link: string }[] = [];
  for (const { at, data } of created) {
    for (const result of data.results) {
      if (result.invitation_id && result.invite_link) {
        entries.push({ at, id: result.invitation_id, link: result.invite_link });
      }
    }
  }
  for (const { at, data } of resent) entries.push({ at, id: data.invitation.id, link: data.invite_link });
  entries.sort((a, b) => a.at - b.at);
  return new Map(entries.map((entry) => [entry.id, entry.link]));
}
