import type { Kysely } from 'kysely';
import type { Database, ScimTokenTable } from '../../db/schema.ts';

type Db = Kysely<Database>;

export async function insertScimToken(db: Db, token: Omit<ScimTokenTable, 'last_used_at' | 'revoked_at'>) {
  await db
    .insertInto('scim_tokens')
    .values({ ...token, last_used_at: null, revoked_at: null })
    .execute();
}

export async function listActiveScimTokens(db: Db, orgId: string) {
  return db
    .selectFrom('scim_tokens')
    .select(['id', 'name', 'prefix', 'created_at', 'last_used_at'])
    .where('org_id', '=', orgId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

export async function findActiveScimToken(db: Db, orgId: string, id: string) {
  return db
    .selectFrom('scim_tokens')
    .select(['id', 'name'])
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function revokeScimToken(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('scim_tokens').set({ revoked_at: at }).where('id', '=', id).execute();
}

export async function hasActiveScimToken(db: Db, orgId: string): Promise<boolean> {
  const row = await db
    .selectFrom('scim_tokens')
    .select('id')
    .where('org_id', '=', orgId)
    .where('revoked_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The live token with this hash and the organization it names. */
export async function findScimTokenByHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('scim_tokens')
    .innerJoin('organizations', 'organizations.id', 'scim_tokens.org_id')
    .select([
      'scim_tokens.id',
      'scim_tokens.org_id',
      'scim_tokens.name',
      'scim_tokens.last_used_at',
      'organizations.name as org_name',
    ])
    .where('scim_tokens.token_hash', '=', tokenHash)
    .where('scim_tokens.revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function touchScimToken(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('scim_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

/** The directory groups a member is in (read-only in the console). */
export async function listDirectoryGroupsOfMember(db: Db, memberId: string) {
  return db
    .selectFrom('scim_users')
    .innerJoin('scim_group_members', 'scim_group_members.scim_user_id', 'scim_users.id')
    .innerJoin('scim_groups', 'scim_groups.id', 'scim_group_members.group_id')
    .select(['scim_groups.id', 'scim_groups.display_name'])
    .where('scim_users.member_id', '=', memberId)
    .where('scim_users.active', '=', 1)
    .orderBy('scim_groups.display_name')
    .execute();
}
