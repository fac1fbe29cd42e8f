import { sql, type Kysely } from 'kysely';

/**
 * SAML 2.0 single sign-on:
 *  - `sso_configs`: one per organization; the IdP as parsed from its metadata
 *    (entity id, SSO URL, signing certificates), the mode and the owner's choices.
 *  - `sso_domains`: email domains an owner registered for SSO; a domain belongs
 *    to one organization at most (it routes sign-in there).
 *  - `sso_requests`: AuthnRequests we sent and that are still pending, bound in
 *    the database (not a cookie) so any instance can receive the IdP's POST;
 *    `relay_state` is the only thing the IdP carries back, `return_path` stays here.
 *  - `sso_tests`: test connections an owner ran, with the parsed assertion or the refusal.
 *  - `sso_seen_assertions`: the replay cache, until the assertion expires.
 *  - `members.sso_login_at`: the member's latest completed SSO login (switching to
 *    required asks that the acting owner has one).
 *  - `sessions.sso`: 1 for a session an SSO login started.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sso_configs')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('organizations.id'))
    .addColumn('idp_entity_id', 'text', (c) => c.notNull())
    .addColumn('idp_sso_url', 'text', (c) => c.notNull())
    /** JSON array of base64 DER certificates */
    .addColumn('idp_certificates', 'text', (c) => c.notNull())
    .addColumn('idp_metadata_url', 'text')
    .addColumn('sso_mode', 'text', (c) => c.notNull().defaultTo(sql.lit('off')))
    .addColumn('jit_provisioning', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('allow_idp_initiated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('email_attribute', 'text')
    .addColumn('name_attribute', 'text')
    .addColumn('groups_attribute', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sso_domains')
    .addColumn('domain', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sso_domains_org').on('sso_domains').columns(['org_id']).execute();

  await db.schema
    .createTable('sso_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('relay_state', 'text', (c) => c.notNull().unique())
    .addColumn('return_path', 'text', (c) => c.notNull())
    .addColumn('test_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('consumed_at', 'text')
    .execute();
  await db.schema.createIndex('sso_requests_expiry').on('sso_requests').columns(['expires_at']).execute();

  await db.schema
    .createTable('sso_tests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    /** JSON of the parsed assertion */
    .addColumn('assertion', 'text')
    .addColumn('failure_code', 'text')
    .addColumn('failure_message', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .execute();
  await db.schema.createIndex('sso_tests_org').on('sso_tests').columns(['org_id', 'created_at']).execute();

  await db.schema
    .createTable('sso_seen_assertions')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('assertion_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sso_seen_assertions_pk', ['org_id', 'assertion_id'])
    .execute();
  await db.schema
    .createIndex('sso_seen_assertions_expiry')
    .on('sso_seen_assertions')
    .columns(['expires_at'])
    .execute();

  await db.schema.alterTable('members').addColumn('sso_login_at', 'text').execute();
  await db.schema
    .alterTable('sessions')
    .addColumn('sso', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
