import { sql, type RawBuilder, type SqlBool } from 'kysely';

/**
 * `column like '%q%'` with the LIKE wildcards in `q` taken literally, matched
 * against a lower-cased column (search_text) the same way on both databases.
 */
export function containsText(column: string, q: string): RawBuilder<SqlBool> {
  const escaped = q.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`);
  return sql<SqlBool>`${sql.ref(column)} like ${`%${escaped}%`} escape '\\'`;
}

/** The same test against lower(column), for a column not stored lower-cased (lower() folds ASCII only on SQLite). */
export function containsTextIgnoringCase(column: string, q: string): RawBuilder<SqlBool> {
  const escaped = q.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`);
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${`%${escaped}%`} escape '\\'`;
}
