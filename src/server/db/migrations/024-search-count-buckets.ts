import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { trigramSchema } from '../trigram-schema.ts';

/**
 * PostgreSQL's member search total, counted without reading every match: the
 * trigram GIN index split in eight by a hash of the member id (partial indexes,
 * one per bucket). A GIN index answers only with a bitmap of all its matches,
 * so counting "up to 1,001" of a common fragment first collected all of them:
 * 16,523 for "garcia" at a million members, 6 ms of a 9 ms count. The count
 * now reads the buckets one after another and stops once the cap is passed,
 * usually within the first (db/search-index.ts). The whole index stays for
 * reading a search with few matches, which needs every bucket anyway.
 * SQLite's index (an FTS5 range per organization, read in rowid order) stops
 * at the cap already.
 *
 * The bucket expression and count are the ones db/search-index.ts queries
 * with (the planner uses a partial index only for the same predicate);
 * search.test.ts checks that the count is answered from these indexes.
 */
export function searchCountBucketsMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect !== 'postgres') return;
      const schema = await trigramSchema(db);
      for (let bucket = 0; bucket < 8; bucket++) {
        await sql`
          create index ${sql.id(`members_active_search_trgm_${bucket}`)} on members
          using gin (search_text ${sql.id(schema)}.gin_trgm_ops)
          where removed_at is null and (hashtext(id) & 7) = ${sql.lit(bucket)}
        `.execute(db);
      }
    },
  };
}
