import { sql, type Kysely } from 'kysely';
import { afterCursor } from '../../db/keyset.ts';
import type { Database } from '../../db/schema.ts';
import { newId } from '../../lib/crypto.ts';
import { keysetDirection, type Cursor } from '../../lib/paging.ts';

type Db = Kysely<Database>;

export type AuditActor = {
  memberId: string | null;
  apiKeyId: string | null;
  ip: string | null;
  /** The directory (SCIM) acted through this token. */
  scimTokenId?: string | null;
};

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
      actor_scim_token_id: event.actor.scimTokenId ?? null,
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

export type AuditFilters = {
  orgId: string;
  actorMemberId?: string;
  action?: string;
  targetId?: string;
  /** ISO instants: from inclusive, to exclusive. */
  from?: string;
  to?: string;
};

// Each filter has an index ending in (created_at, id) (migrations 001 and 018),
// so a page, a range and a capped count are range seeks whatever the filter.
function filteredEvents(db: Db, filters: AuditFilters) {
  return db
    .selectFrom('audit_events')
    .where('audit_events.org_id', '=', filters.orgId)
    .$if(filters.actorMemberId !== undefined, (qb) =>
      qb.where('audit_events.actor_member_id', '=', filters.actorMemberId!),
    )
    .$if(filters.action !== undefined, (qb) => qb.where('audit_events.action', '=', filters.action!))
    .$if(filters.targetId !== undefined, (qb) => qb.where('audit_events.target_id', '=', filters.targetId!))
    .$if(filters.from !== undefined, (qb) => qb.where('audit_events.created_at', '>=', filters.from!))
    .$if(filters.to !== undefined, (qb) => qb.where('audit_events.created_at', '<', filters.to!));
}

/**
 * Events matching the filters, counted exactly up to `cap` and "more" beyond:
 * it reads at most cap + 1 index entries, so the count costs the same at a
 * million events as at a thousand.
 */
export async function countAuditEventsUpTo(
  db: Db,
  filters: AuditFilters,
  cap: number,
): Promise<{ total: number; capped: boolean }> {
  const row = await db
    .selectFrom(
      filteredEvents(db, filters)
        .select(sql.lit(1).as('one'))
        .limit(cap + 1)
        .as('matches'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const n = Number(row.n);
  return { total: Math.min(n, cap), capped: n > cap };
}

/**
 * Keyset page, newest first by (created_at, id). Reading backwards (towards
 * newer events) flips the comparison and the order; the caller re-reverses.
 * Reads `limit + 1` rows so the caller knows whether another page exists.
 */
export async function listAuditEventsPage(
  db: Db,
  filters: AuditFilters,
  page: { cursor?: Cursor; limit: number },
) {
  const { comparison, order } = keysetDirection(true, page.cursor);
  const cursor = page.cursor;
  return filteredEvents(db, filters)
    .leftJoin('members as actor', 'actor.id', 'audit_events.actor_member_id')
    .leftJoin('api_keys', 'api_keys.id', 'audit_events.actor_api_key_id')
    .leftJoin('scim_tokens', 'scim_tokens.id', 'audit_events.actor_scim_token_id')
    .select([
      'audit_events.id',
      'audit_events.action',
      'audit_events.created_at',
      'audit_events.actor_member_id',
      'actor.name as actor_name',
      'actor.email as actor_email',
      'actor.removed_at as actor_removed_at',
      'audit_events.actor_api_key_id',
      'api_keys.name as api_key_name',
      'audit_events.actor_scim_token_id',
      'scim_tokens.name as scim_token_name',
      'audit_events.target_type',
      'audit_events.target_id',
      'audit_events.target_label',
      'audit_events.before',
      'audit_events.after',
      'audit_events.ip',
    ])
    .$if(cursor !== undefined, (qb) =>
      qb.where((eb) => afterCursor(eb, 'audit_events.created_at', 'audit_events.id', comparison, cursor!)),
    )
    .orderBy('audit_events.created_at', order)
    .orderBy('audit_events.id', order)
    .limit(page.limit + 1)
    .execute();
}
