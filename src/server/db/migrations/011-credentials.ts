import type { Kysely } from 'kysely';

/**
 * Credentials people expect: sessions remember the device and address they
 * started from; API keys expire and remember where they were last used;
 * password reset links (single-use, short-lived, stored as SHA-256 only).
 *
 * Keys created before this migration get 90 days from now (the default a new
 * key gets), so no existing script breaks today and none lives forever.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('user_agent', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('ip', 'text').execute();

  await db.schema.alterTable('api_keys').addColumn('expires_at', 'text').execute();
  await db.schema.alterTable('api_keys').addColumn('last_used_ip', 'text').execute();
  const inNinetyDays = new Date(Date.now() + 90 * 24 * 60 * 60_000).toISOString();
  await db
    .withTables<{ api_keys: { expires_at: string | null } }>()
    .updateTable('api_keys')
    .set({ expires_at: inNinetyDays })
    .execute();

  await db.schema
    .createTable('password_resets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('password_resets_email').on('password_resets').column('email').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('password_resets').execute();
  await db.schema.alterTable('api_keys').dropColumn('last_used_ip').execute();
  await db.schema.alterTable('api_keys').dropColumn('expires_at').execute();
  await db.schema.alterTable('sessions').dropColumn('ip').execute();
  await db.schema.alterTable('sessions').dropColumn('user_agent').execute();
}
