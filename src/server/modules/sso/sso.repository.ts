import type { Insertable, Kysely } from 'kysely';
import type { Database, SsoConfigTable, SsoRequestTable, SsoTestTable } from '../../db/schema.ts';

type Db = Kysely<Database>;

export type SsoConfigRow = SsoConfigTable;

export async function findConfig(db: Db, orgId: string): Promise<SsoConfigRow | undefined> {
  return db.selectFrom('sso_configs').selectAll().where('org_id', '=', orgId).executeTakeFirst();
}

export async function upsertConfig(db: Db, row: SsoConfigRow): Promise<void> {
  const { org_id: _orgId, created_at: _createdAt, ...changes } = row;
  await db
    .insertInto('sso_configs')
    .values(row)
    .onConflict((oc) => oc.column('org_id').doUpdateSet(changes))
    .execute();
}

export async function setOrganizationSsoEnabled(db: Db, orgId: string, enabled: boolean): Promise<void> {
  await db
    .updateTable('organizations')
    .set({ sso_enabled: enabled ? 1 : 0 })
    .where('id', '=', orgId)
    .execute();
}

export async function findOrganizationName(db: Db, orgId: string): Promise<string | undefined> {
  const row = await db.selectFrom('organizations').select('name').where('id', '=', orgId).executeTakeFirst();
  return row?.name;
}

export async function listDomains(db: Db, orgId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('sso_domains')
    .select('domain')
    .where('org_id', '=', orgId)
    .orderBy('domain')
    .execute();
  return rows.map((row) => row.domain);
}

/** Domains among `domains` that another organization registered. */
export async function findDomainsOfOtherOrganizations(
  db: Db,
  orgId: string,
  domains: string[],
): Promise<string[]> {
  if (domains.length === 0) return [];
  const rows = await db
    .selectFrom('sso_domains')
    .select('domain')
    .where('domain', 'in', domains)
    .where('org_id', '<>', orgId)
    .execute();
  return rows.map((row) => row.domain);
}

export async function replaceDomains(db: Db, orgId: string, domains: string[], at: string): Promise<void> {
  await db.deleteFrom('sso_domains').where('org_id', '=', orgId).execute();
  if (domains.length === 0) return;
  await db
    .insertInto('sso_domains')
    .values(domains.map((domain) => ({ domain, org_id: orgId, created_at: at })))
    .execute();
}

/** The organization that registered this domain, with its SSO configuration. */
export async function findConfigByDomain(db: Db, domain: string) {
  return db
    .selectFrom('sso_domains')
    .innerJoin('sso_configs', 'sso_configs.org_id', 'sso_domains.org_id')
    .innerJoin('organizations', 'organizations.id', 'sso_domains.org_id')
    .select(['sso_configs.org_id', 'sso_configs.sso_mode', 'organizations.name as org_name'])
    .where('sso_domains.domain', '=', domain)
    .executeTakeFirst();
}

/** Organizations where this address is an active member, with their SSO mode (oldest membership first). */
export async function findMembershipSsoModes(db: Db, email: string) {
  return db
    .selectFrom('members')
    .innerJoin('organizations', 'organizations.id', 'members.org_id')
    .leftJoin('sso_configs', 'sso_configs.org_id', 'members.org_id')
    .select(['members.org_id', 'members.role', 'organizations.name as org_name', 'sso_configs.sso_mode'])
    .where('members.email', '=', email)
    .where('members.removed_at', 'is', null)
    .where('members.is_service_account', '=', 0)
    .orderBy('members.created_at')
    .orderBy('members.id')
    .execute();
}

export async function findSsoMode(db: Db, orgId: string): Promise<SsoConfigRow['sso_mode'] | undefined> {
  const row = await db
    .selectFrom('sso_configs')
    .select('sso_mode')
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return row?.sso_mode;
}

export async function insertRequest(db: Db, row: Insertable<SsoRequestTable>): Promise<void> {
  await db.insertInto('sso_requests').values(row).execute();
}

export async function findRequestByRelayState(db: Db, orgId: string, relayState: string) {
  return db
    .selectFrom('sso_requests')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('relay_state', '=', relayState)
    .executeTakeFirst();
}

/**
 * Consumes a pending AuthnRequest: succeeds for exactly one caller, whichever
 * instance receives the POST (conditional update on `consumed_at`).
 */
export async function consumeRequest(db: Db, orgId: string, id: string, at: string) {
  const row = await db
    .selectFrom('sso_requests')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || row.consumed_at !== null || row.expires_at <= at) return undefined;
  const result = await db
    .updateTable('sso_requests')
    .set({ consumed_at: at })
    .where('id', '=', id)
    .where('consumed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? row : undefined;
}

/**
 * Remembers an assertion ID until it expires; false when it was already seen
 * (the primary key refuses the second insert, on any instance).
 */
export async function rememberAssertion(
  db: Db,
  row: { org_id: string; assertion_id: string; expires_at: string },
  now: string,
): Promise<boolean> {
  await db.deleteFrom('sso_seen_assertions').where('expires_at', '<', now).execute();
  const result = await db
    .insertInto('sso_seen_assertions')
    .values(row)
    .onConflict((oc) => oc.columns(['org_id', 'assertion_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function deleteExpiredRequests(db: Db, now: string): Promise<void> {
  await db.deleteFrom('sso_requests').where('expires_at', '<', now).execute();
}

export async function insertTest(db: Db, row: Insertable<SsoTestTable>): Promise<void> {
  await db.insertInto('sso_tests').values(row).execute();
}

export async function findTest(db: Db, orgId: string, id: string) {
  return db
    .selectFrom('sso_tests')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function completeTest(
  db: Db,
  id: string,
  outcome: Pick<SsoTestTable, 'status' | 'assertion' | 'failure_code' | 'failure_message' | 'completed_at'>,
): Promise<void> {
  await db
    .updateTable('sso_tests')
    .set(outcome)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

export async function markSsoLogin(db: Db, memberId: string, at: string): Promise<void> {
  await db.updateTable('members').set({ sso_login_at: at }).where('id', '=', memberId).execute();
}

export async function findSsoLoginAt(db: Db, memberId: string): Promise<string | null> {
  const row = await db
    .selectFrom('members')
    .select('sso_login_at')
    .where('id', '=', memberId)
    .executeTakeFirst();
  return row?.sso_login_at ?? null;
}

export async function markSessionSso(db: Db, idHash: string): Promise<void> {
  await db.updateTable('sessions').set({ sso: 1 }).where('id_hash', '=', idHash).execute();
}

/** An open, unexpired invitation for this address in the organization (the newest). */
export async function findUsableInvitationByEmail(db: Db, orgId: string, email: string, now: string) {
  return db
    .selectFrom('invitations')
    .select(['id', 'email', 'role', 'cloud_ids', 'cloud_roles', 'group_ids', 'invited_by', 'expires_at'])
    .where('org_id', '=', orgId)
    .where('email', '=', email)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

export async function markInvitationAcceptedBySso(
  db: Db,
  accept: { id: string; memberId: string; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ accepted_at: accept.at, accepted_member_id: accept.memberId })
    .where('id', '=', accept.id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', accept.at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
