import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

export async function countOrganizations(db: Db): Promise<number> {
  const row = await db
    .selectFrom('organizations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertOrganization(
  db: Db,
  org: { id: string; name: string; created_at: string; sso_enabled?: boolean },
): Promise<void> {
  await db
    .insertInto('organizations')
    .values({ ...org, sso_enabled: org.sso_enabled ? 1 : 0 })
    .execute();
}

export async function findOrganization(db: Db, id: string) {
  return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
}
