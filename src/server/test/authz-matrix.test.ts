/**
 * The authorization matrix: every route the app registers, and the status each
 * kind of caller gets from it. It fails when a registered route has no row, so
 * a new route cannot ship without someone deciding who may call it.
 *
 * Columns: an anonymous caller; a collaborator of organization A; an owner of A;
 * an owner of organization B addressing A's objects (ids from the other
 * organization must answer like ids that do not exist: 404). Every request uses
 * real ids of A and a valid body, so the status reflects authorization, not
 * validation. Each request gets fresh objects and a fresh session, so rows never
 * depend on each other's side effects.
 *
 * The matrix runs on a development-config app, the one with the most routes
 * (rows marked `devOnly` exist only there; src/server/modules/dev/dev.test.ts
 * checks that production answers 404 for them).
 */
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PermissionLevel } from '#contract/roles.ts';
import { buildApp } from '../app.ts';
import type { Config } from '../config.ts';
import {
  insertCloud,
  insertCloudGrant,
  insertMembers,
  insertPendingInvitation,
  insertWorkload,
} from '../db/seed.ts';
import { hashPassword, newId, randomToken, sha256 } from '../lib/crypto.ts';
import * as auth from '../modules/auth/auth.service.ts';
import { sessionHandle } from '../modules/credentials/credentials.service.ts';
import { sessionCookie, type Access } from '../plugins/auth.ts';
import { withTransaction } from '../db/transaction.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { createOrganization, testPassword } from './actors.ts';
import { certificateBody, createTestIdp, type TestIdp } from './saml-idp.ts';
import { createTestApp, type TestContext } from './test-app.ts';

type Who = 'anonymous' | 'collaborator' | 'owner' | 'otherOrgOwner';
const callers: Who[] = ['anonymous', 'collaborator', 'owner', 'otherOrgOwner'];

type MemberRef = { id: string; user_id: string; email: string };

/** Fresh objects of organization A for one request. */
type Fixture = {
  who: Who;
  /** The A member whose personal things a request uses: the caller if they belong to A, else A's owner. */
  mine: MemberRef;
  /** A new collaborator of A (password: testPassword). */
  member: () => Promise<MemberRef>;
  /** A new owner of A. */
  coOwner: () => Promise<MemberRef>;
  /** A new service account of A (no password). */
  serviceAccount: () => Promise<MemberRef>;
  /** A new API key of a new service account of A. */
  serviceAccountKey: () => Promise<{ user_id: string; id: string }>;
  /** A new cloud of A owned by A's owner; A's collaborator has a grant on it. */
  cloud: () => Promise<string>;
  grant: (cloudId: string, member: MemberRef) => Promise<void>;
  /** A running workload of A created by `mine`. */
  workload: () => Promise<string>;
  /** A pending invitation of A, with its token. */
  invitation: () => Promise<{ id: string; token: string }>;
  /** A pending invitation of A whose mail failed for good (its outbox row still sealed). */
  failedInvitation: () => Promise<string>;
  /** A new API key of `mine`; returns its id. */
  apiKey: () => Promise<string>;
  /** A new session of `mine`; returns its public id. */
  session: () => Promise<string>;
  /** A usable password reset link for `mine`'s address; returns its token. */
  passwordReset: () => Promise<string>;
  /** A live SCIM token of A; returns its id. */
  scimToken: () => Promise<string>;
  /** A SCIM user of A (provisioned over SCIM, active); returns its SCIM id. */
  scimUser: () => Promise<string>;
  /** A SCIM group of A; returns its SCIM id. */
  scimGroup: () => Promise<string>;
  /** A pending SSO test connection of A; returns its id. */
  ssoTest: () => Promise<string>;
  /** The form an IdP posts to A's ACS: a signed IdP-initiated response for a new collaborator of A. */
  ssoAcsForm: () => Promise<string>;
  /** A manual group of A; returns its id. */
  group: () => Promise<string>;
  /** Adds a member of A to a group of A. */
  groupMember: (groupId: string, member: MemberRef) => Promise<void>;
  /** Grants a group of A a cloud of A (readonly). */
  groupGrant: (cloudId: string, groupId: string) => Promise<void>;
};

type Request = { url: string; payload?: unknown; headers?: Record<string, string> };
type Row = {
  access: Access;
  /** Expected status for: anonymous, collaborator, owner, other organization's owner. */
  expect: [number, number, number, number];
  /**
   * Expected status with organization A's SCIM token as the bearer (and no
   * session): SCIM routes answer it, every other route refuses it (401).
   */
  scimToken?: number;
  request: (f: Fixture) => Request | Promise<Request>;
  /** Registered only when NODE_ENV=development. */
  devOnly?: boolean;
};

const row = (
  access: Access,
  expected: Row['expect'],
  request: Row['request'],
  options: { devOnly?: boolean; scimToken?: number } = {},
): Row => ({ access, expect: expected, request, ...options });

/** A /scim/v2 route: sessions of any kind get 401; A's SCIM token gets `withToken`. */
const scimRow = (withToken: number, request: Row['request']): Row =>
  row('scim', [401, 401, 401, 401], request, { scimToken: withToken });
const scim = '/scim/v2';
const scimUserBody = () => {
  const email = `scim-${newId()}@acme.test`;
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: email,
    emails: [{ value: email, type: 'work' }],
  };
};
const patchBody = (operations: unknown[]) => ({
  schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
  Operations: operations,
});

const v2 = '/api/v2';
const scimErrorSchema = 'urn:ietf:params:scim:api:messages:2.0:Error';

