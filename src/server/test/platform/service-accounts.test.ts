/**
 * Service accounts (DESIGN.md §1 "Accounts and credentials"): machine
 * identities created by owners with the platform's
 * POST /api/v2/users/service_accounts?name=…, listed as collaborators with
 * is_service_account true, holding API keys minted by an owner with the
 * platform's POST /api/v2/users/create_api_key { duration, user_id }, never
 * signing in with a password, and removed like members.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, memberActor, setupOrganization, type Actor } from '../actors.ts';
import { createTestApp, type TestContext } from '../test-app.ts';
import { providerRequest, sdkRequest } from './platform-clients.ts';
import {
  platformError,
  providerCollaborator,
  sdkAcceptsKey,
  sdkCollaboratorListResponse,
  sdkUserinfoResponse,
} from './platform-models.ts';

let t: TestContext;
let owner: Actor;
let ownerKey: string;

beforeAll(async () => {
  t = await createTestApp();
  owner = await setupOrganization(t.app);
  ownerKey = (
    await owner.request({ method: 'POST', url: '/api/v2/api_keys', payload: { name: 'sdk' } })
  ).json().result.token;
});
afterAll(async () => {
  await t.close();
});

async function createAccount(name: string) {
  const response = await owner.request({
    method: 'POST',
    url: `/api/v2/users/service_accounts?name=${encodeURIComponent(name)}`,
  });
  expect(response.statusCode).toBe(201);
  return providerCollaborator.parse(response.json().result);
}

async function mintKey(userId: string, duration?: number | null) {
  const response = await owner.request({
    method: 'POST',
    url: '/api/v2/users/create_api_key',
    payload: { user_id: userId, ...(duration === undefined ? {} : { duration }) },
  });
  expect(response.statusCode).toBe(201);
  return response.json().result as { id: string; token: string; expires_at: string | null; user_id: string };
}

describe('service accounts', () => {
  it('are created by name, listed as collaborators with is_service_account true, and are not people', async () => {
    const account = await createAccount('CI Deployer');
    expect(account).toMatchObject({
      name: 'CI Deployer',
      permission_level: 'collaborator',
      is_service_account: true,
    });
    expect(account.email).toMatch(/^ci-deployer\.[a-z0-9]+@service-accounts\.invalid$/);

    const machines = sdkCollaboratorListResponse.parse(
      (
        await sdkRequest(t.app, ownerKey, 'GET', '/api/v2/organization_collaborators/', {
          query: [['is_service_account', true]],
        })
      ).json(),
    );
    expect(machines.results.map((c) => c.id)).toContain(account.id);
    const people = sdkCollaboratorListResponse.parse(
      (
        await sdkRequest(t.app, ownerKey, 'GET', '/api/v2/organization_collaborators/', {
          query: [['collaborator_type', 'only_user_accounts']],
        })
      ).json(),
    );
    expect(people.results.map((c) => c.id)).not.toContain(account.id);
  });

  it('never sign in with a password', async () => {
    const account = await createAccount('No Login');
    for (const password of ['', 'correct horse battery', 'not-a-password']) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v2/sessions',
        headers: { 'x-requested-with': 'roster' },
        payload: { email: account.email, password },
      });
      expect(response.statusCode).toBe(401);
    }
  });

  it('hold keys an owner mints with { duration, user_id }; the key acts as the account, with its role', async () => {
    const account = await createAccount('Nightly Sync');
    const key = await mintKey(account.user_id!, 3600);
    expect(sdkAcceptsKey(key.token)).toBe(true);
    expect(key.expires_at).toBe(new Date(t.clock.now.getTime() + 3600_000).toISOString());
    const audited = await t.app.inject({
      method: 'GET',
      url: '/api/v2/audit_events?action=api_key.created',
      headers: { authorization: `Bearer ${ownerKey}` },
    });
    const created = (audited.json().results as { target: { id: string } }[]).find(
      (event) => event.target.id === key.id,
    );
    expect(created).toMatchObject({
      target: { id: key.id, label: 'Nightly Sync key (Nightly Sync)' },
      after: { expires_at: key.expires_at, service_account: account.user_id },
    });

    const me = sdkUserinfoResponse.parse(
      (await sdkRequest(t.app, key.token, 'GET', '/api/v2/userinfo/')).json(),
    );
    expect(me.result).toMatchObject({
      id: account.id,
      name: 'Nightly Sync',
      organization_permission_level: 'collaborator',
    });
    // A collaborator may not invite…
    const refused = await providerRequest(t.app, key.token, 'POST', '/api/v2/organization_invitations', {
      email: 'x@acme.test',
    });
    expect(refused.statusCode).toBe(403);
    // …until an owner gives the account the owner role, applied on its very next request.
    await providerRequest(t.app, ownerKey, 'PUT', `/api/v2/organization_collaborators/${account.id}`, {
      permission_level: 'owner',
    });
    const allowed = await providerRequest(t.app, key.token, 'POST', '/api/v2/organization_invitations', {
      email: 'x@acme.test',
    });
    expect(allowed.statusCode).toBe(201);

    // Expiry is enforced.
    t.clock.advance(3601_000);
    const expired = await sdkRequest(t.app, key.token, 'GET', '/api/v2/userinfo/');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('api_key_expired');
  });

  it('a key without duration never expires; keys are listed (never their tokens) and revocable', async () => {
    const account = await createAccount('Forever');
    const key = await mintKey(account.user_id!, null);
    expect(key.expires_at).toBeNull();
    const list = await owner.request({
      method: 'GET',
      url: `/api/v2/users/service_accounts/${account.user_id}/api_keys`,
    });
    expect(list.json().results).toEqual([expect.objectContaining({ id: key.id, expires_at: null })]);
    expect(list.body).not.toContain(key.token);
    const revoked = await owner.request({
      method: 'DELETE',
      url: `/api/v2/users/service_accounts/${account.user_id}/api_keys/${key.id}`,
    });
    expect(revoked.statusCode).toBe(204);
    expect((await sdkRequest(t.app, key.token, 'GET', '/api/v2/userinfo/')).statusCode).toBe(401);
  });

  it('keys are minted only for service accounts, only by owners, only from a session', async () => {
    const account = await createAccount('Guarded');
    const person = await createMember(t.deps, owner.orgId, { name: 'Pat Person', email: 'pat@acme.test' });
    const personUserId = (
      await t.deps.database.db
        .selectFrom('members')
        .select('user_id')
        .where('id', '=', person)
        .executeTakeFirstOrThrow()
    ).user_id;
    const forPerson = await owner.request({
      method: 'POST',
      url: '/api/v2/users/create_api_key',
      payload: { user_id: personUserId, duration: 3600 },
    });
    expect(forPerson.statusCode).toBe(404);

    const byKey = await providerRequest(t.app, ownerKey, 'POST', '/api/v2/users/create_api_key', {
      user_id: account.user_id,
      duration: 3600,
    });
    expect(byKey.statusCode).toBe(403);
    expect(platformError.parse(byKey.json()).error).toMatchObject({ code: 'session_required' });

    const collaborator = await memberActor(t.app, owner.orgId, { name: 'Cole', email: 'cole@acme.test' });
    const byCollaborator = await collaborator.request({
      method: 'POST',
      url: '/api/v2/users/create_api_key',
      payload: { user_id: account.user_id, duration: 3600 },
    });
    expect(byCollaborator.statusCode).toBe(403);

    const tooLong = await owner.request({
      method: 'POST',
      url: '/api/v2/users/create_api_key',
      payload: { user_id: account.user_id, duration: 400 * 24 * 3600 },
    });
    expect(tooLong.statusCode).toBe(400);
  });

  it('are removed like members: gone from the list, their keys dead at once', async () => {
    const account = await createAccount('Retired Bot');
    const key = await mintKey(account.user_id!, 3600);
    expect((await sdkRequest(t.app, key.token, 'GET', '/api/v2/userinfo/')).statusCode).toBe(200);
    const removed = await sdkRequest(
      t.app,
      ownerKey,
      'DELETE',
      `/api/v2/organization_collaborators/${account.id}`,
    );
    expect(removed.statusCode).toBe(204);
    expect((await sdkRequest(t.app, key.token, 'GET', '/api/v2/userinfo/')).statusCode).toBe(401);
    const mint = await owner.request({
      method: 'POST',
      url: '/api/v2/users/create_api_key',
      payload: { user_id: account.user_id, duration: 3600 },
    });
    expect(mint.statusCode).toBe(404);
  });
});
