import { sql, type Expression, type ExpressionBuilder, type SqlBool, type StringReference } from 'kysely';

/**
 * The rows strictly after a keyset cursor in (column, id) order, as the row
 * value comparison `(column, id) <cmp> (value, id)`. Both SQLite and
 * PostgreSQL turn it into an index range seek, so page 2,000 costs what page 1
 * costs (the equivalent `or` form made SQLite walk the index from the start).
 */
export function afterCursor<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: StringReference<DB, TB>,
  idColumn: StringReference<DB, TB>,
  comparison: '<' | '>',
  cursor: { value: string; id: string },
): Expression<SqlBool> {
  const key = eb.ref(column);
  const id = eb.ref(idColumn);
  return sql<SqlBool>`(${key}, ${id}) ${sql.raw(comparison)} (${cursor.value}, ${cursor.id})`;
}
