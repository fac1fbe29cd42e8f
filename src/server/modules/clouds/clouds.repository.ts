import { sql, SqliteAdapter, type Kysely } from 'kysely';
import type { CloudTable, Database } from '../../db/schema.ts';
import { afterCursor } from '../../db/keyset.ts';
import { memberSearch, searchMatch } from '../../db/search-index.ts';
import { keysetDirection, type Cursor } from '../../lib/paging.ts';
import { grantedTo, memberGranted } from './cloud-access.repository.ts';

type Db = Kysely<Database>;

/** A cloud with its explicit owner (only while that owner is an active member). */
export type CloudRow = Pick<
  CloudTable,
  'id' | 'org_id' | 'name' | 'provider' | 'region' | 'owner_member_id' | 'created_at'
> & {
  owner_id: string | null;
  owner_user_id: string | null;
  owner_name: string | null;
  owner_email: string | null;
  owner_role: 'owner' | 'collaborator' | null;
  /** 1 when the explicit owner also holds a grant */
  owner_granted: number;
};

export type ActiveMember = {
  id: string;
  user_id: string;
  name: string;
  email: string;
  role: 'owner' | 'collaborator';
};

function cloudsWithOwner(db: Db) {
  return db
    .selectFrom('clouds as c')
    .leftJoin('members as o', (join) =>
      join.onRef('o.id', '=', 'c.owner_member_id').on('o.removed_at', 'is', null),
    )
    .leftJoin('cloud_grants as og', (join) =>
      join.onRef('og.cloud_id', '=', 'c.id').onRef('og.member_id', '=', 'c.owner_member_id'),
    )
    .select([
      'c.id',
      'c.org_id',
      'c.name',
      'c.provider',
      'c.region',
      'c.owner_member_id',
      'c.created_at',
      'o.id as owner_id',
      'o.user_id as owner_user_id',
      'o.name as owner_name',
      'o.email as owner_email',
      'o.role as owner_role',
      sql<number>`case when og.member_id is null then 0 else 1 end`.as('owner_granted'),
    ]);
}

export type CloudVisibility = {
  orgId: string;
  /** null: every cloud (organization owners) */ memberId: string | null;
};

function visibleClouds(db: Db, visibility: CloudVisibility) {
  const memberId = visibility.memberId;
  return cloudsWithOwner(db)
    .where('c.org_id', '=', visibility.orgId)
    .$if(memberId !== null, (qb) =>
      qb.where((eb) => eb.or([eb('c.owner_member_id', '=', memberId!), grantedTo('c.id', memberId!)])),
    );
}

