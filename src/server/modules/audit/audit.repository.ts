import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { newId } from '../../lib/crypto.ts';

type Db = Kysely<Database>;

export type AuditActor = { memberId: string | null; apiKeyId: string | null; ip: string | null };

export type AuditEventInput = {
  orgId: string;
  actor: AuditActor;
  action: string;
  targetType: string;
  targetId?: string | null;
  targetLabel?: string | null;
  before?: unknown;
  after?: unknown;
  at: string;
};

/** Called inside the transaction that makes the change, so the log never disagrees with it. */
export async function insertAuditEvent(db: Db, event: AuditEventInput): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      id: newId(),
      org_id: event.orgId,
      actor_member_id: event.actor.memberId,
      actor_api_key_id: event.actor.apiKeyId,
      action: event.action,
      target_type: event.targetType,
      target_id: event.targetId ?? null,
      target_label: event.targetLabel ?? null,
      before: event.before === undefined ? null : JSON.stringify(event.before),
      after: event.after === undefined ? null : JSON.stringify(event.after),
      ip: event.actor.ip,
      created_at: event.at,
    })
    .execute();
}
