import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { CloudRole } from '#contract/clouds.ts';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

/**
 * Where a person's access to a cloud comes from, besides organization
 * ownership: the cloud's explicit owner, a direct grant, or a grant to a group
 * they belong to. Queries here are the only place those sources are joined.
 */

/**
 * True when `memberId` holds a direct grant or a group grant on the cloud whose
 * id is in `cloudIdColumn` (explicit ownership and organization ownership are
 * checked by the caller). Uses cloud_grants_pk, group_members_member and
 * group_cloud_grants_pk.
 */
export function grantedTo(cloudIdColumn: string, memberId: string): Expression<SqlBool> {
  const cloudId = sql.ref(cloudIdColumn);
  return sql<SqlBool>`(exists (select 1 from cloud_grants ag where ag.cloud_id = ${cloudId} and ag.member_id = ${memberId})
    or exists (select 1 from group_members agm
      join group_cloud_grants agg on agg.group_id = agm.group_id
      where agm.member_id = ${memberId} and agg.cloud_id = ${cloudId}))`;
}

/** True when the member in `memberIdColumn` holds a direct or group grant on `cloudId`. */
export function memberGranted(memberIdColumn: string, cloudId: string): Expression<SqlBool> {
  const memberId = sql.ref(memberIdColumn);
  return sql<SqlBool>`(exists (select 1 from cloud_grants ag where ag.cloud_id = ${cloudId} and ag.member_id = ${memberId})
    or exists (select 1 from group_members agm
      join group_cloud_grants agg on agg.group_id = agm.group_id
      where agm.member_id = ${memberId} and agg.cloud_id = ${cloudId}))`;
}

export type GrantedByColumns = {
  granted_by_id: string | null;
  granted_by_user_id: string | null;
  granted_by_name: string | null;
  granted_by_email: string | null;
  granted_by_removed_at: string | null;
};

export type DirectGrantRow = GrantedByColumns & {
  cloud_id: string;
  member_id: string;
  role: CloudRole;
  created_at: string;
};

export type GroupGrantSourceRow = GrantedByColumns & {
  cloud_id: string;
  member_id: string;
  group_id: string;
  group_name: string;
  group_source: 'manual' | 'scim';
  role: CloudRole;
  created_at: string;
};

type Scope = { cloudIds?: string[]; memberIds?: string[] };

const empty = (scope: Scope) =>
  (scope.cloudIds !== undefined && scope.cloudIds.length === 0) ||
  (scope.memberIds !== undefined && scope.memberIds.length === 0);

/** Direct grants, narrowed to these clouds and/or members. */
export async function listDirectGrants(db: Db, scope: Scope): Promise<DirectGrantRow[]> {
  if (empty(scope)) return [];
  return db
    .selectFrom('cloud_grants as g')
    .leftJoin('members as gb', 'gb.id', 'g.granted_by')
    .select([
      'g.cloud_id',
      'g.member_id',
      'g.role',
      'g.created_at',
      'gb.id as granted_by_id',
      'gb.user_id as granted_by_user_id',
      'gb.name as granted_by_name',
      'gb.email as granted_by_email',
      'gb.removed_at as granted_by_removed_at',
    ])
    .$if(scope.cloudIds !== undefined, (qb) => qb.where('g.cloud_id', 'in', scope.cloudIds!))
    .$if(scope.memberIds !== undefined, (qb) => qb.where('g.member_id', 'in', scope.memberIds!))
    .execute();
}

/** Group grants as they reach members: one row per (cloud, member, group). */
export async function listGroupGrantSources(db: Db, scope: Scope): Promise<GroupGrantSourceRow[]> {
  if (empty(scope)) return [];
  return db
    .selectFrom('group_cloud_grants as gg')
    .innerJoin('group_members as gm', 'gm.group_id', 'gg.group_id')
    .innerJoin('groups as gr', 'gr.id', 'gg.group_id')
    .leftJoin('members as gb', 'gb.id', 'gg.granted_by')
    .select([
      'gg.cloud_id',
      'gm.member_id',
      'gg.group_id',
      'gr.name as group_name',
      'gr.source as group_source',
      'gg.role',
      'gg.created_at',
      'gb.id as granted_by_id',
      'gb.user_id as granted_by_user_id',
      'gb.name as granted_by_name',
      'gb.email as granted_by_email',
      'gb.removed_at as granted_by_removed_at',
    ])
    .$if(scope.cloudIds !== undefined, (qb) => qb.where('gg.cloud_id', 'in', scope.cloudIds!))
    .$if(scope.memberIds !== undefined, (qb) => qb.where('gm.member_id', 'in', scope.memberIds!))
    .orderBy('gr.name_key')
    .execute();
}

/**
 * Active collaborators (not organization owners, who are counted once for the
 * whole organization) with any explicit access, per cloud: the explicit owner,
 * direct grants and group grants, each person once.
 */
