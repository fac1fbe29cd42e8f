import type { Kysely } from 'kysely';
import type { PermissionLevel } from '../../../contract/roles.ts';
import type { Database, MemberTable } from '../../db/schema.ts';
import { afterCursor } from '../../db/keyset.ts';
import { containsText } from '../../db/like.ts';
import { keysetDirection, type Cursor } from '../../lib/paging.ts';

type Db = Kysely<Database>;

export type MemberRow = Pick<
  MemberTable,
  'id' | 'user_id' | 'org_id' | 'email' | 'name' | 'role' | 'created_at' | 'search_text'
>;

const memberColumns = [
  'id',
  'user_id',
  'org_id',
  'email',
  'name',
  'role',
  'created_at',
  'search_text',
] as const;

export type SortColumn = 'search_text' | 'email' | 'created_at';

export type MemberFilters = {
  orgId: string;
  email?: string;
  q?: string;
  role?: PermissionLevel;
};

function filtered(db: Db, filters: MemberFilters) {
  return db
    .selectFrom('members')
    .where('org_id', '=', filters.orgId)
    .where('removed_at', 'is', null)
    .$if(filters.email !== undefined, (qb) => qb.where('email', '=', filters.email!))
    .$if(filters.role !== undefined, (qb) => qb.where('role', '=', filters.role!))
    .$if(Boolean(filters.q), (qb) => qb.where(containsText('search_text', filters.q!)));
}

export async function countMembers(db: Db, filters: MemberFilters): Promise<number> {
  if (filters.email === undefined && !filters.q) {
    // Unfiltered and role-filtered totals come from the counts triggers keep on
    // the organization row: constant time at any size.
    const org = await db
      .selectFrom('organizations')
      .select(['member_count', 'owner_count'])
      .where('id', '=', filters.orgId)
      .executeTakeFirst();
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

/**
 * Keyset page: rows strictly after (or before) the cursor in (column, id) order.
 * Reads `limit + 1` rows so the caller knows whether another page exists.
 */
export async function listMembersPage(
  db: Db,
  filters: MemberFilters,
  page: { column: SortColumn; descending: boolean; cursor?: Cursor; limit: number },
): Promise<MemberRow[]> {
  const { comparison, order } = keysetDirection(page.descending, page.cursor);
  const cursor = page.cursor;
  return filtered(db, filters)
    .select(memberColumns)
    .$if(cursor !== undefined, (qb) =>
      qb.where((eb) => afterCursor(eb, page.column, 'id', comparison, cursor!)),
    )
    .orderBy(page.column, order)
    .orderBy('id', order)
    .limit(page.limit + 1)
    .execute();
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
  member: Omit<MemberTable, 'search_text' | 'removed_at'>,
): Promise<void> {
  await db
    .insertInto('members')
    .values({ ...member, search_text: searchText(member.name, member.email), removed_at: null })
    .execute();
}

export function searchText(name: string, email: string): string {
  return `${name} ${email}`.toLowerCase();
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
