import type { Expression, ExpressionBuilder, SqlBool, StringReference } from 'kysely';

/**
 * The rows strictly after a keyset cursor in (column, id) order, as
 * `column <cmp> value or (column = value and id <cmp> id)`: the form both
 * SQLite and PostgreSQL answer from a (…, column, id) index.
 */
export function afterCursor<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: StringReference<DB, TB>,
  idColumn: StringReference<DB, TB>,
  comparison: '<' | '>',
  cursor: { value: string; id: string },
): Expression<SqlBool> {
  // Generic references leave Kysely unable to infer the compared type; the
  // sort keys and ids are all text.
  const key = eb.ref(column) as Expression<string>;
  const id = eb.ref(idColumn) as Expression<string>;
  return eb.or([
    eb(key, comparison, cursor.value),
    eb.and([eb(key, '=', cursor.value), eb(id, comparison, cursor.id)]),
  ]);
}
