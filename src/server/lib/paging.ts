import type { PageMetadata } from '../../contract/pagination.ts';
import { badRequest } from './errors.ts';

/**
 * Opaque keyset cursor: the sort key and id of the row at the page edge, and
 * which way to read from it. Bound to the sort so a token cannot be replayed
 * against a different ordering.
 */
export type Cursor = { sort: string; value: string; id: string; direction: 'next' | 'previous' };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.value, cursor.id, cursor.direction])).toString(
    'base64url',
  );
}

export function decodeCursor(token: string | undefined, sort: string): Cursor | undefined {
  if (!token) return undefined;
  try {
    const [tokenSort, value, id, direction] = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (
      tokenSort === sort &&
      typeof value === 'string' &&
      typeof id === 'string' &&
      (direction === 'next' || direction === 'previous')
    ) {
      return { sort, value, id, direction };
    }
  } catch {
    // fall through to the same answer as a well-formed but foreign token
  }
  throw badRequest(
    'invalid_paging_token',
    'The paging_token is not valid for this list. Start from the first page.',
  );
}

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

/**
 * Comparison and order for reading a keyset page in the cursor's direction:
 * reading backwards flips both, and `keysetPage` puts the rows back in order.
 */
export function keysetDirection(descending: boolean, cursor: Cursor | undefined) {
  const backwards = cursor?.direction === 'previous';
  const ascending = descending === backwards;
  return {
    comparison: ascending ? ('>' as const) : ('<' as const),
    order: ascending ? 'asc' : 'desc',
  } as const;
}
