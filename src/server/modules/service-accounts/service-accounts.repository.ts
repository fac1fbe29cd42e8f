import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

/** An active service account of the organization, by its user id. */
export async function findServiceAccount(db: Db, orgId: string, userId: string) {
  return db
    .selectFrom('members')
    .select(['id', 'user_id', 'name', 'email'])
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('is_service_account', '=', 1)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
}
