import type { Kysely } from 'kysely';
import type { AppDatabase } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { withTransaction } from '../../db/transaction.ts';
import { tooManyRequests } from '../../lib/errors.ts';
import * as repo from './rate-limits.repository.ts';

export type RateLimitRule = { max: number; windowMs: number; message: string };

/** The database, or a transaction the caller holds to write more at once. */
type Executor = Kysely<Database>;

const windowOf = (rule: RateLimitRule, now: Date) =>
  new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs).toISOString();

export async function consume(
  database: AppDatabase,
  key: string,
  rule: RateLimitRule,
  now: Date,
): Promise<void> {
  const count = await repo.hit(database.db, key, windowOf(rule, now));
  if (count > rule.max) throw tooManyRequests(rule.message);
}

/**
 * Counts one attempt against each key in turn, in one transaction (one commit,
 * so one disk sync on SQLite, instead of one per key). Refused at the first key
 * over its limit, and then none of this attempt's hits count: a key it never
 * reached is untouched, and the ones before it get the attempt back.
 */
export async function consumeEach(
  database: AppDatabase,
  keys: string[],
  rule: RateLimitRule,
  now: Date,
): Promise<void> {
  await withTransaction(database, async (trx) => {
    for (const key of keys) {
      if ((await repo.hit(trx, key, windowOf(rule, now))) > rule.max) throw tooManyRequests(rule.message);
    }
  });
}

/** Gives back an attempt that turned out not to count (e.g. a successful sign-in). */
export async function refund(db: Executor, key: string, rule: RateLimitRule, now: Date) {
  await repo.unhit(db, key, windowOf(rule, now));
}

export async function reset(db: Executor, key: string): Promise<void> {
  await repo.clear(db, key);
}
