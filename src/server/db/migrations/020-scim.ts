import { sql, type Kysely } from 'kysely';

/**
 * SCIM 2.0 provisioning:
 *  - `scim_tokens`: an organization's directory bearer tokens (only the SHA-256 is stored).
 *  - `scim_users`: the directory's view of a person. It outlives a membership:
 *    deactivation ends the membership, reactivation points at a fresh one.
 *  - `scim_groups` and `scim_group_members`: groups pushed by the directory
 *    (read-only in the console until groups carry grants).
 *  - `members.source`: how a membership came to be ('invited' or 'scim').
 *  - `audit_events.actor_scim_token_id`: the directory acted, through this token.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('scim_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createIndex('scim_tokens_org')
    .on('scim_tokens')
    .columns(['org_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('scim_users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    /** null while the directory keeps the person inactive and they never had a membership */
    .addColumn('member_id', 'text')
    .addColumn('user_name', 'text', (c) => c.notNull())
    /** lower-cased userName: SCIM userName is not case-exact */
    .addColumn('user_name_key', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('given_name', 'text')
    .addColumn('family_name', 'text')
    .addColumn('display_name', 'text')
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('scim_users_org_user_name')
    .on('scim_users')
    .columns(['org_id', 'user_name_key'])
    .unique()
    .execute();
  await db.schema
    .createIndex('scim_users_org_external')
    .on('scim_users')
    .columns(['org_id', 'external_id'])
    .execute();
  await db.schema.createIndex('scim_users_org_email').on('scim_users').columns(['org_id', 'email']).execute();
  await db.schema.createIndex('scim_users_member').on('scim_users').columns(['member_id']).execute();

  await db.schema
    .createTable('scim_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('scim_groups_org')
    .on('scim_groups')
    .columns(['org_id', 'display_name'])
    .execute();
  await db.schema
    .createTable('scim_group_members')
    .addColumn('group_id', 'text', (c) => c.notNull().references('scim_groups.id').onDelete('cascade'))
    .addColumn('scim_user_id', 'text', (c) => c.notNull().references('scim_users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('scim_group_members_pk', ['group_id', 'scim_user_id'])
    .execute();
  await db.schema
    .createIndex('scim_group_members_user')
    .on('scim_group_members')
    .columns(['scim_user_id'])
    .execute();

  await db.schema
    .alterTable('members')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo(sql.lit('invited')))
    .execute();
  await db.schema.alterTable('audit_events').addColumn('actor_scim_token_id', 'text').execute();
}
