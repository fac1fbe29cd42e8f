import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { containsText } from './like.ts';
import { foldSearchText, SHORT_QUERY_LENGTH } from './search-text.ts';

/**
 * SQLite's member search index (migration 019): an FTS5 trigram table whose
 * rowid is `organization rowid << 32 | member rowid`, over active members only.
 * Queries here take text already folded (foldSearchText) and of 3+ characters.
 */

const memberRowidMask = 4294967295; // 2^32 - 1

function phrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** The index entries of one organization's members containing `text`: one rowid range, sought directly. */
function matching(orgId: string, text: string): RawBuilder<unknown> {
  return sql`
    members_search match ${phrase(text)}
    and members_search.rowid between (select rowid << 32 from organizations where id = ${orgId})
      and (select (rowid << 32) | ${sql.lit(memberRowidMask)} from organizations where id = ${orgId})
  `;
}

/** `members.rowid` of the organization's active members whose search_text contains `text`. */
export function searchCandidates(orgId: string, text: string): RawBuilder<unknown> {
  return sql`select members_search.rowid & ${sql.lit(memberRowidMask)} from members_search where ${matching(orgId, text)}`;
}

/** How many active members of the organization contain `text`, counting no further than `limit`. */
export function countSearchCandidates(orgId: string, text: string, limit: number): RawBuilder<{ n: number }> {
  return sql<{ n: number }>`
    select count(*) as n from (select 1 from members_search where ${matching(orgId, text)} limit ${limit})
  `;
}

/** A member search as typed, folded; `short` ones (1–2 characters) match the start of a name or email. */
export type MemberSearch = { text: string; short: boolean };

export function memberSearch(q: string | undefined): MemberSearch | undefined {
  const text = foldSearchText(q ?? '').trim();
  if (!text) return undefined;
  return { text, short: [...text].length <= SHORT_QUERY_LENGTH };
}

// Above every character in both databases' byte-order comparison of text.
const AFTER_PREFIX = '\u{10FFFF}';

/**
 * The search condition on a members table (`table` is its name or alias):
 *  - 1–2 characters: the start of search_text (which starts with the name) or
 *    of the email, range seeks on their indexes; trigrams need three;
 *  - 3+ characters: `like '%q%'` (wildcards taken literally), which PostgreSQL
 *    answers from its trigram GIN index; on SQLite, with `fromIndex`, only the
 *    organization's candidates from the FTS table are tested.
 */
export function searchMatch(
  table: string,
  orgId: string,
  search: MemberSearch,
  fromIndex: boolean,
): RawBuilder<SqlBool> {
  const column = (name: string) => sql.ref(`${table}.${name}`);
  if (search.short) {
    const end = `${search.text}${AFTER_PREFIX}`;
    return sql<SqlBool>`((${column('search_text')} >= ${search.text} and ${column('search_text')} < ${end})
      or (${column('email')} >= ${search.text} and ${column('email')} < ${end}))`;
  }
  const like = containsText(`${table}.search_text`, search.text);
  if (!fromIndex) return like;
  return sql<SqlBool>`(${column('rowid')} in (${searchCandidates(orgId, search.text)}) and ${like})`;
}

/**
 * PostgreSQL's search total is counted bucket by bucket, each bucket with its
 * own partial trigram index (migration 024 creates them with this same
 * expression, which the planner needs to see to use them).
 */
export const SEARCH_COUNT_BUCKETS = 8;

/** The count bucket of a member row, 0 to SEARCH_COUNT_BUCKETS − 1, from its id. */
export function searchCountBucket(idColumn: string): RawBuilder<number> {
  return sql<number>`(hashtext(${sql.ref(idColumn)}) & ${sql.lit(SEARCH_COUNT_BUCKETS - 1)})`;
}