export async function countClouds(db: Db, visibility: CloudVisibility): Promise<number> {
  const memberId = visibility.memberId;
  const row = await db
    .selectFrom('clouds as c')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('c.org_id', '=', visibility.orgId)
    .$if(memberId !== null, (qb) =>
      qb.where((eb) => eb.or([eb('c.owner_member_id', '=', memberId!), grantedTo('c.id', memberId!)])),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Keyset page ordered by (name, id); reads `limit + 1` rows. */
export async function listCloudsPage(
  db: Db,
  visibility: CloudVisibility,
  page: { cursor?: Cursor; limit: number },
): Promise<CloudRow[]> {
  const { comparison, order } = keysetDirection(false, page.cursor);
  const cursor = page.cursor;
  return visibleClouds(db, visibility)
    .$if(cursor !== undefined, (qb) =>
      qb.where((eb) => afterCursor(eb, 'c.name', 'c.id', comparison, cursor!)),
    )
    .orderBy('c.name', order)
    .orderBy('c.id', order)
    .limit(page.limit + 1)
    .execute();
}

/** The cloud if it exists in the organization and the member (null: any owner) may see it. */
export async function findVisibleCloud(
  db: Db,
  visibility: CloudVisibility,
  id: string,
): Promise<CloudRow | undefined> {
  return visibleClouds(db, visibility).where('c.id', '=', id).executeTakeFirst();
}

export async function findCloudByName(db: Db, orgId: string, name: string) {
  return db
    .selectFrom('clouds')
    .select(['id', 'name'])
    .where('org_id', '=', orgId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function insertCloud(db: Db, cloud: CloudTable): Promise<void> {
  await db.insertInto('clouds').values(cloud).execute();
}

export async function renameCloud(db: Db, id: string, name: string): Promise<void> {
  await db.updateTable('clouds').set({ name }).where('id', '=', id).execute();
}

export async function setCloudOwner(db: Db, id: string, ownerMemberId: string | null): Promise<void> {
  await db.updateTable('clouds').set({ owner_member_id: ownerMemberId }).where('id', '=', id).execute();
}

export async function findGrant(db: Db, cloudId: string, memberId: string) {
  return db
    .selectFrom('cloud_grants')
    .select(['cloud_id', 'member_id', 'role', 'created_at'])
    .where('cloud_id', '=', cloudId)
    .where('member_id', '=', memberId)
    .executeTakeFirst();
}

export async function findGrantedMemberIds(
  db: Db,
  cloudId: string,
  memberIds: string[],
): Promise<Set<string>> {
  if (memberIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('cloud_grants')
    .select('member_id')
    .where('cloud_id', '=', cloudId)
    .where('member_id', 'in', memberIds)
    .execute();
  return new Set(rows.map((row) => row.member_id));
}

export async function insertGrants(
  db: Db,
  grants: {
    cloud_id: string;
    member_id: string;
    role: 'owner' | 'write' | 'readonly';
    granted_by: string | null;
    created_at: string;
  }[],
): Promise<void> {
  if (grants.length === 0) return;
  await db
    .insertInto('cloud_grants')
    .values(grants)
    .onConflict((oc) => oc.columns(['cloud_id', 'member_id']).doNothing())
    .execute();
}

export async function deleteGrant(db: Db, cloudId: string, memberId: string): Promise<void> {
  await db
    .deleteFrom('cloud_grants')
    .where('cloud_id', '=', cloudId)
    .where('member_id', '=', memberId)
    .execute();
}

const activeMemberColumns = ['id', 'user_id', 'name', 'email', 'role'] as const;

export async function findActiveMembersByUserIds(
  db: Db,
  orgId: string,
  userIds: string[],
): Promise<ActiveMember[]> {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('members')
    .select(activeMemberColumns)
    .where('org_id', '=', orgId)
    .where('removed_at', 'is', null)
    .where('user_id', 'in', userIds)
    .execute();
}

export type AccessRow = ActiveMember & { search_text: string };

export type AccessFilters = {
  orgId: string;
  cloudId: string;
  ownerMemberId: string | null;
  q?: string;
  /** Leave organization owners out (the platform's collaborator search does). */
  collaboratorsOnly?: boolean;
};

/**
 * Active members with access to a cloud: organization owners, the explicit
 * owner, direct grantees and members of granted groups.
 */
function accessQuery(db: Db, filters: AccessFilters) {
  // The same search as the member list (folded, indexed, 1–2 characters match the start of a name or email).
  const search = memberSearch(filters.q);
  return db
    .selectFrom('members as m')
    .where('m.org_id', '=', filters.orgId)
    .where('m.removed_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('m.role', '=', 'owner'),
        memberGranted('m.id', filters.cloudId),
        ...(filters.ownerMemberId ? [eb('m.id', '=', filters.ownerMemberId)] : []),
      ]),
    )
    .$if(filters.collaboratorsOnly === true, (qb) => qb.where('m.role', '<>', 'owner'))
    .$if(search !== undefined, (qb) =>
      qb.where(searchMatch('m', filters.orgId, search!, db.getExecutor().adapter instanceof SqliteAdapter)),
    );
}

export async function countAccess(db: Db, filters: AccessFilters): Promise<number> {
  const row = await accessQuery(db, filters)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Keyset page ordered by (search_text, id), i.e. by name; reads `limit + 1` rows. */
export async function listAccessPage(
  db: Db,
  filters: AccessFilters,
  page: { cursor?: Cursor; limit: number },
): Promise<AccessRow[]> {
  const { comparison, order } = keysetDirection(false, page.cursor);
  const cursor = page.cursor;
  return accessQuery(db, filters)
    .select(['m.id', 'm.user_id', 'm.name', 'm.email', 'm.role', 'm.search_text'])
    .$if(cursor !== undefined, (qb) =>
      qb.where((eb) => afterCursor(eb, 'm.search_text', 'm.id', comparison, cursor!)),
    )
    .orderBy('m.search_text', order)
    .orderBy('m.id', order)
    .limit(page.limit + 1)
    .execute();
}

/** Every active member with access to the cloud, by name (the access report). */
export async function listAllAccess(db: Db, filters: AccessFilters): Promise<AccessRow[]> {
  return accessQuery(db, filters)
    .select(['m.id', 'm.user_id', 'm.name', 'm.email', 'm.role', 'm.search_text'])
    .orderBy('m.search_text')
    .orderBy('m.id')
    .execute();
}

/** The clouds one member owns explicitly or holds a direct grant on, by name. */
export async function listCloudsOfMember(db: Db, orgId: string, memberId: string) {
  return db
    .selectFrom('clouds as c')
    .leftJoin('cloud_grants as g', (join) =>
      join.onRef('g.cloud_id', '=', 'c.id').on('g.member_id', '=', memberId),
    )
    .select(['c.id', 'c.name', 'c.owner_member_id', 'g.member_id as granted'])
    .where('c.org_id', '=', orgId)
    .where((eb) => eb.or([eb('c.owner_member_id', '=', memberId), eb('g.member_id', 'is not', null)]))
    .orderBy('c.name')
    .orderBy('c.id')
    .execute();
}

export async function findActiveMembersByIds(db: Db, orgId: string, ids: string[]): Promise<ActiveMember[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('members')
    .select(activeMemberColumns)
    .where('org_id', '=', orgId)
    .where('removed_at', 'is', null)
    .where('id', 'in', ids)
    .execute();
}
