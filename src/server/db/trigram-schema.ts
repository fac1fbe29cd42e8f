import { sql, type Kysely } from 'kysely';

/**
 * PostgreSQL: the schema pg_trgm was installed in, to name its operator class
 * (`<schema>.gin_trgm_ops`) from tables in any schema (tests give each file its
 * own). The migrations that build trigram indexes ask it.
 */
export async function trigramSchema(db: Kysely<unknown>): Promise<string> {
  const found = await sql<{ schema: string }>`
    select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace
    where e.extname = 'pg_trgm'
  `.execute(db);
  return found.rows[0]?.schema ?? 'public';
}
