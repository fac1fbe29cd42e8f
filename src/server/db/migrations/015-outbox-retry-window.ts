import type { Kysely } from 'kysely';

/**
 * "Retry now" on a failed invitation gives its mail a fresh retry window:
 * `retry_window_from` is when the current window began (null: when the mail
 * was queued, `created_at`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('mail_outbox').addColumn('retry_window_from', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('mail_outbox').dropColumn('retry_window_from').execute();
}
