import type { PageMetadata } from '../../../contract/pagination.ts';
import { encodeCursor, type Cursor } from '../../lib/paging.ts';

/**
 * Turns the `limit + 1` rows a keyset query read into one page and its
 * tokens. Rows read backwards (from a "previous" cursor) come in reverse order
 * and are put back in display order here.
 */
export function keysetPage<Row extends { id: string }>(
  rows: Row[],
  options: { count: number; cursor: Cursor | undefined; sort: string; value: (row: Row) => string },
): { rows: Row[]; metadata: Omit<PageMetadata, 'total'> } {
  const { count, cursor, sort } = options;
  const hasMore = rows.length > count;
  const page = rows.slice(0, count);
  const backwards = cursor?.direction === 'previous';
  if (backwards) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  // Moving forward, a previous page exists when we came from a cursor; moving
  // backward, a next page always exists (the one we came from).
  const hasNext = backwards ? true : hasMore;
  const hasPrevious = backwards ? hasMore : cursor !== undefined;
  const edge = (row: Row, direction: Cursor['direction']) =>
    encodeCursor({ sort, value: options.value(row), id: row.id, direction });
  return {
    rows: page,
    metadata: {
      next_paging_token: hasNext && last ? edge(last, 'next') : null,
      previous_paging_token: hasPrevious && first ? edge(first, 'previous') : null,
    },
  };
}

/** Comparison and order for reading a keyset page in the cursor's direction. */
export function keysetDirection(descending: boolean, cursor: Cursor | undefined) {
  const backwards = cursor?.direction === 'previous';
  const ascending = descending === backwards;
  return {
    comparison: ascending ? ('>' as const) : ('<' as const),
    order: ascending ? 'asc' : 'desc',
  } as const;
}
