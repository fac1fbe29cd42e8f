import type { Kysely } from 'kysely';

/**
 * Service accounts (the platform's machine identities) are members with
 * `is_service_account = 1`: listed, given a role and removed like people, but
 * holding no password, so they can never sign in to the console.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('members')
    .addColumn('is_service_account', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('members').dropColumn('is_service_account').execute();
}
