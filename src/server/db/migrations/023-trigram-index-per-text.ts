import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { trigramSchema } from '../trigram-schema.ts';

/**
 * PostgreSQL's member search index loses its org_id column (migration 019 put
 * it first). A multi-column GIN index keeps a separate posting list per
 * column's key, not a composite key: org_id added one list holding every
 * member of the organization, intersected on every search. At a million
 * members that made a search for a rare fragment cost 3.7 ms instead of
 * 0.9 ms. A small organization's search is answered from its own rows through
 * the (org_id, search_text, id) btree, which the planner picks from org_id's
 * statistics, so another organization's million members still cost it nothing.
 * SQLite's index (an FTS5 range per organization) is unchanged.
 */
export function trigramIndexPerTextMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect !== 'postgres') return;
      const schema = await trigramSchema(db);
      await sql`drop index if exists members_active_org_search_trgm`.execute(db);
      await sql`
        create index members_active_search_trgm on members
        using gin (search_text ${sql.id(schema)}.gin_trgm_ops) where removed_at is null
      `.execute(db);
    },
  };
}