// One line (or a few) per route. Adding a route? Add its row here: the statuses
// each caller must get, and a request with real ids of organization A.
//                                                                     anon  collab owner other
const matrix: Record<string, Row> = {
  // Setup and sessions
  'GET /api/v2/setup': row('public', [200, 200, 200, 200], () => ({ url: `${v2}/setup` })),
  'POST /api/v2/setup': row('public', [404, 404, 404, 404], () => ({
    url: `${v2}/setup`,
    payload: { organization_name: 'Evil', name: 'Eve', email: 'eve@evil.test', password: testPassword },
  })),
  'POST /api/v2/sessions': row('public', [200, 200, 200, 200], async (f) => ({
    url: `${v2}/sessions`,
    payload: { email: (await f.member()).email, password: testPassword },
  })),
  'DELETE /api/v2/sessions/current': row('member', [401, 204, 204, 204], () => ({
    url: `${v2}/sessions/current`,
  })),
  'GET /api/v2/userinfo': row('member', [401, 200, 200, 200], () => ({ url: `${v2}/userinfo` })),

  // API keys (personal: another organization's key id is a 404)
  'GET /api/v2/api_keys': row('member', [401, 200, 200, 200], () => ({ url: `${v2}/api_keys` })),
  'POST /api/v2/api_keys': row('member', [401, 201, 201, 201], () => ({
    url: `${v2}/api_keys`,
    payload: { name: 'matrix' },
  })),
  'DELETE /api/v2/api_keys/:id': row('member', [401, 204, 204, 404], async (f) => ({
    url: `${v2}/api_keys/${await f.apiKey()}`,
  })),

  // Credentials: your sessions, password change and reset
  'GET /api/v2/sessions': row('member', [401, 200, 200, 200], () => ({ url: `${v2}/sessions` })),
  'DELETE /api/v2/sessions/:id': row('member', [401, 204, 204, 404], async (f) => ({
    url: `${v2}/sessions/${await f.session()}`,
  })),
  'POST /api/v2/sessions/sign_out_others': row('member', [401, 200, 200, 200], () => ({
    url: `${v2}/sessions/sign_out_others`,
  })),
  'POST /api/v2/password_changes': row('member', [401, 200, 200, 200], () => ({
    url: `${v2}/password_changes`,
    payload: { current_password: testPassword, new_password: `matrix quartz lantern ${newId()}` },
  })),
  'POST /api/v2/password_resets': row('public', [202, 202, 202, 202], (f) => ({
    url: `${v2}/password_resets`,
    payload: { email: f.mine.email },
  })),
  'POST /api/v2/password_reset_completions/preview': row('public', [200, 200, 200, 200], async (f) => ({
    url: `${v2}/password_reset_completions/preview`,
    payload: { token: await f.passwordReset() },
  })),
  'POST /api/v2/password_reset_completions': row('public', [204, 204, 204, 204], async (f) => ({
    url: `${v2}/password_reset_completions`,
    payload: { token: await f.passwordReset(), password: testPassword },
  })),

  // Members
  'GET /api/v2/organization_collaborators': row('member', [401, 200, 200, 200], () => ({
    url: `${v2}/organization_collaborators`,
  })),
  'GET /api/v2/organization_collaborators/:id': row('member', [401, 200, 200, 404], async (f) => ({
    url: `${v2}/organization_collaborators/${(await f.member()).id}`,
  })),
  'PATCH /api/v2/organization_collaborators/:id': row('owner', [401, 403, 200, 404], async (f) => ({
    url: `${v2}/organization_collaborators/${(await f.member()).id}`,
    payload: { permission_level: 'owner' },
  })),
  'PUT /api/v2/organization_collaborators/:id': row('owner', [401, 403, 200, 404], async (f) => ({
    url: `${v2}/organization_collaborators/${(await f.member()).id}`,
    payload: { permission_level: 'owner' },
  })),
  'PUT /api/v2/organization_collaborators/:id/roles': row('owner', [401, 403, 204, 404], async (f) => ({
    url: `${v2}/organization_collaborators/${(await f.member()).user_id}/roles`,
    payload: { base_role: 'owner', additional_roles: [] },
  })),
  'DELETE /api/v2/organization_collaborators/:id': row('owner', [401, 403, 204, 404], async (f) => ({
    url: `${v2}/organization_collaborators/${(await f.member()).id}`,
  })),
  'POST /api/v2/organization_collaborators/batch_delete': row('owner', [401, 403, 200, 404], async (f) => ({
    url: `${v2}/organization_collaborators/batch_delete`,
    payload: { ids: [(await f.member()).id, (await f.member()).id] },
  })),
  'GET /api/v2/organization_collaborators/:id/offboarding_preview': row(
    'owner',
    [401, 403, 200, 404],
    async (f) => ({ url: `${v2}/organization_collaborators/${(await f.member()).id}/offboarding_preview` }),
  ),
  'GET /api/v2/organization_collaborators/:id/profile': row('owner', [401, 403, 200, 404], async (f) => ({
    url: `${v2}/organization_collaborators/${(await f.member()).id}/profile`,
  })),
  // Each owner exports their own organization's list.
  'GET /api/v2/organization_collaborators/export': row('owner', [401, 403, 200, 200], () => ({
    url: `${v2}/organization_collaborators/export`,
  })),

  // Service accounts (keys minted by an owner, from a session)
  'POST /api/v2/users/service_accounts': row('owner', [401, 403, 201, 201], () => ({
    url: `${v2}/users/service_accounts?name=ci-bot`,
  })),
  'POST /api/v2/users/create_api_key': row('owner', [401, 403, 201, 404], async (f) => ({
    url: `${v2}/users/create_api_key`,
    payload: { user_id: (await f.serviceAccount()).user_id, duration: 86_400 },
  })),
  'GET /api/v2/users/service_accounts/:user_id/api_keys': row('owner', [401, 403, 200, 404], async (f) => ({
    url: `${v2}/users/service_accounts/${(await f.serviceAccount()).user_id}/api_keys`,
  })),
  'DELETE /api/v2/users/service_accounts/:user_id/api_keys/:id': row(
    'owner',
    [401, 403, 204, 404],
    async (f) => {
      const key = await f.serviceAccountKey();
      return { url: `${v2}/users/service_accounts/${key.user_id}/api_keys/${key.id}` };
    },
  ),

  // Invitations
  'POST /api/v2/organization_invitations': row('owner', [401, 403, 200, 200], () => ({
    url: `${v2}/organization_invitations`,
    payload: { emails: [`invitee-${newId()}@acme.test`] },
  })),
  'POST /api/v2/organization_invitations/lookup': row('owner', [401, 403, 200, 200], (f) => ({
    url: `${v2}/organization_invitations/lookup`,
    payload: { emails: [f.mine.email, `someone-${newId()}@acme.test`] },
  })),
  'GET /api/v2/organization_invitations': row('owner', [401, 403, 200, 200], () => ({
    url: `${v2}/organization_invitations`,
  })),
  'POST /api/v2/organization_invitations/batch_create': row('owner', [401, 403, 200, 200], () => ({
    url: `${v2}/organization_invitations/batch_create`,
    payload: [{ email: `invitee-${newId()}@acme.test` }],
  })),
  'GET /api/v2/organization_invitations/:id': row('owner', [401, 403, 200, 404], async (f) => ({
    url: `${v2}/organization_invitations/${(await f.invitation()).id}`,
  })),
  'GET /api/v2/organization_invitations/delivery': row('owner', [401, 403, 200, 200], () => ({
    url: `${v2}/organization_invitations/delivery`,
  })),
  'POST /api/v2/organization_invitations/:id/resend': row('owner', [401, 403, 200, 404], async (f) => ({
    url: `${v2}/organization_invitations/${(await f.invitation()).id}/resend`,
  })),
  'POST /api/v2/organization_invitations/:id/retry_delivery': row(
    'owner',
    [401, 403, 200, 404],
    async (f) => ({ url: `${v2}/organization_invitations/${await f.failedInvitation()}/retry_delivery` }),
  ),
  'POST /api/v2/organization_invitations/:id/invalidate': row('owner', [401, 403, 200, 404], async (f) => ({
    url: `${v2}/organization_invitations/${(await f.invitation()).id}/invalidate`,
  })),
  'POST /api/v2/invitation_acceptances/preview': row('public', [200, 200, 200, 200], async (f) => ({
    url: `${v2}/invitation_acceptances/preview`,
    payload: { token: (await f.invitation()).token },
  })),
  'POST /api/v2/invitation_acceptances': row('public', [201, 201, 201, 201], async (f) => ({
    url: `${v2}/invitation_acceptances`,
    payload: { token: (await f.invitation()).token, name: 'New Person', password: testPassword },
  })),

  // Clouds
  'GET /api/v2/clouds': row('member', [401, 200, 200, 200], () => ({ url: `${v2}/clouds` })),
  'POST /api/v2/clouds': row('owner', [401, 403, 201, 201], () => ({
    url: `${v2}/clouds`,
    payload: { name: `Cloud ${newId()}`, provider: 'aws', region: 'us-east-1' },
  })),
  'GET /api/v2/clouds/:id': row('member', [401, 200, 200, 404], async (f) => ({
    url: `${v2}/clouds/${await f.cloud()}`,
  })),
  'PATCH /api/v2/clouds/:id': row('owner', [401, 403, 200, 404], async (f) => ({
    url: `${v2}/clouds/${await f.cloud()}`,
    payload: { name: `Renamed ${newId()}` },
  })),
  'GET /api/v2/clouds/:id/collaborators': row('member', [401, 403, 200, 404], async (f) => ({
    url: `${v2}/clouds/${await f.cloud()}/collaborators`,
  })),
  'POST /api/v2/clouds/:id/collaborators': row('member', [401, 403, 200, 404], async (f) => ({
    url: `${v2}/clouds/${await f.cloud()}/collaborators`,
    payload: { user_ids: [(await f.member()).user_id] },
  })),
  'PATCH /api/v2/clouds/:id/collaborators/:user_id': row('member', [401, 403, 200, 404], async (f) => {
    const [cloud, member] = [await f.cloud(), await f.member()];
    await f.grant(cloud, member);
    return { url: `${v2}/clouds/${cloud}/collaborators/${member.user_id}`, payload: { role: 'readonly' } };
  }),
  'DELETE /api/v2/clouds/:id/collaborators/:user_id': row('member', [401, 403, 204, 404], async (f) => {
    const [cloud, member] = [await f.cloud(), await f.member()];
    await f.grant(cloud, member);
    return { url: `${v2}/clouds/${cloud}/collaborators/${member.user_id}` };
  }),
  // Cloud roles: the collaborator column holds a `write` grant; managing access needs `owner` on the cloud.
  'GET /api/v2/clouds/:id/group_grants': row('member', [401, 403, 200, 404], async (f) => ({
    url: `${v2}/clouds/${await f.cloud()}/group_grants`,
  })),
  'POST /api/v2/clouds/:id/group_grants': row('member', [401, 403, 200, 404], async (f) => ({
    url: `${v2}/clouds/${await f.cloud()}/group_grants`,
    payload: { group_ids: [await f.group()], role: 'readonly' },
  })),
  'PATCH /api/v2/clouds/:id/group_grants/:group_id': row('member', [401, 403, 200, 404], async (f) => {
    const [cloud, group] = [await f.cloud(), await f.group()];
    await f.groupGrant(cloud, group);
    return { url: `${v2}/clouds/${cloud}/group_grants/${group}`, payload: { role: 'write' } };
  }),
  'DELETE /api/v2/clouds/:id/group_grants/:group_id': row('member', [401, 403, 204, 404], async (f) => {
    const [cloud, group] = [await f.cloud(), await f.group()];
    await f.groupGrant(cloud, group);
    return { url: `${v2}/clouds/${cloud}/group_grants/${group}` };
  }),
  'GET /api/v2/clouds/:id/access_report': row('member', [401, 403, 200, 404], async (f) => ({
    url: `${v2}/clouds/${await f.cloud()}/access_report`,
  })),
  'GET /api/v2/clouds/:id/access_report/export': row('member', [401, 403, 200, 404], async (f) => ({
    url: `${v2}/clouds/${await f.cloud()}/access_report/export`,
  })),
  'GET /api/v2/organization_collaborators/:id/cloud_access': row(
    'owner',
    [401, 403, 200, 404],
    async (f) => ({
      url: `${v2}/organization_collaborators/${(await f.member()).id}/cloud_access`,
    }),
  ),
  // The platform's cloud-collaborator paths (its Terraform provider)
  'POST /api/v2/clouds/:id/collaborators/users/search': row('member', [401, 403, 200, 404], async (f) => ({
    url: `${v2}/clouds/${await f.cloud()}/collaborators/users/search?count=50`,
    payload: {},
  })),
  'POST /api/v2/clouds/:id/collaborators/users': row('member', [401, 403, 200, 404], async (f) => ({
    url: `${v2}/clouds/${await f.cloud()}/collaborators/users`,
    payload: { email: (await f.member()).email, permission_level: 'readonly' },
  })),
  'POST /api/v2/clouds/:id/collaborators/users/batch_create': row(
    'member',
    [401, 403, 200, 404],
    async (f) => ({
      url: `${v2}/clouds/${await f.cloud()}/collaborators/users/batch_create`,
      payload: [{ value: { email: (await f.member()).email }, permission_level: 'write' }],
    }),
  ),

  // Groups: members read, owners change (a group of A is a 404 to B)
  'GET /api/v2/groups': row('member', [401, 200, 200, 200], () => ({ url: `${v2}/groups` })),
  'POST /api/v2/groups': row('owner', [401, 403, 201, 201], () => ({
    url: `${v2}/groups`,
    payload: { name: `Group ${newId()}` },
  })),
  'GET /api/v2/groups/:id': row('member', [401, 200, 200, 404], async (f) => ({
    url: `${v2}/groups/${await f.group()}`,
  })),
  'PATCH /api/v2/groups/:id': row('owner', [401, 403, 200, 404], async (f) => ({
    url: `${v2}/groups/${await f.group()}`,
    payload: { name: `Renamed ${newId()}` },
  })),
  'DELETE /api/v2/groups/:id': row('owner', [401, 403, 200, 404], async (f) => ({
    url: `${v2}/groups/${await f.group()}`,
  })),
  'GET /api/v2/groups/:id/deletion_preview': row('owner', [401, 403, 200, 404], async (f) => ({
    url: `${v2}/groups/${await f.group()}/deletion_preview`,
  })),
  'GET /api/v2/groups/:id/members': row('member', [401, 200, 200, 404], async (f) => ({
    url: `${v2}/groups/${await f.group()}/members`,
  })),
  'POST /api/v2/groups/:id/members': row('owner', [401, 403, 200, 404], async (f) => ({
    url: `${v2}/groups/${await f.group()}/members`,
    payload: { user_ids: [(await f.member()).user_id] },
  })),
  'DELETE /api/v2/groups/:id/members/:user_id': row('owner', [401, 403, 204, 404], async (f) => {
    const [group, member] = [await f.group(), await f.member()];
    await f.groupMember(group, member);
    return { url: `${v2}/groups/${group}/members/${member.user_id}` };
  }),
  'POST /api/v2/clouds/:id/transfer_ownership': row('member', [401, 403, 200, 404], async (f) => ({
    url: `${v2}/clouds/${await f.cloud()}/transfer_ownership`,
    payload: { user_id: (await f.member()).user_id },
  })),

  // Workloads (members act on their own; owners on all)
  'GET /api/v2/workloads': row('member', [401, 200, 200, 200], () => ({ url: `${v2}/workloads` })),
  'POST /api/v2/workloads': row('member', [401, 201, 201, 404], async (f) => ({
    url: `${v2}/workloads`,
    payload: { cloud_id: await f.cloud(), name: 'matrix-notebook' },
  })),
  'POST /api/v2/workloads/:id/terminate': row('member', [401, 200, 200, 404], async (f) => ({
    url: `${v2}/workloads/${await f.workload()}/terminate`,
  })),
  'POST /api/v2/workloads/:id/duplicate': row('member', [401, 201, 201, 404], async (f) => ({
    url: `${v2}/workloads/${await f.workload()}/duplicate`,
    payload: {},
  })),

  // Audit log
  'GET /api/v2/audit_events': row('owner', [401, 403, 200, 200], () => ({ url: `${v2}/audit_events` })),
  'GET /api/v2/audit_events/export': row('owner', [401, 403, 200, 200], () => ({
    url: `${v2}/audit_events/export`,
  })),

  // Directory sync (SCIM): the owner's token management
  'GET /api/v2/scim_tokens': row('owner', [401, 403, 200, 200], () => ({ url: `${v2}/scim_tokens` })),
  'POST /api/v2/scim_tokens': row('owner', [401, 403, 201, 201], () => ({
    url: `${v2}/scim_tokens`,
    payload: { name: 'matrix' },
  })),
  'DELETE /api/v2/scim_tokens/:id': row('owner', [401, 403, 204, 404], async (f) => ({
    url: `${v2}/scim_tokens/${await f.scimToken()}`,
  })),
  'GET /api/v2/organization_collaborators/:id/directory_groups': row(
    'member',
    [401, 200, 200, 404],
    async (f) => ({ url: `${v2}/organization_collaborators/${(await f.member()).id}/directory_groups` }),
  ),

  // Single sign-on (SAML): owners configure it; sign-in routes are public (A and B both have SSO configured)
  'GET /api/v2/sso_config': row('owner', [401, 403, 200, 200], () => ({ url: `${v2}/sso_config` })),
  'PUT /api/v2/sso_config': row('owner', [401, 403, 200, 200], () => ({
    url: `${v2}/sso_config`,
    payload: {
      idp_metadata_xml: matrixIdp().metadataXml,
      sso_mode: 'optional',
      jit_provisioning: false,
      allow_idp_initiated: true,
      domains: [],
    },
  })),
  'POST /api/v2/sso_config/test': row('owner', [401, 403, 201, 201], () => ({
    url: `${v2}/sso_config/test`,
    payload: {},
  })),
  'GET /api/v2/sso_config/test/:id': row('owner', [401, 403, 200, 404], async (f) => ({
    url: `${v2}/sso_config/test/${await f.ssoTest()}`,
  })),
  'POST /api/v2/auth/sso_discovery': row('public', [200, 200, 200, 200], (f) => ({
    url: `${v2}/auth/sso_discovery`,
    payload: { email: f.mine.email },
  })),
  'GET /api/v2/sso/:org/metadata': row('public', [200, 200, 200, 200], () => ({
    url: `${v2}/sso/${matrixOrgA()}/metadata`,
  })),
  'GET /api/v2/sso/:org/login': row('public', [302, 302, 302, 302], (f) => ({
    url: `${v2}/sso/${matrixOrgA()}/login?email=${encodeURIComponent(f.mine.email)}&next=/clouds`,
  })),
  // The IdP's cross-site form POST: no session, key or token is read (its proof is the signature).
  'POST /api/v2/sso/:org/acs': row(
    'public',
    [302, 302, 302, 302],
    async (f) => ({
      url: `${v2}/sso/${matrixOrgA()}/acs`,
      payload: await f.ssoAcsForm(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }),
    { scimToken: 302 },
  ),

  // SCIM 2.0 for identity providers: only a SCIM token, never a session or an API key
  'GET /scim/v2/ServiceProviderConfig': scimRow(200, () => ({ url: `${scim}/ServiceProviderConfig` })),
  'GET /scim/v2/ResourceTypes': scimRow(200, () => ({ url: `${scim}/ResourceTypes` })),
  'GET /scim/v2/Schemas': scimRow(200, () => ({ url: `${scim}/Schemas` })),
  'GET /scim/v2/Users': scimRow(200, () => ({ url: `${scim}/Users` })),
  'POST /scim/v2/Users': scimRow(201, () => ({ url: `${scim}/Users`, payload: scimUserBody() })),
  'GET /scim/v2/Users/:id': scimRow(200, async (f) => ({ url: `${scim}/Users/${await f.scimUser()}` })),
  'PUT /scim/v2/Users/:id': scimRow(200, async (f) => ({
    url: `${scim}/Users/${await f.scimUser()}`,
    payload: scimUserBody(),
  })),
  'PATCH /scim/v2/Users/:id': scimRow(200, async (f) => ({
    url: `${scim}/Users/${await f.scimUser()}`,
    payload: patchBody([{ op: 'replace', path: 'displayName', value: 'Matrix' }]),
  })),
  'DELETE /scim/v2/Users/:id': scimRow(204, async (f) => ({ url: `${scim}/Users/${await f.scimUser()}` })),
  'GET /scim/v2/Groups': scimRow(200, () => ({ url: `${scim}/Groups` })),
  'POST /scim/v2/Groups': scimRow(201, () => ({
    url: `${scim}/Groups`,
    payload: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: `G ${newId()}` },
  })),
  'GET /scim/v2/Groups/:id': scimRow(200, async (f) => ({ url: `${scim}/Groups/${await f.scimGroup()}` })),
  'PUT /scim/v2/Groups/:id': scimRow(200, async (f) => ({
    url: `${scim}/Groups/${await f.scimGroup()}`,
    payload: { displayName: `G ${newId()}`, members: [] },
  })),
  'PATCH /scim/v2/Groups/:id': scimRow(200, async (f) => ({
    url: `${scim}/Groups/${await f.scimGroup()}`,
    payload: patchBody([{ op: 'add', path: 'members', value: [{ value: await f.scimUser() }] }]),
  })),
  'DELETE /scim/v2/Groups/:id': scimRow(204, async (f) => ({ url: `${scim}/Groups/${await f.scimGroup()}` })),

  // Health checks for load balancers (outside /api: no session, no CSRF)
  'GET /healthz': row('public', [200, 200, 200, 200], () => ({ url: '/healthz' })),
  'GET /readyz': row('public', [200, 200, 200, 200], () => ({ url: '/readyz' })),
  // Prometheus metrics: off in this app (METRICS unset), so a JSON 404 for everyone (metrics.test.ts has them on).
  'GET /metrics': row('public', [404, 404, 404, 404], () => ({ url: '/metrics' })),

  // Development only (NODE_ENV=development): public on purpose, absent in production.
  'GET /api/v2/dev/mailbox': row('public', [200, 200, 200, 200], () => ({ url: `${v2}/dev/mailbox` }), {
    devOnly: true,
  }),
  'GET /api/v2/dev/accounts': row('public', [200, 200, 200, 200], () => ({ url: `${v2}/dev/accounts` }), {
    devOnly: true,
  }),
  'POST /api/v2/dev/sign_in_as': row(
    'public',
    [200, 200, 200, 200],
    async (f) => ({ url: `${v2}/dev/sign_in_as`, payload: { member_id: (await f.member()).id } }),
    { devOnly: true },
  ),

  // Last on purpose: the callers really leave, and no row after this one needs them. A gets a second
  // owner first, so its owner may go; B's owner is B's only owner and may not (409 last_owner).
  'POST /api/v2/organization_collaborators/leave': row('member', [401, 200, 200, 409], async (f) => {
    await f.coOwner();
    return { url: `${v2}/organization_collaborators/leave` };
  }),
};

