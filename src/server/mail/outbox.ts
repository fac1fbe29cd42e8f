import type { AppDeps } from '../deps.ts';
import type { Trx } from '../db/transaction.ts';
import { newId } from '../lib/crypto.ts';
import { sealMailBody } from './outbox-crypto.ts';
import * as repo from './outbox.repository.ts';
import type { OutgoingMail } from './transports.ts';

/**
 * Queues a mail inside the caller's transaction: it is delivered if and only if
 * the change that asked for it commits.
 */
export async function enqueueMail(
  trx: Trx,
  deps: AppDeps,
  mail: OutgoingMail & { orgId: string; invitationId: string | null },
): Promise<void> {
  const id = newId();
  await repo.insertMail(trx, {
    id,
    org_id: mail.orgId,
    invitation_id: mail.invitationId,
    to_address: mail.to,
    subject: mail.subject,
    // The bodies carry the live link: sealed until the worker sends them.
    text_body: sealMailBody(deps.config.secret, id, mail.text),
    html_body: sealMailBody(deps.config.secret, id, mail.html),
    created_at: deps.config.now().toISOString(),
  });
}

/** Forgets undelivered mail of an invitation whose link just died. */
export async function cancelInvitationMail(trx: Trx, invitationId: string): Promise<void> {
  await repo.deleteUndeliveredForInvitation(trx, invitationId);
}

/** "Retry now": the invitation's failed mail is sent again at once, with a fresh retry window. */
export async function retryFailedInvitationMail(
  trx: Trx,
  deps: AppDeps,
  invitationId: string,
): Promise<boolean> {
  return repo.requeueFailedForInvitation(trx, { invitationId, at: deps.config.now().toISOString() });
}
