import type { Kysely } from 'kysely';
import type { Database, InvitationTable } from '../../db/schema.ts';
import { afterCursor } from '../../db/keyset.ts';
import { keysetDirection, type Cursor } from '../../lib/paging.ts';

type Db = Kysely<Database>;

const invitationColumns = [
  'invitations.id',
  'invitations.org_id',
  'invitations.email',
  'invitations.role',
  'invitations.cloud_ids',
  'invitations.cloud_roles',
  'invitations.group_ids',
  'invitations.invited_by',
  'invitations.created_at',
  'invitations.sent_at',
  'invitations.expires_at',
  'invitations.delivery_status',
  'invitations.accepted_at',
  'invitations.revoked_at',
  'inviter.name as inviter_name',
  'inviter.removed_at as inviter_removed_at',
] as const;

function withInviter(db: Db) {
  return db
    .selectFrom('invitations')
    .leftJoin('members as inviter', 'inviter.id', 'invitations.invited_by')
    .select(invitationColumns);
}

export type InvitationRow = NonNullable<Awaited<ReturnType<typeof findOpenInvitation>>>;

/** Open = neither accepted nor revoked (possibly expired). */
export async function findOpenInvitation(db: Db, orgId: string, id: string) {
  return withInviter(db)
    .where('invitations.org_id', '=', orgId)
    .where('invitations.id', '=', id)
    .where('invitations.accepted_at', 'is', null)
    .where('invitations.revoked_at', 'is', null)
    .executeTakeFirst();
}

/** In any state: pending, expired, accepted or revoked. */
export async function findInvitation(db: Db, orgId: string, id: string) {
  return withInviter(db)
    .where('invitations.org_id', '=', orgId)
    .where('invitations.id', '=', id)
    .executeTakeFirst();
}

export async function findOpenInvitationsByEmail(db: Db, orgId: string, emails: string[]) {
  if (emails.length === 0) return [];
  return db
    .selectFrom('invitations')
    .select(['id', 'email'])
    .where('org_id', '=', orgId)
    .where('email', 'in', emails)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function findActiveMemberEmails(db: Db, orgId: string, emails: string[]): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const rows = await db
    .selectFrom('members')
    .select('email')
    .where('org_id', '=', orgId)
    .where('email', 'in', emails)
    .where('removed_at', 'is', null)
    .execute();
  return new Set(rows.map((row) => row.email));
}

export async function isActiveMember(db: Db, orgId: string, email: string): Promise<boolean> {
  return (await findActiveMemberEmails(db, orgId, [email])).size > 0;
}

/** The ids among `ids` that are clouds of this organization. */
export async function findOrganizationCloudIds(db: Db, orgId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('clouds')
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((row) => row.id));
}

export async function insertInvitation(
  db: Db,
  invitation: Omit<
    InvitationTable,
    'revoked_at' | 'accepted_at' | 'accepted_member_id' | 'cloud_roles' | 'group_ids'
  > & { cloud_roles?: string; group_ids?: string },
): Promise<void> {
  await db
    .insertInto('invitations')
    .values({ ...invitation, revoked_at: null, accepted_at: null, accepted_member_id: null })
    .execute();
}

/** A new token, a new expiry and (for a re-invite) the latest role and clouds. The old token dies. */
export async function rotateInvitation(
  db: Db,
  id: string,
  changes: Pick<InvitationTable, 'token_hash' | 'sent_at' | 'expires_at' | 'delivery_status' | 'invited_by'> &
    Partial<Pick<InvitationTable, 'role' | 'cloud_ids'> & { cloud_roles: string; group_ids: string }>,
): Promise<void> {
  await db.updateTable('invitations').set(changes).where('id', '=', id).execute();
}

export async function setDeliveryStatus(
  db: Db,
  id: string,
  status: InvitationTable['delivery_status'],
): Promise<void> {
  await db.updateTable('invitations').set({ delivery_status: status }).where('id', '=', id).execute();
}

export async function revokeInvitation(db: Db, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Open invitations these members sent, oldest first; only those granting
 * `role` when given. The links are known to their senders (Copy link, the API
 * answer), so they die with the sender's membership or owner role.
 */
export async function listOpenInvitationsSentBy(
  db: Db,
  orgId: string,
  memberIds: string[],
  role?: InvitationTable['role'],
) {
  if (memberIds.length === 0) return [];
  return db
    .selectFrom('invitations')
    .select(['id', 'email', 'role', 'cloud_ids', 'expires_at', 'invited_by'])
    .where('org_id', '=', orgId)
    .where('invited_by', 'in', memberIds)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .$if(role !== undefined, (qb) => qb.where('role', '=', role!))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

function openInvitations(db: Db, orgId: string, email?: string) {
  return withInviter(db)
    .where('invitations.org_id', '=', orgId)
    .where('invitations.accepted_at', 'is', null)
    .where('invitations.revoked_at', 'is', null)
    .$if(email !== undefined, (qb) => qb.where('invitations.email', '=', email!));
}

export async function countOpenInvitations(db: Db, orgId: string, email?: string): Promise<number> {
  const row = await db
    .selectFrom('invitations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .$if(email !== undefined, (qb) => qb.where('email', '=', email!))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Newest first, keyset on (created_at, id); reads `limit + 1` rows to tell whether more exist. */
export async function listOpenInvitationsPage(
  db: Db,
  orgId: string,
  page: { cursor?: Cursor; limit: number; email?: string },
) {
  const cursor = page.cursor;
  const { comparison, order } = keysetDirection(true, cursor);
  return openInvitations(db, orgId, page.email)
    .$if(cursor !== undefined, (qb) =>
      qb.where((eb) => afterCursor(eb, 'invitations.created_at', 'invitations.id', comparison, cursor!)),
    )
    .orderBy('invitations.created_at', order)
    .orderBy('invitations.id', order)
    .limit(page.limit + 1)
    .execute();
}

/** The invitation a token belongs to, with what the acceptance page shows. */
export async function findInvitationByTokenHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('invitations')
    .innerJoin('organizations', 'organizations.id', 'invitations.org_id')
    .leftJoin('members as inviter', 'inviter.id', 'invitations.invited_by')
    .select([
      'invitations.id',
      'invitations.org_id',
      'invitations.email',
      'invitations.role',
      'invitations.cloud_ids',
      'invitations.cloud_roles',
      'invitations.group_ids',
      'invitations.invited_by',
      'invitations.expires_at',
      'invitations.accepted_at',
      'invitations.revoked_at',
      'organizations.name as org_name',
      'inviter.name as inviter_name',
    ])
    .where('invitations.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/**
 * Consumes the invitation: succeeds for exactly one caller even when two accept
 * at once (the row lock on PostgreSQL, the write lock on SQLite, and the
 * `accepted_at is null` condition).
 */
export async function markAccepted(
  db: Db,
  accept: { id: string; tokenHash: string; memberId: string; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ accepted_at: accept.at, accepted_member_id: accept.memberId })
    .where('id', '=', accept.id)
    .where('token_hash', '=', accept.tokenHash)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', accept.at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A unique index refused the write (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Manual groups of the organization among these ids (invitations may add people to them). */
export async function findOrganizationGroups(db: Db, orgId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('groups')
    .select(['id', 'name', 'source'])
    .where('org_id', '=', orgId)
    .where('id', 'in', ids)
    .execute();
}

export async function insertGroupMemberships(
  db: Db,
  rows: { group_id: string; member_id: string; added_by: string | null; created_at: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('group_members')
    .values(rows)
    .onConflict((oc) => oc.columns(['group_id', 'member_id']).doNothing())
    .execute();
}
