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