// The matrix's organization A and its IdP, set in beforeAll (rows are built before it runs).
let matrixOrgAId = '';
let matrixIdpInstance: TestIdp | undefined;
const matrixOrgA = () => matrixOrgAId;
const matrixIdp = () => matrixIdpInstance!;

/** Routes outside /api/v2 that need no row: the API documentation. */
const documentationRoute = /^\/api\/(openapi\.json$|docs($|\/))/;

/** Routes outside /api/v2 that have rows like the API's: health checks, metrics and SCIM. */
const inMatrix = (path: string) =>
  path.startsWith('/api/v2/') || path.startsWith('/scim/v2/') || /^\/(healthz|readyz|metrics)$/.test(path);

type Registered = { key: string; access: Access | undefined };

async function registeredRoutes(t: TestContext, env: Config['env']): Promise<Registered[]> {
  const routes: Registered[] = [];
  const onRoute = (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      routes.push({ key: `${method} ${route.url}`, access: route.config?.access });
    }
  };
  const app = await buildApp({ ...t.deps, config: { ...t.deps.config, env } }, { onRoute });
  await app.close();
  // Fastify adds a HEAD twin to every GET; it answers like the GET.
  const keys = new Set(routes.map((route) => route.key));
  return routes.filter(
    (route) => !(route.key.startsWith('HEAD ') && keys.has(route.key.replace(/^HEAD /, 'GET '))),
  );
}

