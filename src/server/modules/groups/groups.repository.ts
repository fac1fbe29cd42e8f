import { sql, type Kysely } from 'kysely';
import type { Database, GroupTable } from '../../db/schema.ts';
import { afterCursor } from '../../db/keyset.ts';
import { containsText, containsTextIgnoringCase } from '../../db/like.ts';
import { keysetDirection, type Cursor } from '../../lib/paging.ts';
import { grantedTo } from '../clouds/cloud-access.repository.ts';

type Db = Kysely<Database>;

export type GroupRow = GroupTable & { member_count: number; cloud_count: number };

export type GroupFilters = {
  orgId: string;
  q?: string;
  source?: GroupTable['source'];
  /** Only groups this member belongs to. */
  memberId?: string;
};

function filtered(db: Db, filters: GroupFilters) {
  return db
    .selectFrom('groups as g')
    .where('g.org_id', '=', filters.orgId)
    .$if(filters.q !== undefined, (qb) => qb.where(containsTextIgnoringCase('g.name_key', filters.q!)))
    .$if(filters.source !== undefined, (qb) => qb.where('g.source', '=', filters.source!))
    .$if(filters.memberId !== undefined, (qb) =>
      qb.where((eb) =>
        eb.exists(
          eb
            .selectFrom('group_members as fm')
            .select('fm.group_id')
            .whereRef('fm.group_id', '=', 'g.id')
            .where('fm.member_id', '=', filters.memberId!),
        ),
      ),
    );
}

function withCounts(db: Db, filters: GroupFilters) {
  return filtered(db, filters).select((eb) => [
    'g.id',
    'g.org_id',
    'g.name',
    'g.name_key',
    'g.source',
    'g.scim_group_id',
    'g.created_by',
    'g.created_at',
    'g.updated_at',
    eb
      .selectFrom('group_members as gm')
      .innerJoin('members as m', 'm.id', 'gm.member_id')
      .select((inner) => inner.fn.countAll<number>().as('n'))
      .whereRef('gm.group_id', '=', 'g.id')
      .where('m.removed_at', 'is', null)
      .as('member_count'),
    eb
      .selectFrom('group_cloud_grants as gc')
      .select((inner) => inner.fn.countAll<number>().as('n'))
      .whereRef('gc.group_id', '=', 'g.id')
      .as('cloud_count'),
  ]);
}

const counted = <T extends { member_count: unknown; cloud_count: unknown }>(row: T) => ({
  ...row,
  member_count: Number(row.member_count ?? 0),
  cloud_count: Number(row.cloud_count ?? 0),
});