export async function countExplicitCollaborators(db: Db, cloudIds: string[]): Promise<Map<string, number>> {
  if (cloudIds.length === 0) return new Map();
  const ids = sql.join(cloudIds);
  const rows = await sql<{ cloud_id: string; n: number | string }>`
    select x.cloud_id, count(distinct x.member_id) as n
    from (
      select c.id as cloud_id, c.owner_member_id as member_id from clouds c
        where c.id in (${ids}) and c.owner_member_id is not null
      union
      select g.cloud_id, g.member_id from cloud_grants g where g.cloud_id in (${ids})
      union
      select gg.cloud_id, gm.member_id from group_cloud_grants gg
        join group_members gm on gm.group_id = gg.group_id
        where gg.cloud_id in (${ids})
    ) x
    join members m on m.id = x.member_id
    where m.removed_at is null and m.role <> 'owner'
    group by x.cloud_id
  `.execute(db);
  return new Map(rows.rows.map((row) => [row.cloud_id, Number(row.n)]));
}

export async function updateGrantRole(
  db: Db,
  cloudId: string,
  memberId: string,
  role: CloudRole,
): Promise<void> {
  await db
    .updateTable('cloud_grants')
    .set({ role })
    .where('cloud_id', '=', cloudId)
    .where('member_id', '=', memberId)
    .execute();
}

// Group grants

export type CloudGroupGrantRow = GrantedByColumns & {
  group_id: string;
  group_name: string;
  group_source: 'manual' | 'scim';
  role: CloudRole;
  created_at: string;
  member_count: number;
};

export async function listGroupGrantsOfCloud(db: Db, cloudId: string): Promise<CloudGroupGrantRow[]> {
  const rows = await db
    .selectFrom('group_cloud_grants as gg')
    .innerJoin('groups as gr', 'gr.id', 'gg.group_id')
    .leftJoin('members as gb', 'gb.id', 'gg.granted_by')
    .select((eb) => [
      'gg.group_id',
      'gr.name as group_name',
      'gr.source as group_source',
      'gg.role',
      'gg.created_at',
      'gb.id as granted_by_id',
      'gb.user_id as granted_by_user_id',
      'gb.name as granted_by_name',
      'gb.email as granted_by_email',
      'gb.removed_at as granted_by_removed_at',
      eb
        .selectFrom('group_members as gm')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('gm.group_id', '=', 'gg.group_id')
        .as('member_count'),
    ])
    .where('gg.cloud_id', '=', cloudId)
    .orderBy('gr.name_key')
    .execute();
  return rows.map((row) => ({ ...row, member_count: Number(row.member_count ?? 0) }));
}

export async function findGroupGrant(db: Db, cloudId: string, groupId: string) {
  return db
    .selectFrom('group_cloud_grants')
    .select(['cloud_id', 'group_id', 'role'])
    .where('cloud_id', '=', cloudId)
    .where('group_id', '=', groupId)
    .executeTakeFirst();
}

export async function insertGroupGrant(
  db: Db,
  grant: {
    cloud_id: string;
    group_id: string;
    role: CloudRole;
    granted_by: string | null;
    created_at: string;
  },
): Promise<void> {
  await db.insertInto('group_cloud_grants').values(grant).execute();
}

export async function updateGroupGrantRole(
  db: Db,
  cloudId: string,
  groupId: string,
  role: CloudRole,
): Promise<void> {
  await db
    .updateTable('group_cloud_grants')
    .set({ role })
    .where('cloud_id', '=', cloudId)
    .where('group_id', '=', groupId)
    .execute();
}

export async function deleteGroupGrant(db: Db, cloudId: string, groupId: string): Promise<void> {
  await db
    .deleteFrom('group_cloud_grants')
    .where('cloud_id', '=', cloudId)
    .where('group_id', '=', groupId)
    .execute();
}

/** Groups of the organization by id (for granting them a cloud). */
export async function findGroupsByIds(db: Db, orgId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('groups')
    .select(['id', 'name', 'source'])
    .where('org_id', '=', orgId)
    .where('id', 'in', ids)
    .execute();
}

// Reports

/** Per member: how many workloads they created on the cloud and when they last did. */
export async function workloadActivityOnCloud(db: Db, cloudId: string) {
  const rows = await db
    .selectFrom('workloads')
    .select((eb) => ['created_by', eb.fn.max('created_at').as('last_at'), eb.fn.countAll<number>().as('n')])
    .where('cloud_id', '=', cloudId)
    .groupBy('created_by')
    .execute();
  return new Map(
    rows.map((row) => [row.created_by, { lastAt: row.last_at as string, count: Number(row.n) }]),
  );
}

/** Every cloud of the organization, by name (for a member's access: organization owners see them all). */
export async function listOrganizationClouds(db: Db, orgId: string) {
  return db
    .selectFrom('clouds')
    .select(['id', 'name', 'provider', 'owner_member_id'])
    .where('org_id', '=', orgId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** Clouds the member owns explicitly or holds a direct or group grant on, by name. */
export async function listCloudsWithExplicitAccess(db: Db, orgId: string, memberId: string) {
  return db
    .selectFrom('clouds as c')
    .select(['c.id', 'c.name', 'c.provider', 'c.owner_member_id'])
    .where('c.org_id', '=', orgId)
    .where((eb) => eb.or([eb('c.owner_member_id', '=', memberId), grantedTo('c.id', memberId)]))
    .orderBy('c.name')
    .orderBy('c.id')
    .execute();
}
