/**
 * Table types for Kysely. Times are ISO-8601 UTC strings and booleans are 0/1
 * integers on both SQLite and PostgreSQL, so one repository code path serves both.
 */
import type { Generated } from 'kysely';
import type { MemberSource } from '#contract/enums.ts';
import type { PermissionLevel } from '#contract/roles.ts';
import type { CloudRole } from '#contract/clouds.ts';

export type OrganizationTable = {
  id: string;
  name: string;
  sso_enabled: number;
  created_at: string;
  /** active members, kept by triggers (migration 006) */
  member_count: Generated<number>;
  /** active owners, kept by triggers (migration 006) */
  owner_count: Generated<number>;
};

/** A person's membership (identity) in one organization. Removal is soft. */
export type MemberTable = {
  id: string;
  user_id: string;
  org_id: string;
  email: string;
  name: string;
  /** lower-cased "name email", for substring search */
  search_text: string;
  role: PermissionLevel;
  password_hash: string | null;
  created_at: string;
  removed_at: string | null;
  invited_by: string | null;
  /** latest session or API-key use, throttled to once a minute; '' = never (migration 018) */
  last_active_at: Generated<string>;
  /** 1 for a service account: a machine identity with API keys and no password (migration 016) */
  is_service_account: Generated<number>;
  /** how the membership came to be (migration 020) */
  source: Generated<MemberSource>;
  /** the member's latest completed SSO login (migration 021) */
  sso_login_at: Generated<string | null>;
};

export type SessionTable = {
  id_hash: string;
  member_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  /** as sent at sign-in, truncated (migration 011) */
  user_agent: string | null;
  /** source address at sign-in (migration 011) */
  ip: string | null;
  /** 1: an SSO login started it (migration 021) */
  sso: Generated<number>;
};

export type ApiKeyTable = {
  id: string;
  member_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** null: never expires (migration 011) */
  expires_at: string | null;
  last_used_ip: string | null;
};

/** A password reset link; only the token's SHA-256 is stored. */
export type PasswordResetTable = {
  id: string;
  email: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
};

export type InvitationTable = {
  id: string;
  org_id: string;
  email: string;
  role: PermissionLevel;
  /** JSON array of cloud ids granted on acceptance */
  cloud_ids: string;
  /** JSON object cloud id → role for those grants; absent: 'write' (migration 022) */
  cloud_roles: Generated<string>;
  /** JSON array of group ids joined on acceptance (migration 022) */
  group_ids: Generated<string>;
  token_hash: string;
  invited_by: string;
  created_at: string;
  sent_at: string;
  expires_at: string;
  revoked_at: string | null;
  accepted_at: string | null;
  accepted_member_id: string | null;
  delivery_status: 'queued' | 'sent' | 'failed' | 'manual';
};

export type CloudTable = {
  id: string;
  org_id: string;
  name: string;
  provider: 'aws' | 'gcp' | 'azure' | 'kubernetes';
  region: string;
  /** explicit owner; null means the organization owners (implicit) */
  owner_member_id: string | null;
  created_by: string;
  created_at: string;
};

export type CloudGrantTable = {
  cloud_id: string;
  member_id: string;
  granted_by: string | null;
  created_at: string;
  /** the grant's cloud role; grants from before roles are 'write' (migration 022) */
  role: Generated<CloudRole>;
};

/** A named set of members (migration 022); `scim` groups mirror a `scim_groups` row. */
export type GroupTable = {
  id: string;
  org_id: string;
  name: string;
  /** lower-cased name: unique per organization */
  name_key: string;
  source: 'manual' | 'scim';
  scim_group_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
};

/** An active member's membership in a group (migration 022). */
export type GroupMemberTable = {
  group_id: string;
  member_id: string;
  /** null: the identity provider (SCIM) */
  added_by: string | null;
  created_at: string;
};

/** A group's access to a cloud, with a role (migration 022). */
export type GroupCloudGrantTable = {
  cloud_id: string;
  group_id: string;
  role: CloudRole;
  granted_by: string | null;
  created_at: string;
};

