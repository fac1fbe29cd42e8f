import crypto from 'node:crypto';
import type { PageMetadata } from '#contract/pagination.ts';
import type { Config } from '../config.ts';
import { badRequest } from './errors.ts';
import { deriveKey } from './server-secret.ts';

/**
 * Keyset cursor: the sort key and id of the row at the page edge, and which
 * way to read from it.
 */
export type Cursor = { sort: string; value: string; id: string; direction: 'next' | 'previous' };

/**
 * What a paging token is bound to: the list, the organization, the sort and
 * the filters (the repository's filter object, visibility included). A token
 * minted for one scope is refused by every other.
 */
export type PagingScope = { key: Buffer; list: string; orgId: string; sort: string; filters: object };

export function pagingScope(config: Pick<Config, 'secret'>, scope: Omit<PagingScope, 'key'>): PagingScope {
  return { key: deriveKey(config.secret, 'paging'), ...scope };
}

/** The same text for the same scope, whatever order the filter keys were written in. */
function scopeText(scope: PagingScope): string {
  const sorted = (_key: string, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value;
  return JSON.stringify([scope.list, scope.orgId, scope.sort, scope.filters], sorted);
}

/**
 * An opaque token: AES-256-GCM over the edge row's key, with the scope as
 * associated data, so it reveals nothing of the row and is accepted only by
 * the list, filters, sort and organization it was minted for.
 */
export function encodeCursor(scope: PagingScope, cursor: Omit<Cursor, 'sort'>): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', scope.key, iv);
  cipher.setAAD(Buffer.from(scopeText(scope)));
  const body = Buffer.concat([
    cipher.update(JSON.stringify([cursor.value, cursor.id, cursor.direction === 'next' ? 1 : 0])),
    cipher.final(),
  ]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

export function decodeCursor(token: string | undefined, scope: PagingScope): Cursor | undefined {
  if (!token) return undefined;
  try {
    const raw = Buffer.from(token, 'base64url');
    if (raw.length > 28 && raw.toString('base64url') === token) {
      const decipher = crypto.createDecipheriv('aes-256-gcm', scope.key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(scopeText(scope)));
      decipher.setAuthTag(raw.subarray(12, 28));
      const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      const [value, id, next] = JSON.parse(text) as unknown[];
      if (typeof value === 'string' && typeof id === 'string' && (next === 1 || next === 0)) {
        return { sort: scope.sort, value, id, direction: next === 1 ? 'next' : 'previous' };
      }
    }
  } catch {
    // fall through: tampered, foreign and malformed tokens get the same answer
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
  options: { count: number; cursor: Cursor | undefined; scope: PagingScope; value: (row: Row) => string },
): { rows: Row[]; metadata: Omit<PageMetadata, 'total'> } {
  const { count, cursor, scope } = options;
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
    encodeCursor(scope, { value: options.value(row), id: row.id, direction });
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
