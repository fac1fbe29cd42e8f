import { sql, type Transaction } from 'kysely';
import type { AppDatabase } from './database.ts';
import type { Database } from './schema.ts';

export type Trx = Transaction<Database>;

/**
 * Runs `work` in a transaction that holds the organization's write lock, so
 * rules that count owners hold under concurrent requests.
 * SQLite: the transaction begins IMMEDIATE (database write lock).
 * PostgreSQL: the organization row is locked FOR UPDATE; locking only the
 * target member would let two owners demote each other at once.
 */
export async function withOrganizationLock<T>(
  database: AppDatabase,
  organizationId: string,
  work: (trx: Trx) => Promise<T>,
): Promise<T> {
  return database.db.transaction().execute(async (trx) => {
    if (database.dialect === 'postgres') {
      await sql`select id from organizations where id = ${organizationId} for update`.execute(trx);
    }
    return work(trx);
  });
}

/** A plain transaction (BEGIN IMMEDIATE on SQLite). */
export async function withTransaction<T>(database: AppDatabase, work: (trx: Trx) => Promise<T>): Promise<T> {
  return database.db.transaction().execute(work);
}