export type WorkloadTable = {
  id: string;
  org_id: string;
  cloud_id: string;
  kind: 'workspace' | 'job' | 'service';
  name: string;
  status: 'running' | 'terminated';
  created_by: string;
  created_at: string;
  terminated_at: string | null;
  duplicated_from: string | null;
};

export type AuditEventTable = {
  id: string;
  org_id: string;
  actor_member_id: string | null;
  actor_api_key_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  target_label: string | null;
  /** JSON */
  before: string | null;
  /** JSON */
  after: string | null;
  ip: string | null;
  created_at: string;
  /** set when the directory acted through this SCIM token (migration 020) */
  actor_scim_token_id: Generated<string | null>;
};

export type MailOutboxTable = {
  id: string;
  org_id: string | null;
  invitation_id: string | null;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: string;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  /** When the current retry window began ("Retry now"); null: at `created_at`. */
  retry_window_from: string | null;
};

export type DevMailboxTable = {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  created_at: string;
};

export type RateLimitTable = {
  key: string;
  window_start: string;
  count: number;
};

/** A directory (SCIM) bearer token of an organization; only its SHA-256 is stored. */
export type ScimTokenTable = {
  id: string;
  org_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
};

/** The directory's view of a person; it outlives memberships (reactivation makes a fresh one). */
export type ScimUserTable = {
  id: string;
  org_id: string;
  /** the current membership when active, else the last one (null: never had one) */
  member_id: string | null;
  user_name: string;
  user_name_key: string;
  external_id: string | null;
  email: string;
  given_name: string | null;
  family_name: string | null;
  display_name: string | null;
  active: number;
  created_at: string;
  updated_at: string;
};

export type ScimGroupTable = {
  id: string;
  org_id: string;
  display_name: string;
  external_id: string | null;
  created_at: string;
  updated_at: string;
};

export type ScimGroupMemberTable = { group_id: string; scim_user_id: string };

/** An organization's SAML identity provider and SSO settings (migration 021). */
export type SsoConfigTable = {
  org_id: string;
  idp_entity_id: string;
  idp_sso_url: string;
  /** JSON array of base64 DER certificates */
  idp_certificates: string;
  idp_metadata_url: string | null;
  sso_mode: 'off' | 'optional' | 'required';
  jit_provisioning: number;
  allow_idp_initiated: number;
  email_attribute: string | null;
  name_attribute: string | null;
  groups_attribute: string | null;
  created_at: string;
  updated_at: string;
};

export type SsoDomainTable = { domain: string; org_id: string; created_at: string };

/** An AuthnRequest we sent; single use (`consumed_at`). */
export type SsoRequestTable = {
  id: string;
  org_id: string;
  purpose: 'login' | 'test';
  relay_state: string;
  return_path: string;
  test_id: string | null;
  created_at: string;
  expires_at: string;
  consumed_at: string | null;
};

export type SsoTestTable = {
  id: string;
  org_id: string;
  created_by: string;
  status: 'pending' | 'succeeded' | 'failed';
  /** JSON */
  assertion: string | null;
  failure_code: string | null;
  failure_message: string | null;
  created_at: string;
  completed_at: string | null;
};

export type SsoSeenAssertionTable = { org_id: string; assertion_id: string; expires_at: string };

export type Database = {
  organizations: OrganizationTable;
  members: MemberTable;
  sessions: SessionTable;
  api_keys: ApiKeyTable;
  invitations: InvitationTable;
  clouds: CloudTable;
  cloud_grants: CloudGrantTable;
  workloads: WorkloadTable;
  audit_events: AuditEventTable;
  mail_outbox: MailOutboxTable;
  dev_mailbox: DevMailboxTable;
  rate_limits: RateLimitTable;
  password_resets: PasswordResetTable;
  scim_tokens: ScimTokenTable;
  scim_users: ScimUserTable;
  scim_groups: ScimGroupTable;
  scim_group_members: ScimGroupMemberTable;
  sso_configs: SsoConfigTable;
  sso_domains: SsoDomainTable;
  sso_requests: SsoRequestTable;
  sso_tests: SsoTestTable;
  sso_seen_assertions: SsoSeenAssertionTable;
  groups: GroupTable;
  group_members: GroupMemberTable;
  group_cloud_grants: GroupCloudGrantTable;
};