describe('authorization matrix', () => {
  let t: TestContext;
  let ownerA: MemberRef;
  let collaboratorA: MemberRef;
  let ownerB: MemberRef;
  let orgA: string;
  let passwordHash: string;
  /** Organization A's SCIM token, for the SCIM routes' fixtures and the SCIM-token column. */
  let scimTokenA: string;

  beforeAll(async () => {
    t = await createTestApp({ env: 'development' });
    passwordHash = await hashPassword(testPassword, 10);
    orgA = await createOrganization(t.deps, 'Acme');
    const orgB = await createOrganization(t.deps, 'Bravo');
    ownerA = await addMember(orgA, 'owner');
    collaboratorA = await addMember(orgA, 'collaborator');
    ownerB = await addMember(orgB, 'owner');
    scimTokenA = await insertScimToken(orgA);
    matrixOrgAId = orgA;
    matrixIdpInstance = createTestIdp();
    for (const orgId of [orgA, orgB]) {
      await t.deps.database.db
        .insertInto('sso_configs')
        .values({
          org_id: orgId,
          idp_entity_id: matrixIdpInstance.entityId,
          idp_sso_url: matrixIdpInstance.ssoUrl,
          idp_certificates: JSON.stringify([certificateBody(matrixIdpInstance.keys.certificate)]),
          idp_metadata_url: null,
          sso_mode: 'optional',
          jit_provisioning: 0,
          allow_idp_initiated: 1,
          email_attribute: null,
          name_attribute: null,
          groups_attribute: null,
          created_at: t.clock.now.toISOString(),
          updated_at: t.clock.now.toISOString(),
        })
        .execute();
    }
  });
  afterAll(async () => {
    await t.close();
  });

  let serial = 0;
  async function addMember(orgId: string, role: PermissionLevel, machine = false): Promise<MemberRef> {
    serial += 1;
    const member = { id: newId(), user_id: newId(), email: `person${serial}@matrix.test` };
    await insertMembers(t.deps.database.db, [
      {
        ...member,
        org_id: orgId,
        name: `Person ${serial}`,
        role,
        password_hash: machine ? null : passwordHash,
        created_at: t.clock.now.toISOString(),
        removed_at: null,
        invited_by: null,
        is_service_account: machine ? 1 : 0,
      },
    ]);
    return member;
  }

  async function insertScimToken(orgId: string): Promise<string> {
    const token = `scim_${randomToken()}`;
    await t.deps.database.db
      .insertInto('scim_tokens')
      .values({
        id: newId(),
        org_id: orgId,
        name: 'matrix',
        prefix: token.slice(0, 11),
        token_hash: sha256(token),
        created_by: ownerA.id,
        created_at: t.clock.now.toISOString(),
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
    return token;
  }

  async function scimCreate(path: string, payload: unknown): Promise<string> {
    const response = await t.app.inject({
      method: 'POST',
      url: `/scim/v2${path}`,
      headers: { authorization: `Bearer ${scimTokenA}` },
      payload: payload as object,
    });
    if (response.statusCode !== 201) throw new Error(`SCIM fixture failed: ${response.body}`);
    return response.json().id as string;
  }

  function fixture(who: Who): Fixture {
    const db = t.deps.database.db;
    const at = () => t.clock.now.toISOString();
    const mine = who === 'collaborator' ? collaboratorA : ownerA;
    const cloud = async () => {
      const id = newId();
      await insertCloud(db, {
        id,
        org_id: orgA,
        name: `Cloud ${id}`,
        provider: 'gcp',
        region: 'europe-west4',
        owner_member_id: ownerA.id,
        created_by: ownerA.id,
        created_at: at(),
      });
      await insertCloudGrant(db, {
        cloud_id: id,
        member_id: collaboratorA.id,
        granted_by: ownerA.id,
        created_at: at(),
      });
      return id;
    };
    const invitation = async () => {
      const token = randomToken();
      const expires = new Date(t.clock.now.getTime() + 86_400_000).toISOString();
      const id = await insertPendingInvitation(db, {
        org_id: orgA,
        email: `invited-${newId()}@acme.test`,
        role: 'collaborator',
        invited_by: ownerA.id,
        created_at: at(),
        expires_at: expires,
        token,
      });
      return { id, token };
    };
    return {
      who,
      mine,
      member: () => addMember(orgA, 'collaborator'),
      coOwner: () => addMember(orgA, 'owner'),
      serviceAccount: () => addMember(orgA, 'collaborator', true),
      serviceAccountKey: async () => {
        const account = await addMember(orgA, 'collaborator', true);
        const id = newId();
        await db
          .insertInto('api_keys')
          .values({
            id,
            member_id: account.id,
            name: 'machine',
            prefix: 'arst_matrix',
            token_hash: sha256(randomToken()),
            created_at: at(),
            last_used_at: null,
            revoked_at: null,
          })
          .execute();
        return { user_id: account.user_id, id };
      },
      cloud,
      grant: (cloudId, member) =>
        insertCloudGrant(db, {
          cloud_id: cloudId,
          member_id: member.id,
          granted_by: ownerA.id,
          created_at: at(),
        }),
      workload: async () => {
        const id = newId();
        await insertWorkload(db, {
          id,
          org_id: orgA,
          cloud_id: await cloud(),
          kind: 'workspace',
          name: 'matrix-workspace',
          status: 'running',
          created_by: mine.id,
          created_at: at(),
          terminated_at: null,
          duplicated_from: null,
        });
        return id;
      },
      invitation,
      failedInvitation: async () => {
        const { id, token } = await invitation();
        await withTransaction(t.deps.database, (trx) =>
          enqueueMail(trx, t.deps, {
            to: `failed-${id}@acme.test`,
            subject: 'Invitation',
            text: `/invitations/accept?token=${token}`,
            html: `/invitations/accept?token=${token}`,
            orgId: orgA,
            invitationId: id,
          }),
        );
        await db
          .updateTable('mail_outbox')
          .set({ status: 'failed' })
          .where('invitation_id', '=', id)
          .execute();
        await db.updateTable('invitations').set({ delivery_status: 'failed' }).where('id', '=', id).execute();
        return id;
      },
      apiKey: async () => {
        const id = newId();
        await db
          .insertInto('api_keys')
          .values({
            id,
            member_id: mine.id,
            name: 'matrix',
            prefix: 'rst_matrix',
            token_hash: sha256(randomToken()),
            created_at: at(),
            last_used_at: null,
            revoked_at: null,
          })
          .execute();
        return id;
      },
      session: async () => {
        const { sessionId } = await auth.startSession(t.deps, mine.id);
        return sessionHandle(sha256(sessionId));
      },
      scimToken: async () => {
        const token = await insertScimToken(orgA);
        const row = await db
          .selectFrom('scim_tokens')
          .select('id')
          .where('token_hash', '=', sha256(token))
          .executeTakeFirstOrThrow();
        return row.id;
      },
      scimUser: () => scimCreate('/Users', scimUserBody()),
      ssoTest: async () => {
        const id = newId();
        await db
          .insertInto('sso_tests')
          .values({ id, org_id: orgA, created_by: ownerA.id, status: 'pending', created_at: at() })
          .execute();
        return id;
      },
      ssoAcsForm: async () => {
        const person = await addMember(orgA, 'collaborator');
        const base = t.deps.config.publicUrl;
        const samlResponse = matrixIdp().response({
          email: person.email,
          acsUrl: `${base}/api/v2/sso/${orgA}/acs`,
          audience: `${base}/api/v2/sso/${orgA}/metadata`,
          now: t.clock.now,
        });
        return new URLSearchParams({ SAMLResponse: samlResponse }).toString();
      },
      group: async () => {
        const id = newId();
        await db
          .insertInto('groups')
          .values({
            id,
            org_id: orgA,
            name: `Group ${id}`,
            name_key: `group ${id}`.toLowerCase(),
            source: 'manual',
            scim_group_id: null,
            created_by: ownerA.id,
            created_at: at(),
            updated_at: at(),
          })
          .execute();
        return id;
      },
      groupMember: async (groupId, member) => {
        await db
          .insertInto('group_members')
          .values({ group_id: groupId, member_id: member.id, added_by: ownerA.id, created_at: at() })
          .execute();
      },
      groupGrant: async (cloudId, groupId) => {
        await db
          .insertInto('group_cloud_grants')
          .values({
            cloud_id: cloudId,
            group_id: groupId,
            role: 'readonly',
            granted_by: ownerA.id,
            created_at: at(),
          })
          .execute();
      },
      scimGroup: () =>
        scimCreate('/Groups', {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
          displayName: `Group ${newId()}`,
        }),
      passwordReset: async () => {
        const token = randomToken();
        await db
          .insertInto('password_resets')
          .values({
            id: newId(),
            email: mine.email,
            token_hash: sha256(token),
            created_at: at(),
            expires_at: new Date(t.clock.now.getTime() + 600_000).toISOString(),
            used_at: null,
          })
          .execute();
        return token;
      },
    };
  }

  /** A fresh session per request, so signing out in one row cannot affect another. */
  async function sessionCookieOf(who: Who): Promise<string | undefined> {
    const memberId = {
      anonymous: null,
      collaborator: collaboratorA.id,
      owner: ownerA.id,
      otherOrgOwner: ownerB.id,
    }[who];
    if (!memberId) return undefined;
    const { sessionId } = await auth.startSession(t.deps, memberId);
    return `${sessionCookie}=${sessionId}`;
  }

  it('has exactly one row per registered route, with the access level the route declares', async () => {
    const development = await registeredRoutes(t, 'development');
    const production = await registeredRoutes(t, 'production');
    const api = development.filter((route) => inMatrix(route.key.split(' ')[1]!));

    const missing = api.filter((route) => !matrix[route.key]).map((route) => route.key);
    expect(
      missing,
      `These routes have no row in the authorization matrix (src/server/test/authz-matrix.test.ts).\n` +
        `Add one line per route to \`matrix\` with the status each caller must get ` +
        `(anonymous, collaborator of A, owner of A, owner of B using A's ids) and a request with real ids and ` +
        `a valid body, e.g.\n` +
        `  'POST /api/v2/things/:id/archive': row('owner', [401, 403, 200, 404], async (f) => ({ url: \`\${v2}/things/\${await f.thing()}/archive\` })),\n`,
    ).toEqual([]);

    const registered = new Set(api.map((route) => route.key));
    const stale = Object.keys(matrix).filter((key) => !registered.has(key));
    expect(stale, 'Rows for routes that no longer exist: delete them from the matrix.').toEqual([]);

    const wrongAccess = api
      .filter((route) => matrix[route.key] && matrix[route.key]!.access !== route.access)
      .map((route) => `${route.key}: route says ${route.access}, matrix says ${matrix[route.key]!.access}`);
    expect(wrongAccess, 'The matrix and the route disagree on who may call it.').toEqual([]);

    // Development-only rows are exactly the routes production does not have.
    const inProduction = new Set(production.map((route) => route.key));
    const devOnly = api.filter((route) => !inProduction.has(route.key)).map((route) => route.key);
    const markedDevOnly = Object.keys(matrix).filter((key) => matrix[key]!.devOnly);
    expect(
      devOnly.sort(),
      'Routes only registered in development must be marked devOnly, and only those.',
    ).toEqual(markedDevOnly.sort());

    const outside = development
      .map((route) => route.key)
      .filter((key) => !inMatrix(key.split(' ')[1]!) && !documentationRoute.test(key.split(' ')[1]!));
    expect(
      outside,
      'Routes outside /api/v2 other than the API docs: give them an access rule and a row.',
    ).toEqual([]);
  });

  // Every route × four callers, each with fresh objects: longer than one ordinary test on a busy machine.
  it('answers every caller with the expected status, each declared in the OpenAPI document', async () => {
    const mismatches: string[] = [];
    const openapi = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
    };
    const declared = (key: string, status: number) => {
      const [method, path] = key.split(' ') as [string, string];
      const openapiPath = path.replace(/:([A-Za-z_]+)/g, '{$1}');
      return Boolean(openapi.paths[openapiPath]?.[method.toLowerCase()]?.responses?.[String(status)]);
    };
    let address = 0;
    for (const [key, spec] of Object.entries(matrix)) {
      const method = key.split(' ')[0]! as 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
      for (const [index, who] of callers.entries()) {
        const request = await spec.request(fixture(who));
        const cookie = await sessionCookieOf(who);
        address += 1;
        const response = await t.app.inject({
          method,
          url: request.url,
          ...(request.payload !== undefined ? { payload: request.payload as object } : {}),
          headers: { 'x-requested-with': 'roster', ...(cookie ? { cookie } : {}), ...request.headers },
          // A distinct client address per request keeps per-IP rate limits out of the picture.
          remoteAddress: `10.0.${Math.floor(address / 250)}.${(address % 250) + 1}`,
        });
        const expected = spec.expect[index]!;
        if (response.statusCode !== expected) {
          mismatches.push(
            `${key} as ${who}: expected ${expected}, got ${response.statusCode} ${response.body.slice(0, 200)}`,
          );
        }
        if (spec.access === 'scim') {
          // SCIM routes are for identity providers: SCIM's own error shape, not in the OpenAPI document.
          if (response.statusCode >= 400 && response.json()?.schemas?.[0] !== scimErrorSchema) {
            mismatches.push(`${key} as ${who}: error body is not a SCIM Error: ${response.body}`);
          }
          continue;
        }
        if (!declared(key, response.statusCode)) {
          mismatches.push(
            `${key} as ${who}: answered ${response.statusCode}, which its OpenAPI operation does not declare`,
          );
        }
        if (response.statusCode >= 400) {
          const body = response.json();
          if (typeof body?.error?.code !== 'string' || typeof body?.error?.message !== 'string') {
            mismatches.push(
              `${key} as ${who}: error body is not { error: { code, message } }: ${response.body}`,
            );
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 90_000);

  it("answers A's SCIM token only on the SCIM routes (every other route refuses it)", async () => {
    const mismatches: string[] = [];
    let address = 0;
    for (const [key, spec] of Object.entries(matrix)) {
      const [method, path] = key.split(' ') as ['GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', string];
      // Health checks read no credentials at all.
      if (!path.startsWith('/api/') && !path.startsWith('/scim/')) continue;
      const request = await spec.request(fixture('owner'));
      address += 1;
      const response = await t.app.inject({
        method,
        url: request.url,
        ...(request.payload !== undefined ? { payload: request.payload as object } : {}),
        headers: { 'x-requested-with': 'roster', authorization: `Bearer ${scimTokenA}`, ...request.headers },
        remoteAddress: `10.1.${Math.floor(address / 250)}.${(address % 250) + 1}`,
      });
      const expected = spec.scimToken ?? 401;
      if (response.statusCode !== expected) {
        mismatches.push(
          `${key} with a SCIM token: expected ${expected}, got ${response.statusCode} ${response.body.slice(0, 200)}`,
        );
      }
    }
    expect(mismatches).toEqual([]);
  });
});
