import { sql, SqliteAdapter, type Insertable, type Kysely, type SqlBool } from 'kysely';
import type { MemberSource } from '#contract/enums.ts';
import type { PermissionLevel } from '#contract/roles.ts';
import type { Database, MemberTable } from '../../db/schema.ts';
import { indexWalkExecutor } from '../../db/database.ts';
import { afterCursor } from '../../db/keyset.ts';
import { preparedQuery } from '../../db/prepared.ts';
import {
  countSearchCandidates,
  memberSearch,
  SEARCH_COUNT_BUCKETS,
  searchCountBucket,
  searchMatch,
} from '../../db/search-index.ts';
import { foldSearchText, SEARCH_TOTAL_CAP } from '../../db/search-text.ts';
import { containsTextIgnoringCase } from '../../db/like.ts';
import { keysetDirection, type Cursor } from '../../lib/paging.ts';

type Db = Kysely<Database>;

/** A member as the list shows it (and as the export writes it). */
export type ListedMemberRow = Pick<
  MemberTable,
  'id' | 'user_id' | 'email' | 'name' | 'role' | 'created_at' | 'search_text'
> & {
  last_active_at: string;
  is_service_account: number;
  source: MemberSource;
  sso_login_at: string | null;
};

export type MemberRow = ListedMemberRow & Pick<MemberTable, 'org_id' | 'invited_by'>;

const listedColumns = [
  'id',
  'user_id',
  'email',
  'name',
  'role',
  'created_at',
  'search_text',
  'last_active_at',
  'is_service_account',
  'source',
  'sso_login_at',
] as const;

const memberColumns = [...listedColumns, 'org_id', 'invited_by'] as const;

export type SortColumn = 'search_text' | 'email' | 'created_at' | 'last_active_at';

export type MemberFilters = {
  orgId: string;
  email?: string;
  q?: string;
  role?: PermissionLevel;
  /** Part of the name, any case (the platform's `name` filter). */
  name?: string;
  serviceAccounts?: boolean;
  source?: MemberSource;
  /** Whether they have ever signed in through SSO. */
  ssoSignedIn?: boolean;
};

/**
 * How a search is answered from an index, never a scan of every member
 * (see searchMatch): 1–2 characters seek the name and email indexes; 3+
 * characters on PostgreSQL use the trigram GIN index (org_id first); on
 * SQLite the organization's FTS candidates are read when they are few
 * ("sparse"), and when a fragment is common the name index is walked in order
 * and the first page of matches comes quickly. The LIKE test is kept in every
 * case, so the answer is exactly the substring match the scan gave.
 */
export { memberSearch, type MemberSearch } from '../../db/search-index.ts';

function isSqlite(db: Db): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

function filtered(db: Db, filters: MemberFilters, sparse = false) {
  const search = memberSearch(filters.q);
  return db
    .selectFrom('members')
    .where('org_id', '=', filters.orgId)
    .where('removed_at', 'is', null)
    .$if(filters.email !== undefined, (qb) => qb.where('email', '=', filters.email!))
    .$if(filters.role !== undefined, (qb) => qb.where('role', '=', filters.role!))
    .$if(filters.name !== undefined, (qb) => qb.where(containsTextIgnoringCase('name', filters.name!)))
    .$if(filters.serviceAccounts !== undefined, (qb) =>
      qb.where('is_service_account', '=', filters.serviceAccounts ? 1 : 0),
    )
    .$if(filters.source !== undefined, (qb) => qb.where('source', '=', filters.source!))
    .$if(filters.ssoSignedIn !== undefined, (qb) =>
      qb.where('sso_login_at', filters.ssoSignedIn ? 'is not' : 'is', null),
    )
    .$if(search !== undefined, (qb) =>
      qb.where(searchMatch('members', filters.orgId, search!, sparse && isSqlite(db))),
    );
}

/**
 * PostgreSQL: how many members match, counting no further than `limit`, one
 * bucket of the search index after another (migration 024). A GIN index hands
 * over all its matches at once, so the whole index would collect every match
 * of a common fragment (16,523 at a million members) to count a thousand; the
 * buckets are read in turn, and reading stops once `limit` rows have come.
 */
