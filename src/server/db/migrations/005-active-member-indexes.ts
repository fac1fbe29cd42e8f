import { sql, type Kysely } from 'kysely';

/**
 * Partial indexes over active members only. Listing filters on
 * `removed_at is null`; with these the count, the search and the name-ordered
 * page are answered from the index alone, so a 100k-member organization reads
 * no table rows for them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('members_active_search')
    .on('members')
    .columns(['org_id', 'search_text', 'id'])
    .where(sql.ref('removed_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('members_active_role')
    .on('members')
    .columns(['org_id', 'role', 'search_text', 'id'])
    .where(sql.ref('removed_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('members_active_role').execute();
  await db.schema.dropIndex('members_active_search').execute();
}
