import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { createOrganization, memberActor, setupOrganization, type Actor } from '../../test/actors.ts';

let t: TestContext;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

function setRole(actor: Actor, id: string, permission_level: string) {
  return actor.request({
    method: 'PATCH',
    url: `/api/v2/organization_collaborators/${id}`,
    payload: { permission_level },
  });
}

async function createApiKey(actor: Actor): Promise<string> {
  const response = await actor.request({ method: 'POST', url: '/api/v2/api_keys', payload: { name: 'ci' } });
  expect(response.statusCode).toBe(201);
  return response.json().result.token;
}

describe('changing roles', () => {
  it('lets an owner promote a collaborator and demote them again', async () => {
    const owner = await setupOrganization(t.app);
    const cleo = await memberActor(t.app, owner.orgId, { name: 'Cleo Collab', email: 'cleo@acme.test' });

    const promoted = await setRole(owner, cleo.memberId, 'owner');
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json().result).toMatchObject({ id: cleo.memberId, permission_level: 'owner' });

    const demoted = await setRole(owner, cleo.memberId, 'collaborator');
    expect(demoted.json().result).toMatchObject({ permission_level: 'collaborator' });
    const read = await owner.request({
      method: 'GET',
      url: `/api/v2/organization_collaborators/${cleo.memberId}`,
    });
    expect(read.json().result.permission_level).toBe('collaborator');
  });

  it('applies on the member’s very next request, through their session and their API key', async () => {
    const owner = await setupOrganization(t.app);
    const cleo = await memberActor(t.app, owner.orgId, { name: 'Cleo Collab', email: 'cleo@acme.test' });
    const cleoKey = await createApiKey(cleo);
    const viaKey = (url: string) =>
      t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${cleoKey}` } });

    // Collaborators cannot read the audit log (owner only).
    expect((await cleo.request({ method: 'GET', url: '/api/v2/audit_events' })).statusCode).toBe(403);
    expect((await viaKey('/api/v2/audit_events')).statusCode).toBe(403);

    await setRole(owner, cleo.memberId, 'owner');
    const session = await cleo.request({ method: 'GET', url: '/api/v2/userinfo' });
    expect(session.json().result.permission_level).toBe('owner');
    expect((await cleo.request({ method: 'GET', url: '/api/v2/audit_events' })).statusCode).toBe(200);
    expect((await viaKey('/api/v2/userinfo')).json().result.permission_level).toBe('owner');
    expect((await viaKey('/api/v2/audit_events')).statusCode).toBe(200);

    await setRole(owner, cleo.memberId, 'collaborator');
    expect((await cleo.request({ method: 'GET', url: '/api/v2/audit_events' })).statusCode).toBe(403);
    expect((await viaKey('/api/v2/audit_events')).statusCode).toBe(403);
    expect((await viaKey('/api/v2/userinfo')).json().result.permission_level).toBe('collaborator');
  });

  it('refuses to demote the last owner with 409 last_owner, including yourself', async () => {
    const owner = await setupOrganization(t.app);
    const response = await setRole(owner, owner.memberId, 'collaborator');
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({ code: 'last_owner' });
    expect(response.json().error.message).toMatch(/last owner/);
    const me = await owner.request({ method: 'GET', url: '/api/v2/userinfo' });
    expect(me.json().result.permission_level).toBe('owner');
  });

  it('lets an owner demote themselves when another owner remains; their rights end at once', async () => {
    const owner = await setupOrganization(t.app);
    const otto = await memberActor(t.app, owner.orgId, {
      name: 'Otto Owner',
      email: 'otto@acme.test',
      role: 'owner',
    });
    const response = await setRole(owner, owner.memberId, 'collaborator');
    expect(response.statusCode).toBe(200);
    const again = await setRole(owner, otto.memberId, 'collaborator');
    expect(again.statusCode).toBe(403);
    expect(
      (await otto.request({ method: 'GET', url: '/api/v2/userinfo' })).json().result.permission_level,
    ).toBe('owner');
  });

  it('is owner-only, validates the body and hides other organizations’ members', async () => {
    const owner = await setupOrganization(t.app);
    const cleo = await memberActor(t.app, owner.orgId, { name: 'Cleo Collab', email: 'cleo@acme.test' });
    const forbidden = await setRole(cleo, owner.memberId, 'collaborator');
    expect(forbidden.statusCode).toBe(403);
    const selfPromotion = await setRole(cleo, cleo.memberId, 'owner');
    expect(selfPromotion.statusCode).toBe(403);

    const bad = await setRole(owner, cleo.memberId, 'admin');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');

    const otherOrg = await createOrganization(t.deps, 'Globex');
    const stranger = await memberActor(t.app, otherOrg, { name: 'Sam Stranger', email: 'sam@globex.test' });
    const foreign = await setRole(owner, stranger.memberId, 'owner');
    expect(foreign.statusCode).toBe(404);
    expect((await setRole(owner, 'no-such-id', 'owner')).statusCode).toBe(404);
  });

  it('writes an audit event with actor, API key, before and after; a no-op writes none', async () => {
    const owner = await setupOrganization(t.app);
    const cleo = await memberActor(t.app, owner.orgId, { name: 'Cleo Collab', email: 'cleo@acme.test' });
    const key = await createApiKey(owner);
    const viaKey = await t.app.inject({
      method: 'PATCH',
      url: `/api/v2/organization_collaborators/${cleo.memberId}`,
      headers: { authorization: `Bearer ${key}` },
      payload: { permission_level: 'owner' },
    });
    expect(viaKey.statusCode).toBe(200);
    await setRole(owner, cleo.memberId, 'owner');

    const log = await owner.request({
      method: 'GET',
      url: '/api/v2/audit_events?action=member.role_changed',
    });
    expect(log.json().metadata.total).toBe(1);
    expect(log.json().results[0]).toMatchObject({
      action: 'member.role_changed',
      actor: { id: owner.memberId, name: 'Olive Owner', removed: false },
      api_key: { name: 'ci' },
      target: { type: 'member', id: cleo.memberId, label: 'Cleo Collab <cleo@acme.test>' },
      before: { permission_level: 'collaborator' },
      after: { permission_level: 'owner' },
    });
    expect(log.json().results[0].ip).toBeTruthy();
  });
});
