import type { Kysely } from 'kysely';
import type { Database, InvitationTable, MailOutboxTable } from '../db/schema.ts';

type Db = Kysely<Database>;

export type OutboxRow = Pick<
  MailOutboxTable,
  | 'id'
  | 'invitation_id'
  | 'to_address'
  | 'subject'
  | 'text_body'
  | 'html_body'
  | 'attempts'
  | 'created_at'
  | 'retry_window_from'
>;

export async function insertMail(
  db: Db,
  mail: Pick<
    MailOutboxTable,
    'id' | 'org_id' | 'invitation_id' | 'to_address' | 'subject' | 'text_body' | 'html_body' | 'created_at'
  >,
): Promise<void> {
  await db
    .insertInto('mail_outbox')
    .values({
      ...mail,
      status: 'pending',
      attempts: 0,
      next_attempt_at: mail.created_at,
      locked_until: null,
      last_error: null,
      sent_at: null,
      retry_window_from: null,
    })
    .execute();
}

/**
 * Drops mail not delivered (pending, or failed and kept for "Retry now") for an
 * invitation whose link just died (resent, revoked, accepted).
 */
export async function deleteUndeliveredForInvitation(db: Db, invitationId: string): Promise<void> {
  await db
    .deleteFrom('mail_outbox')
    .where('invitation_id', '=', invitationId)
    .where('status', 'in', ['pending', 'failed'])
    .execute();
}

/**
 * "Retry now": the invitation's failed mail is due again at once, with a fresh
 * retry window and backoff. Its bodies are still sealed (a failed mail keeps
 * them while its link lives). True when a failed mail was put back.
 */
export async function requeueFailedForInvitation(
  db: Db,
  retry: { invitationId: string; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('mail_outbox')
    .set({
      status: 'pending',
      attempts: 0,
      next_attempt_at: retry.at,
      locked_until: null,
      retry_window_from: retry.at,
    })
    .where('invitation_id', '=', retry.invitationId)
    .where('status', '=', 'failed')
    .where('text_body', 'like', 'enc:v1:%')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Claims up to `limit` due mails by leasing them until `leaseUntil`. The attempt
 * is counted when its outcome is recorded, so mail a crashed worker held is
 * retried without using up an attempt. Runs inside a transaction: on PostgreSQL the rows are locked
 * FOR UPDATE SKIP LOCKED so concurrent workers take disjoint rows; on SQLite the
 * write transaction is exclusive.
 */
export async function claimDue(
  trx: Db,
  claim: { now: string; leaseUntil: string; limit: number; skipLocked: boolean },
): Promise<OutboxRow[]> {
  const due = await trx
    .selectFrom('mail_outbox')
    .select([
      'id',
      'invitation_id',
      'to_address',
      'subject',
      'text_body',
      'html_body',
      'attempts',
      'created_at',
      'retry_window_from',
    ])
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', claim.now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', claim.now)]))
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(claim.limit)
    .$if(claim.skipLocked, (qb) => qb.forUpdate().skipLocked())
    .execute();
  if (due.length === 0) return [];
  await trx
    .updateTable('mail_outbox')
    .set({ locked_until: claim.leaseUntil })
    .where(
      'id',
      'in',
      due.map((row) => row.id),
    )
    .execute();
  return due;
}

/** Extends a lease this worker still holds. True when extended. */
export async function renewLease(
  db: Db,
  lease: { id: string; leaseUntil: string; renewedUntil: string },
): Promise<boolean> {
  const result = await db
    .updateTable('mail_outbox')
    .set({ locked_until: lease.renewedUntil })
    .where('id', '=', lease.id)
    .where('status', '=', 'pending')
    .where('locked_until', '=', lease.leaseUntil)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives a claimed mail back without counting an attempt (the worker is stopping). */
export async function releaseLease(db: Db, lease: { id: string; leaseUntil: string }): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ locked_until: null })
    .where('id', '=', lease.id)
    .where('status', '=', 'pending')
    .where('locked_until', '=', lease.leaseUntil)
    .execute();
}

/**
 * Marks a claimed mail sent, only while this worker still holds its lease (the
 * row may have been dropped because its link died meanwhile). True when marked.
 */
export async function markSent(
  db: Db,
  mail: { id: string; leaseUntil: string; at: string; textBody: string; htmlBody: string },
): Promise<boolean> {
  const result = await db
    .updateTable('mail_outbox')
    .set((eb) => ({
      status: 'sent',
      attempts: eb('attempts', '+', 1),
      sent_at: mail.at,
      locked_until: null,
      last_error: null,
      text_body: mail.textBody,
      html_body: mail.htmlBody,
    }))
    .where('id', '=', mail.id)
    .where('status', '=', 'pending')
    .where('locked_until', '=', mail.leaseUntil)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Records a failed attempt: retried at `nextAttemptAt`, or given up when that is
 * null. The bodies stay sealed either way, so an owner can "Retry now" a failed
 * mail; they go when its link dies. True when recorded.
 */
export async function recordFailure(
  db: Db,
  mail: { id: string; leaseUntil: string; error: string; nextAttemptAt: string | null },
): Promise<boolean> {
  const final = mail.nextAttemptAt === null;
  const result = await db
    .updateTable('mail_outbox')
    .set((eb) => ({
      status: final ? 'failed' : 'pending',
      attempts: eb('attempts', '+', 1),
      locked_until: null,
      last_error: mail.error,
      ...(final ? {} : { next_attempt_at: mail.nextAttemptAt! }),
    }))
    .where('id', '=', mail.id)
    .where('status', '=', 'pending')
    .where('locked_until', '=', mail.leaseUntil)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setInvitationDelivery(
  db: Db,
  invitationId: string,
  status: InvitationTable['delivery_status'],
): Promise<void> {
  await db
    .updateTable('invitations')
    .set({ delivery_status: status })
    .where('id', '=', invitationId)
    .execute();
}

export async function findMail(db: Db, id: string) {
  return db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

/** For metrics: mail waiting to be sent, mail given up on, and when the oldest waiting mail was queued. */
export async function outboxStats(
  db: Db,
): Promise<{ pending: number; failed: number; oldestPendingAt: string | null }> {
  const rows = await db
    .selectFrom('mail_outbox')
    .select((eb) => ['status', eb.fn.countAll<number>().as('n'), eb.fn.min('created_at').as('oldest')])
    .where('status', 'in', ['pending', 'failed'])
    .groupBy('status')
    .execute();
  const pending = rows.find((row) => row.status === 'pending');
  const failed = rows.find((row) => row.status === 'failed');
  return {
    pending: Number(pending?.n ?? 0),
    failed: Number(failed?.n ?? 0),
    oldestPendingAt: (pending?.oldest as string | undefined) ?? null,
  };
}
