import type { Kysely } from 'kysely';
import type { Database, PasswordResetTable } from '../../db/schema.ts';

type Db = Kysely<Database>;

export async function insertPasswordReset(db: Db, reset: Omit<PasswordResetTable, 'used_at'>): Promise<void> {
  await db
    .insertInto('password_resets')
    .values({ ...reset, used_at: null })
    .execute();
}

export async function findPasswordReset(db: Db, tokenHash: string) {
  return db
    .selectFrom('password_resets')
    .select(['id', 'email', 'expires_at', 'used_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Claims the link: true for exactly one of several concurrent uses. */
export async function markPasswordResetUsed(db: Db, tokenHash: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('password_resets')
    .set({ used_at: at })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A new link makes the older unused ones of the same address useless. */
export async function retirePasswordResets(db: Db, email: string, at: string): Promise<void> {
  await db
    .updateTable('password_resets')
    .set({ used_at: at })
    .where('email', '=', email)
    .where('used_at', 'is', null)
    .execute();
}
