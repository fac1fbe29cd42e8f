import type { AppDatabase } from '../../db/database.ts';
import { tooManyRequests } from '../../lib/errors.ts';
import * as repo from './rate-limits.repository.ts';

export type RateLimitRule = { max: number; windowMs: number; message: string };

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

/** Gives back an attempt that turned out not to count (e.g. a successful sign-in). */
export async function refund(database: AppDatabase, key: string, rule: RateLimitRule, now: Date) {
  await repo.unhit(database.db, key, windowOf(rule, now));
}

export async function reset(database: AppDatabase, key: string): Promise<void> {
  await repo.clear(database.db, key);
}