export async function countGroups(db: Db, filters: GroupFilters): Promise<number> {
  const row = await filtered(db, filters)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Keyset page by (name_key, id); reads `limit + 1` rows. */
export async function listGroupsPage(
  db: Db,
  filters: GroupFilters,
  page: { cursor?: Cursor; limit: number },
): Promise<GroupRow[]> {
  const { comparison, order } = keysetDirection(false, page.cursor);
  const cursor = page.cursor;
  const rows = await withCounts(db, filters)
    .$if(cursor !== undefined, (qb) =>
      qb.where((eb) => afterCursor(eb, 'g.name_key', 'g.id', comparison, cursor!)),
    )
    .orderBy('g.name_key', order)
    .orderBy('g.id', order)
    .limit(page.limit + 1)
    .execute();
  return rows.map(counted);
}

export async function findGroup(db: Db, orgId: string, id: string): Promise<GroupRow | undefined> {
  const row = await withCounts(db, { orgId }).where('g.id', '=', id).executeTakeFirst();
  return row ? counted(row) : undefined;
}

export async function findGroupByName(db: Db, orgId: string, name: string) {
  return db
    .selectFrom('groups')
    .select(['id', 'name', 'source'])
    .where('org_id', '=', orgId)
    .where('name_key', '=', name.toLowerCase())
    .executeTakeFirst();
}

export async function insertGroup(db: Db, group: GroupTable): Promise<void> {
  await db.insertInto('groups').values(group).execute();
}

export async function renameGroup(db: Db, id: string, name: string, at: string): Promise<void> {
  await db
    .updateTable('groups')
    .set({ name, name_key: name.toLowerCase(), updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** The group, its memberships and its cloud grants. */
export async function deleteGroup(db: Db, id: string): Promise<void> {
  await db.deleteFrom('group_cloud_grants').where('group_id', '=', id).execute();
  await db.deleteFrom('group_members').where('group_id', '=', id).execute();
  await db.deleteFrom('groups').where('id', '=', id).execute();
}

export type GroupCloudRow = {
  id: string;
  name: string;
  provider: 'aws' | 'gcp' | 'azure' | 'kubernetes';
  owner_member_id: string | null;
  role: 'owner' | 'write' | 'readonly';
  created_at: string;
  granted_by_id: string | null;
  granted_by_user_id: string | null;
  granted_by_name: string | null;
  granted_by_email: string | null;
  granted_by_removed_at: string | null;
};

/** The clouds granted to the group, by name; `visibleTo` (a member id) keeps those that member can see. */
export async function listGroupClouds(
  db: Db,
  groupId: string,
  visibleTo: string | null = null,
): Promise<GroupCloudRow[]> {
  return db
    .selectFrom('group_cloud_grants as gc')
    .innerJoin('clouds as c', 'c.id', 'gc.cloud_id')
    .leftJoin('members as gb', 'gb.id', 'gc.granted_by')
    .select([
      'c.id',
      'c.name',
      'c.provider',
      'c.owner_member_id',
      'gc.role',
      'gc.created_at',
      'gb.id as granted_by_id',
      'gb.user_id as granted_by_user_id',
      'gb.name as granted_by_name',
      'gb.email as granted_by_email',
      'gb.removed_at as granted_by_removed_at',
    ])
    .where('gc.group_id', '=', groupId)
    .$if(visibleTo !== null, (qb) =>
      qb.where((eb) => eb.or([eb('c.owner_member_id', '=', visibleTo!), grantedTo('c.id', visibleTo!)])),
    )
    .orderBy('c.name')
    .orderBy('c.id')
    .execute();
}

export type GroupMemberRow = {
  id: string;
  user_id: string;
  name: string;
  email: string;
  role: 'owner' | 'collaborator';
  search_text: string;
  added_at: string;
  added_by_id: string | null;
  added_by_user_id: string | null;
  added_by_name: string | null;
  added_by_email: string | null;
  added_by_removed_at: string | null;
};

function membersOf(db: Db, groupId: string, q?: string) {
  return db
    .selectFrom('group_members as gm')
    .innerJoin('members as m', 'm.id', 'gm.member_id')
    .where('gm.group_id', '=', groupId)
    .where('m.removed_at', 'is', null)
    .$if(q !== undefined, (qb) => qb.where(containsText('m.search_text', q!)));
}

export async function countGroupMembers(db: Db, groupId: string, q?: string): Promise<number> {
  const row = await membersOf(db, groupId, q)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Keyset page by (search_text, id), i.e. by name; `limit` null reads them all. */
export async function listGroupMembersPage(
  db: Db,
  groupId: string,
  page: { q?: string; cursor?: Cursor; limit: number | null },
): Promise<GroupMemberRow[]> {
  const { comparison, order } = keysetDirection(false, page.cursor);
  const cursor = page.cursor;
  return membersOf(db, groupId, page.q)
    .leftJoin('members as ab', 'ab.id', 'gm.added_by')
    .select([
      'm.id',
      'm.user_id',
      'm.name',
      'm.email',
      'm.role',
      'm.search_text',
      'gm.created_at as added_at',
      'ab.id as added_by_id',
      'ab.user_id as added_by_user_id',
      'ab.name as added_by_name',
      'ab.email as added_by_email',
      'ab.removed_at as added_by_removed_at',
    ])
    .$if(cursor !== undefined, (qb) =>
      qb.where((eb) => afterCursor(eb, 'm.search_text', 'm.id', comparison, cursor!)),
    )
    .orderBy('m.search_text', order)
    .orderBy('m.id', order)
    .$if(page.limit !== null, (qb) => qb.limit(page.limit! + 1))
    .execute();
}

export async function findMemberIdsInGroup(
  db: Db,
  groupId: string,
  memberIds: string[],
): Promise<Set<string>> {
  if (memberIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('group_members')
    .select('member_id')
    .where('group_id', '=', groupId)
    .where('member_id', 'in', memberIds)
    .execute();
  return new Set(rows.map((row) => row.member_id));
}

export async function insertMemberships(
  db: Db,
  rows: { group_id: string; member_id: string; added_by: string | null; created_at: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('group_members')
    .values(rows)
    .onConflict((oc) => oc.columns(['group_id', 'member_id']).doNothing())
    .execute();
}

export async function deleteMembership(db: Db, groupId: string, memberId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('group_members')
    .where('group_id', '=', groupId)
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Removal: every group membership of these members, in the removal transaction. */
export async function deleteMembershipsOfMembers(db: Db, memberIds: string[]): Promise<number> {
  if (memberIds.length === 0) return 0;
  const result = await db.deleteFrom('group_members').where('member_id', 'in', memberIds).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function touchGroup(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('groups').set({ updated_at: at }).where('id', '=', id).execute();
}

// SCIM: the directory's groups (scim_groups) are mirrored into groups with source 'scim'.

export async function findGroupOfScimGroup(db: Db, scimGroupId: string) {
  return db
    .selectFrom('groups')
    .select(['id', 'name'])
    .where('scim_group_id', '=', scimGroupId)
    .executeTakeFirst();
}

/**
 * Makes the SCIM group's mirror match the directory: its name, and as members
 * the active memberships of the directory's users in it.
 */
export async function syncScimGroup(
  db: Db,
  scimGroup: { id: string; org_id: string; display_name: string; created_at: string; updated_at: string },
): Promise<void> {
  const existing = await findGroupOfScimGroup(db, scimGroup.id);
  if (existing) {
    await db
      .updateTable('groups')
      .set({
        name: scimGroup.display_name,
        name_key: scimGroup.display_name.toLowerCase(),
        updated_at: scimGroup.updated_at,
      })
      .where('id', '=', existing.id)
      .execute();
  } else {
    await db
      .insertInto('groups')
      .values({
        id: scimGroup.id,
        org_id: scimGroup.org_id,
        name: scimGroup.display_name,
        name_key: scimGroup.display_name.toLowerCase(),
        source: 'scim',
        scim_group_id: scimGroup.id,
        created_by: null,
        created_at: scimGroup.created_at,
        updated_at: scimGroup.updated_at,
      })
      .execute();
  }
  const groupId = existing?.id ?? scimGroup.id;
  // Memberships of people the directory no longer lists go; new ones come in.
  await db
    .deleteFrom('group_members')
    .where('group_id', '=', groupId)
    .where(
      'member_id',
      'not in',
      db
        .selectFrom('scim_group_members as sgm')
        .innerJoin('scim_users as su', 'su.id', 'sgm.scim_user_id')
        .select(sql<string>`coalesce(su.member_id, '')`.as('member_id'))
        .where('sgm.group_id', '=', scimGroup.id),
    )
    .execute();
  await syncScimMemberships(db, { scimGroupId: scimGroup.id });
}

/**
 * Adds the missing memberships the directory asks for: in one SCIM group, or
 * (a user provisioned or reactivated) of one SCIM user in all their groups.
 */
export async function syncScimMemberships(
  db: Db,
  scope: { scimGroupId?: string; scimUserId?: string },
): Promise<void> {
  await sql`
    insert into group_members (group_id, member_id, added_by, created_at)
    select g.id, m.id, null, g.updated_at
    from scim_group_members sgm
    join groups g on g.scim_group_id = sgm.group_id
    join scim_users su on su.id = sgm.scim_user_id
    join members m on m.id = su.member_id and m.removed_at is null
    where ${scope.scimGroupId !== undefined ? sql`sgm.group_id = ${scope.scimGroupId}` : sql`1 = 1`}
      and ${scope.scimUserId !== undefined ? sql`sgm.scim_user_id = ${scope.scimUserId}` : sql`1 = 1`}
      and not exists (select 1 from group_members x where x.group_id = g.id and x.member_id = m.id)
  `.execute(db);
}

export async function deleteGroupOfScimGroup(db: Db, scimGroupId: string): Promise<void> {
  const group = await findGroupOfScimGroup(db, scimGroupId);
  if (group) await deleteGroup(db, group.id);
}
