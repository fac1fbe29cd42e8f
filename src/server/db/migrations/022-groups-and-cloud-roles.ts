import { sql, type Kysely } from 'kysely';

/**
 * Groups and cloud roles (docs/decisions/022-groups-and-cloud-roles.md):
 *  - `groups`: named sets of members per organization, the name unique ignoring
 *    case (`name_key`). `source` is 'manual' (made in the console) or 'scim'
 *    (pushed by the identity provider; `scim_group_id` links the directory's
 *    own record in `scim_groups`, which keeps what the directory sent).
 *  - `group_members`: active memberships in a group. Removal deletes a
 *    member's rows in the removal transaction.
 *  - `cloud_grants.role`: a grant carries a cloud role; the yes/no grants
 *    before it become 'write' (what they allowed).
 *  - `group_cloud_grants`: a group can use a cloud with a role.
 *  - `invitations.cloud_roles` (JSON `{ cloud_id: role }`, absent: 'write') and
 *    `invitations.group_ids` (JSON array): applied on acceptance.
 * Existing SCIM groups become groups (source 'scim') with the same id, their
 * members those of the directory's users who have an active membership.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const roleCheck = (column: string) => sql`${sql.ref(column)} in ('owner', 'write', 'readonly')`;

  await db.schema
    .createTable('groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('manual', 'scim')`))
    .addColumn('scim_group_id', 'text', (c) => c.unique().references('scim_groups.id'))
    .addColumn('created_by', 'text', (c) => c.references('members.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('groups_org_name')
    .on('groups')
    .columns(['org_id', 'name_key'])
    .unique()
    .execute();

  await db.schema
    .createTable('group_members')
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id'))
    .addColumn('added_by', 'text', (c) => c.references('members.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'member_id'])
    .execute();
  // A member's groups (effective-role lookups start from the member).
  await db.schema
    .createIndex('group_members_member')
    .on('group_members')
    .columns(['member_id', 'group_id'])
    .execute();

  await db.schema
    .alterTable('cloud_grants')
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('write').check(roleCheck('role')))
    .execute();

  await db.schema
    .createTable('group_cloud_grants')
    .addColumn('cloud_id', 'text', (c) => c.notNull().references('clouds.id'))
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(roleCheck('role')))
    .addColumn('granted_by', 'text', (c) => c.references('members.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('group_cloud_grants_pk', ['cloud_id', 'group_id'])
    .execute();
  // The clouds of a group (a member's groups → their clouds).
  await db.schema
    .createIndex('group_cloud_grants_group')
    .on('group_cloud_grants')
    .columns(['group_id', 'cloud_id'])
    .execute();

  await db.schema
    .alterTable('invitations')
    .addColumn('cloud_roles', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema
    .alterTable('invitations')
    .addColumn('group_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();

  // The directory's groups so far become groups. SCIM kept names unique as
  // sent; two that differ only in case get a suffix here.
  const scimGroups = await sql<{
    id: string;
    org_id: string;
    display_name: string;
    created_at: string;
    updated_at: string;
  }>`select id, org_id, display_name, created_at, updated_at from scim_groups order by created_at, id`.execute(
    db,
  );
  const taken = new Set<string>();
  for (const group of scimGroups.rows) {
    let name = group.display_name;
    for (let n = 2; taken.has(`${group.org_id}\n${name.toLowerCase()}`); n++) {
      name = `${group.display_name} (${n})`;
    }
    taken.add(`${group.org_id}\n${name.toLowerCase()}`);
    await sql`
      insert into groups (id, org_id, name, name_key, source, scim_group_id, created_by, created_at, updated_at)
      values (${group.id}, ${group.org_id}, ${name}, ${name.toLowerCase()}, 'scim', ${group.id}, null,
              ${group.created_at}, ${group.updated_at})
    `.execute(db);
  }
  await sql`
    insert into group_members (group_id, member_id, added_by, created_at)
    select sgm.group_id, m.id, null, g.updated_at
    from scim_group_members sgm
    join scim_users su on su.id = sgm.scim_user_id
    join members m on m.id = su.member_id and m.removed_at is null
    join groups g on g.id = sgm.group_id
  `.execute(db);
}