async function countByBucket(db: Db, filters: MemberFilters, limit: number): Promise<number> {
  const bucket = (index: number) =>
    db
      .selectFrom(
        filtered(db, filters)
          .where(sql<SqlBool>`${searchCountBucket('members.id')} = ${sql.lit(index)}`)
          .select(sql.lit(1).as('one'))
          .limit(limit)
          .as(`bucket_${index}`),
      )
      .select('one');
  let matches = bucket(0);
  for (let index = 1; index < SEARCH_COUNT_BUCKETS; index++) matches = matches.unionAll(bucket(index));
  const row = await db
    .selectFrom(db.selectFrom(matches.as('matches')).select('one').limit(limit).as('capped'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Total of a search, exact up to SEARCH_TOTAL_CAP and "at least" beyond: it
 * stops reading at cap + 1 matches, so a common fragment costs no more than a
 * rare one. `capped` also tells the page which way to read (see memberSearch).
 */
export async function countSearchMatches(
  db: Db,
  filters: MemberFilters,
): Promise<{ total: number; capped: boolean }> {
  const search = memberSearch(filters.q);
  let n: number;
  const sqlite = isSqlite(db);
  if (
    search &&
    !search.short &&
    sqlite &&
    filters.role === undefined &&
    filters.email === undefined &&
    filters.name === undefined &&
    filters.serviceAccounts === undefined &&
    filters.source === undefined &&
    filters.ssoSignedIn === undefined
  ) {
    // The organization's range of the index alone: an exact substring match, no table rows read.
    const row = await countSearchCandidates(filters.orgId, search.text, SEARCH_TOTAL_CAP + 1).execute(db);
    n = Number(row.rows[0]?.n ?? 0);
  } else if (search && !search.short && !sqlite) {
    n = await countByBucket(db, filters, SEARCH_TOTAL_CAP + 1);
  } else {
    const row = await db
      .selectFrom(
        filtered(db, filters, sqlite)
          .select(sql.lit(1).as('one'))
          .limit(SEARCH_TOTAL_CAP + 1)
          .as('matches'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    n = Number(row.n);
  }
  return { total: Math.min(n, SEARCH_TOTAL_CAP), capped: n > SEARCH_TOTAL_CAP };
}

const organizationCounts = preparedQuery((db, p: { orgId: string }) =>
  db.selectFrom('organizations').select(['member_count', 'owner_count']).where('id', '=', p.orgId),
);

/** No filter but (perhaps) the role: the organization's whole list. */
function unfiltered(filters: MemberFilters): boolean {
  return (
    filters.email === undefined &&
    !filters.q &&
    filters.name === undefined &&
    filters.serviceAccounts === undefined &&
    filters.source === undefined &&
    filters.ssoSignedIn === undefined
  );
}

export async function countMembers(db: Db, filters: MemberFilters): Promise<number> {
  if (unfiltered(filters)) {
    // Unfiltered and role-filtered totals come from the counts triggers keep on
    // the organization row: constant time at any size.
    const org = await organizationCounts.first(db, { orgId: filters.orgId });
    if (!org) return 0;
    if (filters.role === 'owner') return Number(org.owner_count);
    if (filters.role === 'collaborator') return Number(org.member_count) - Number(org.owner_count);
    return Number(org.member_count);
  }
  const row = await filtered(db, filters)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

type PlainPageParams = { orgId: string; limit: number; value?: string; id?: string };
const plainPages = new Map<string, ReturnType<typeof preparedQuery<PlainPageParams, ListedMemberRow>>>();

/**
 * The unfiltered page, which is what nearly every request for the list asks
 * for: built and compiled once per sort, direction and cursor presence rather
 * than on every request (the same query as the filtered path's).
 */
function plainPage(column: SortColumn, order: 'asc' | 'desc', comparison: '<' | '>' | null) {
  const key = `${column} ${order} ${comparison ?? ''}`;
  let query = plainPages.get(key);
  if (!query) {
    query = preparedQuery((db, p: PlainPageParams) =>
      db
        .selectFrom('members')
        .select(listedColumns)
        .where('org_id', '=', p.orgId)
        .where('removed_at', 'is', null)
        .$if(comparison !== null, (qb) =>
          qb.where((eb) => afterCursor(eb, column, 'id', comparison!, { value: p.value!, id: p.id! })),
        )
        .orderBy(column, order)
        .orderBy('id', order)
        .limit(p.limit),
    );
    plainPages.set(key, query);
  }
  return query;
}

/**
 * Keyset page: rows strictly after (or before) the cursor in (column, id) order.
 * Reads `limit + 1` rows so the caller knows whether another page exists.
 */
export async function listMembersPage(
  db: Db,
  filters: MemberFilters,
  page: {
    column: SortColumn;
    descending: boolean;
    cursor?: Cursor;
    limit: number;
    /** A search with few matches (its total is not capped): read them from the search index and sort. */
    sparse?: boolean;
  },
): Promise<ListedMemberRow[]> {
  const { comparison, order } = keysetDirection(page.descending, page.cursor);
  const cursor = page.cursor;
  const sparse = page.sparse ?? false;
  if (unfiltered(filters) && filters.role === undefined) {
    const limit = page.limit + 1;
    return cursor
      ? plainPage(page.column, order, comparison).all(db, {
          orgId: filters.orgId,
          limit,
          value: cursor.value,
          id: cursor.id,
        })
      : plainPage(page.column, order, null).all(db, { orgId: filters.orgId, limit });
  }
  const ordered = (executor: Db) =>
    filtered(executor, filters, sparse)
      .$if(cursor !== undefined, (qb) =>
        qb.where((eb) => afterCursor(eb, page.column, 'id', comparison, cursor!)),
      )
      .orderBy(page.column, order)
      .orderBy('id', order)
      .limit(page.limit + 1);
  const search = memberSearch(filters.q);
  if (!search || search.short || sparse) return ordered(db).select(listedColumns).execute();
  // A common fragment (more than SEARCH_TOTAL_CAP matches): walk the sort's
  // index in order and stop at a page. Reading ids first lets the walk test the
  // text on index entries (search_text is in the name index), so only the
  // page's own rows are read: at a million members, 3,400 rows read for 51
  // became 51.
  const walk = (executor: Db) =>
    executor
      .selectFrom('members')
      .select(listedColumns)
      .where('id', 'in', ordered(executor).select('members.id'))
      .orderBy(page.column, order)
      .orderBy('id', order)
      .execute();
  if (isSqlite(db)) return walk(db);
  // PostgreSQL's planner would rather read every match (trigram index or a scan)
  // and sort them whenever it guesses the fragment's matches are few, and its
  // guess for '%fragment%' is often far off (100 estimated for 16,523 found):
  // 38 ms instead of 2 ms at a million members (at 100k it read every member of
  // the role index and sorted: 51 ms instead of 1). We know they are many, so
  // the walk is the only plan it is left.
  const walker = indexWalkExecutor(db);
  if (walker) return walk(walker);
  return db.transaction().execute(async (trx) => {
    // One round trip for the three settings (each a `set local`).
    await sql`select set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', 'off', true),
      set_config('enable_sort', 'off', true)`.execute(trx);
    return walk(trx);
  });
}

export async function findMember(db: Db, orgId: string, id: string): Promise<MemberRow | undefined> {
  return db
    .selectFrom('members')
    .select(memberColumns)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
}

/** By identity id or by user id: the platform's clients address a collaborator either way. */
export async function findMemberByAnyId(db: Db, orgId: string, id: string): Promise<MemberRow | undefined> {
  return db
    .selectFrom('members')
    .select(memberColumns)
    .where('org_id', '=', orgId)
    .where((eb) => eb.or([eb('id', '=', id), eb('user_id', '=', id)]))
    .where('removed_at', 'is', null)
    .executeTakeFirst();
}

export async function findActiveMemberByEmail(db: Db, orgId: string, email: string) {
  return db
    .selectFrom('members')
    .select(memberColumns)
    .where('org_id', '=', orgId)
    .where('email', '=', email)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
}

export async function insertMember(
  db: Db,
  member: Omit<Insertable<MemberTable>, 'search_text' | 'removed_at'>,
): Promise<void> {
  await db
    .insertInto('members')
    .values({ ...member, search_text: searchText(member.name, member.email), removed_at: null })
    .execute();
}

export function searchText(name: string, email: string): string {
  return foldSearchText(`${name} ${email}`);
}

export async function countOwners(db: Db, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .where('role', '=', 'owner')
    .where('removed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Active members of `orgId` among `ids` (ids outside the organization are simply absent). */
export async function findMembersByIds(db: Db, orgId: string, ids: string[]): Promise<MemberRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('members')
    .select(memberColumns)
    .where('org_id', '=', orgId)
    .where('id', 'in', ids)
    .where('removed_at', 'is', null)
    .execute();
}

export async function findActiveMemberByUserId(db: Db, orgId: string, userId: string) {
  return db
    .selectFrom('members')
    .select(memberColumns)
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
}

export async function updateMemberRole(db: Db, id: string, role: PermissionLevel): Promise<void> {
  await db.updateTable('members').set({ role }).where('id', '=', id).execute();
}

/** Soft removal: the row stays so what they created keeps their name. */
export async function markMembersRemoved(db: Db, orgId: string, ids: string[], at: string): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable('members')
    .set({ removed_at: at })
    .where('org_id', '=', orgId)
    .where('id', 'in', ids)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function findPasswordHash(db: Db, memberId: string): Promise<string | null> {
  const row = await db
    .selectFrom('members')
    .select('password_hash')
    .where('id', '=', memberId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return row?.password_hash ?? null;
}

export async function updatePasswordHash(db: Db, memberIds: string[], passwordHash: string): Promise<void> {
  if (memberIds.length === 0) return;
  await db.updateTable('members').set({ password_hash: passwordHash }).where('id', 'in', memberIds).execute();
}

/** A member by id, removed or not (who invited someone may have left since). */
export async function findMemberName(db: Db, orgId: string, id: string) {
  return db
    .selectFrom('members')
    .select(['id', 'name', 'removed_at'])
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

// One shape per number of members asked about (a page binds up to 100 ids).
const groupsOfMembers = preparedQuery(
  (db, p: { orgId: string; memberIds: readonly string[] }) =>
    db
      .selectFrom('group_members')
      .innerJoin('groups', 'groups.id', 'group_members.group_id')
      .where('groups.org_id', '=', p.orgId)
      .where('group_members.member_id', 'in', p.memberIds)
      .select(['group_members.member_id', 'groups.id', 'groups.name'])
      .orderBy('groups.name_key'),
  (p) => String(p.memberIds.length),
);

/** The groups each of these members belongs to, by name: one indexed read for a page of members. */
export async function listGroupsOfMembers(db: Db, orgId: string, memberIds: string[]) {
  if (memberIds.length === 0) return [];
  return groupsOfMembers.all(db, { orgId, memberIds });
}
