import type { Kysely } from 'kysely';
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
export async function findSessionPrincipal(db: Db, idHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('members', 'members.id', 'sessions.member_id')
    .innerJoin('organizations', 'organizations.id', 'members.org_id')
    .select([...principalColumns, 'sessions.last_seen_at', 'sessions.expires_at'])
    .where('sessions.id_hash', '=', idHash)
    .where('members.removed_at', 'is', null)
    .executeTakeFirst();
}

export async function findApiKeyPrincipal(db: Db, tokenHash: string) {
  return db
    .selectFrom('api_keys')
    .innerJoin('members', 'members.id', 'api_keys.member_id')
    .innerJoin('organizations', 'organizations.id', 'members.org_id')
    .select([...principalColumns, 'api_keys.id as api_key_id', 'api_keys.last_used_at'])
    .where('api_keys.token_hash', '=', tokenHash)
    .where('api_keys.revoked_at', 'is', null)
    .where('members.removed_at', 'is', null)
    .executeTakeFirst();
}

export async function touchSession(db: Db, idHash: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
}

export async function touchApiKey(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
}

export async function insertSession(
  db: Db,
  session: { id_hash: string; member_id: string; created_at: string; expires_at: string },
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
    .select(['id', 'org_id', 'password_hash'])
    .where('email', '=', email)
    .where('removed_at', 'is', null)
    .where('password_hash', 'is not', null)
    .orderBy('created_at')
    .execute();
}
