import type { AppDatabase } from '../../db/database.ts';
import { tooManyRequests } from '../../lib/errors.ts';
import * as repo from './rate-limits.repository.ts';

export type RateLimitRule = { max: number; windowMs: number; message: string };

export async function consume(
  database: AppDatabase,
  key: string,
  rule: RateLimitRule,
  now: Date,
): Promise<void> {
  const windowStart = new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs).toISOString();
  const count = await repo.hit(database.db, key, windowStart);
  if (count > rule.max) throw tooManyRequests(rule.message);
}

export async function reset(database: AppDatabase, key: string): Promise<void> {
  await repo.clear(database.db, key);
}
