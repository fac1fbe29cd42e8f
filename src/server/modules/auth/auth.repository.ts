import type { Kysely } from 'kysely';
import { preparedQuery } from '../../db/prepared.ts';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

const principalColumns = [
  'members.id as member_id',
  'members.user_id',
  'members.org_id',
  'members.email',
  'members.name',
  'members.role',
  'organizations.name as org_name',
  'organizations.sso_enabled',
] as const;

/** The session's member, read fresh on every request so role changes apply at once. */
const sessionPrincipal = preparedQuery((db, p: { idHash: string }) =>
  db
    .selectFrom('sessions')
    .innerJoin('members', 'members.id', 'sessions.member_id')
    .innerJoin('organizations', 'organizations.id', 'members.org_id')
    .select([...principalColumns, 'sessions.last_seen_at', 'sessions.expires_at'])
    .where('sessions.id_hash', '=', p.idHash)
    .where('members.removed_at', 'is', null),
);

export async function findSessionPrincipal(db: Db, idHash: string) {
  return sessionPrincipal.first(db, { idHash });
}

/** The API key's member, read on every request a script makes. */
const apiKeyPrincipal = preparedQuery((db, p: { tokenHash: string }) =>
  db
    .selectFrom('api_keys')
    .innerJoin('members', 'members.id', 'api_keys.member_id')
    .innerJoin('organizations', 'organizations.id', 'members.org_id')
    .select([
      ...principalColumns,
      'api_keys.id as api_key_id',
      'api_keys.last_used_at',
      'api_keys.last_used_ip',
      'api_keys.expires_at',
    ])
    .where('api_keys.token_hash', '=', p.tokenHash)
    .where('api_keys.revoked_at', 'is', null)
    .where('members.removed_at', 'is', null),
);

export async function findApiKeyPrincipal(db: Db, tokenHash: string) {
  return apiKeyPrincipal.first(db, { tokenHash });
}

export async function touchSession(db: Db, idHash: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
}

/** The member's "last active", for the Members page; called with the throttled session and key touches. */
export async function touchMemberActivity(db: Db, memberId: string, at: string): Promise<void> {
  await db
    .updateTable('members')
    .set({ last_active_at: at })
    .where('id', '=', memberId)
    .where('last_active_at', '<', at)
    .execute();
}

export async function touchApiKey(db: Db, id: string, at: string, ip: string | null): Promise<void> {
  await db.updateTable('api_keys').set({ last_used_at: at, last_used_ip: ip }).where('id', '=', id).execute();
}

export async function insertSession(
  db: Db,
  session: {
    id_hash: string;
    member_id: string;
    created_at: string;
    expires_at: string;
    user_agent: string | null;
    ip: string | null;
    /** 1: started by an SSO login */
    sso?: number;
  },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ ...session, last_seen_at: session.created_at })
    .execute();
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteSessionsOfMembers(db: Db, memberIds: string[]): Promise<number> {
  if (memberIds.length === 0) return 0;
  const result = await db.deleteFrom('sessions').where('member_id', 'in', memberIds).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Active members with this email who can sign in with a password, across organizations. */
export async function findLoginCandidates(db: Db, email: string) {
  return db
    .selectFrom('members')
    .select(['id', 'org_id', 'role', 'password_hash'])
    .where('email', '=', email)
    .where('removed_at', 'is', null)
    .where('password_hash', 'is not', null)
    .orderBy('created_at')
    .execute();
}

/** The member's sessions, most recently used first. */
export async function listSessionsOfMember(db: Db, memberId: string) {
  return db
    .selectFrom('sessions')
    .select(['id_hash', 'user_agent', 'ip', 'created_at', 'last_seen_at', 'expires_at'])
    .where('member_id', '=', memberId)
    .orderBy('last_seen_at', 'desc')
    .orderBy('id_hash')
    .execute();
}

/** Ends every session of these members but `keep` (null: every session); returns how many ended. */
export async function deleteSessionsOfMembersExcept(
  db: Db,
  memberIds: string[],
  keep: string | null,
): Promise<number> {
  if (memberIds.length === 0) return 0;
  let query = db.deleteFrom('sessions').where('member_id', 'in', memberIds);
  if (keep) query = query.where('id_hash', '!=', keep);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteSessionOfMember(db: Db, memberId: string, idHash: string): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where('member_id', '=', memberId)
    .where('id_hash', '=', idHash)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
