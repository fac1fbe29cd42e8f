import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

export async function countOrganizations(db: Db): Promise<number> {
  const row = await db
    .selectFrom('organizations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * PostgreSQL only: serializes first-run setup until the transaction ends. Under
 * READ COMMITTED two setups would otherwise both count zero organizations and
 * both insert one. (SQLite transactions begin IMMEDIATE, which already serializes.)
 */
export async function lockFirstRunSetup(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(${firstRunLockKey})`.execute(db);
}

/** An arbitrary constant naming the setup lock among advisory locks ("roster setup"). */
const firstRunLockKey = 0x52535455;

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
