import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { Database, ScimGroupTable, ScimUserTable } from '../../db/schema.ts';

type Db = Kysely<Database>;
export type ScimUserRow = ScimUserTable;
export type UserWhere = (eb: ExpressionBuilder<Database, 'scim_users'>) => Expression<SqlBool>;

export async function findScimUser(db: Db, orgId: string, id: string): Promise<ScimUserRow | undefined> {
  return db
    .selectFrom('scim_users')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findScimUserByUserName(db: Db, orgId: string, userNameKey: string) {
  return db
    .selectFrom('scim_users')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('user_name_key', '=', userNameKey)
    .executeTakeFirst();
}

export async function findScimUserByMember(db: Db, memberId: string) {
  return db.selectFrom('scim_users').selectAll().where('member_id', '=', memberId).executeTakeFirst();
}

export async function countScimUsers(db: Db, orgId: string, where: UserWhere | null): Promise<number> {
  const row = await db
    .selectFrom('scim_users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .$if(where !== null, (qb) => qb.where(where!))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** SCIM pages by index (startIndex is 1-based), in a stable order. */
export async function listScimUsers(
  db: Db,
  orgId: string,
  where: UserWhere | null,
  page: { offset: number; limit: number },
): Promise<ScimUserRow[]> {
  if (page.limit === 0) return [];
  return db
    .selectFrom('scim_users')
    .selectAll()
    .where('org_id', '=', orgId)
    .$if(where !== null, (qb) => qb.where(where!))
    .orderBy('created_at')
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function insertScimUser(db: Db, user: ScimUserRow): Promise<void> {
  await db.insertInto('scim_users').values(user).execute();
}

export async function updateScimUser(
  db: Db,
  id: string,
  changes: Partial<Omit<ScimUserRow, 'id' | 'org_id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('scim_users').set(changes).where('id', '=', id).execute();
}

export async function deleteScimUser(db: Db, id: string): Promise<void> {
  await db.deleteFrom('scim_group_members').where('scim_user_id', '=', id).execute();
  await db.deleteFrom('scim_users').where('id', '=', id).execute();
}

export async function updateMemberIdentity(
  db: Db,
  memberId: string,
  identity: { email: string; name: string; search_text: string },
): Promise<void> {
  await db.updateTable('members').set(identity).where('id', '=', memberId).execute();
}

// Groups

export type ScimGroupRow = ScimGroupTable;

export async function findScimGroup(db: Db, orgId: string, id: string) {
  return db
    .selectFrom('scim_groups')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listScimGroups(
  db: Db,
  orgId: string,
  filter: { displayName?: string; externalId?: string },
  page: { offset: number; limit: number },
) {
  const base = db
    .selectFrom('scim_groups')
    .where('org_id', '=', orgId)
    .$if(filter.displayName !== undefined, (qb) => qb.where('display_name', '=', filter.displayName!))
    .$if(filter.externalId !== undefined, (qb) => qb.where('external_id', '=', filter.externalId!));
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows =
    page.limit === 0
      ? []
      : await base
          .selectAll()
          .orderBy('created_at')
          .orderBy('id')
          .limit(page.limit)
          .offset(page.offset)
          .execute();
  return { total: Number(total.n), rows };
}

export async function insertScimGroup(db: Db, group: ScimGroupRow): Promise<void> {
  await db.insertInto('scim_groups').values(group).execute();
}

export async function updateScimGroup(
  db: Db,
  id: string,
  changes: Partial<Pick<ScimGroupRow, 'display_name' | 'external_id' | 'updated_at'>>,
): Promise<void> {
  await db.updateTable('scim_groups').set(changes).where('id', '=', id).execute();
}

export async function deleteScimGroup(db: Db, id: string): Promise<void> {
  await db.deleteFrom('scim_group_members').where('group_id', '=', id).execute();
  await db.deleteFrom('scim_groups').where('id', '=', id).execute();
}

export async function listGroupMembers(db: Db, groupIds: string[]) {
  if (groupIds.length === 0) return [];
  return db
    .selectFrom('scim_group_members')
    .innerJoin('scim_users', 'scim_users.id', 'scim_group_members.scim_user_id')
    .select([
      'scim_group_members.group_id',
      'scim_users.id',
      'scim_users.user_name',
      'scim_users.display_name',
    ])
    .where('scim_group_members.group_id', 'in', groupIds)
    .orderBy('scim_users.user_name')
    .execute();
}

export async function replaceGroupMembers(db: Db, groupId: string, scimUserIds: string[]): Promise<void> {
  await db.deleteFrom('scim_group_members').where('group_id', '=', groupId).execute();
  if (scimUserIds.length === 0) return;
  await db
    .insertInto('scim_group_members')
    .values(scimUserIds.map((id) => ({ group_id: groupId, scim_user_id: id })))
    .execute();
}

/** Which of these ids are SCIM users of the organization. */
export async function existingScimUserIds(db: Db, orgId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('scim_users')
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', 'in', ids)
    .execute();
  return rows.map((row) => row.id);
}

export async function listGroupsOfScimUser(db: Db, scimUserId: string) {
  return db
    .selectFrom('scim_group_members')
    .innerJoin('scim_groups', 'scim_groups.id', 'scim_group_members.group_id')
    .select(['scim_groups.id', 'scim_groups.display_name'])
    .where('scim_group_members.scim_user_id', '=', scimUserId)
    .orderBy('scim_groups.display_name')
    .execute();
}
