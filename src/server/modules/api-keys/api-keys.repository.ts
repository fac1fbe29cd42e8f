import type { Kysely } from 'kysely';
import type { ApiKeyTable, Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

export async function insertApiKey(
  db: Db,
  key: Omit<ApiKeyTable, 'last_used_at' | 'last_used_ip' | 'revoked_at'>,
) {
  await db
    .insertInto('api_keys')
    .values({ ...key, last_used_at: null, last_used_ip: null, revoked_at: null })
    .execute();
}

export async function listActiveApiKeys(db: Db, memberId: string) {
  return db
    .selectFrom('api_keys')
    .select(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'last_used_ip', 'expires_at'])
    .where('member_id', '=', memberId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

export async function findActiveApiKey(db: Db, memberId: string, id: string) {
  return db
    .selectFrom('api_keys')
    .select(['id', 'name'])
    .where('member_id', '=', memberId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function revokeApiKey(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('api_keys').set({ revoked_at: at }).where('id', '=', id).execute();
}

/** Revokes every live key of these members; returns how many died. */
export async function revokeApiKeysOfMembers(db: Db, memberIds: string[], at: string): Promise<number> {
  if (memberIds.length === 0) return 0;
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: at })
    .where('member_id', 'in', memberIds)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
