import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../lib/crypto.ts';
import { createTestApp, testDialect, type TestContext } from '../../test/test-app.ts';
import { memberActor, setupOrganization, type Actor } from '../../test/actors.ts';

let t: TestContext;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

function batchDelete(actor: Actor, payload: Record<string, unknown>) {
  return actor.request({ method: 'POST', url: '/api/v2/organization_collaborators/batch_delete', payload });
}

function leave(actor: Actor) {
  return actor.request({ method: 'POST', url: '/api/v2/organization_collaborators/leave' });
}

async function owners(actor: Actor): Promise<string[]> {
  const list = await actor.request({
    method: 'GET',
    url: '/api/v2/organization_collaborators?permission_level=owner',
  });
  return list.json().results.map((member: { email: string }) => member.email);
}

async function auditOf(actor: Actor, targetId: string) {
  const audit = await actor.request({ method: 'GET', url: '/api/v2/audit_events?count=100' });
  return (
    audit.json().results as { action: string; target: { id: string }; before: unknown; after: unknown }[]
  )
    .filter((event) => event.target.id === targetId)
    .reverse();
}

async function ownCloud(orgId: string, ownerId: string) {
  const id = newId();
  await t.deps.database.db
    .insertInto('clouds')
    .values({
      id,
      org_id: orgId,
      name: 'Research',
      provider: 'aws',
      region: 'eu-west-1',
      owner_member_id: ownerId,
      created_by: ownerId,
      created_at: t.clock.now.toISOString(),
    })
    .execute();
  return id;
}

describe(`make collaborator and remove (${testDialect})`, () => {
  it('without downgrade_owners an owner is still refused with owner_must_be_downgraded', async () => {
    const olive = await setupOrganization(t.app);
    const otto = await memberActor(t.app, olive.orgId, {
      name: 'Otto',
      email: 'otto@acme.test',
      role: 'owner',
    });
    const response = await batchDelete(olive, { ids: [otto.memberId] });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('owner_must_be_downgraded');
    expect(await owners(olive)).toEqual(['olive@acme.test', 'otto@acme.test']);
  });

  it('demotes and removes an owner in one step: sessions end, clouds return, both steps audited', async () => {
    const olive = await setupOrganization(t.app);
    const otto = await memberActor(t.app, olive.orgId, {
      name: 'Otto',
      email: 'otto@acme.test',
      role: 'owner',
    });
    const cloud = await ownCloud(olive.orgId, otto.memberId);

    const response = await batchDelete(olive, { ids: [otto.memberId], downgrade_owners: true });
    expect(response.statusCode).toBe(200);
    expect(response.json().result).toMatchObject({
      removed: 1,
      clouds_returned_to_owners: 1,
      sessions_ended: 1,
    });
    expect(await owners(olive)).toEqual(['olive@acme.test']);
    expect((await otto.request({ method: 'GET', url: '/api/v2/userinfo' })).statusCode).toBe(401);
    const owner = await t.deps.database.db
      .selectFrom('clouds')
      .select('owner_member_id')
      .where('id', '=', cloud)
      .executeTakeFirstOrThrow();
    expect(owner.owner_member_id).toBeNull();

    const events = await auditOf(olive, otto.memberId);
    // Same instant, one transaction: both steps are there (their order within the instant is not).
    expect(events.map((event) => event.action).sort()).toEqual(['member.removed', 'member.role_changed']);
    expect(events.find((event) => event.action === 'member.role_changed')).toMatchObject({
      before: { permission_level: 'owner' },
      after: { permission_level: 'collaborator' },
    });
  });

  it('refuses to remove yourself this way and changes nothing', async () => {
    const olive = await setupOrganization(t.app);
    await memberActor(t.app, olive.orgId, { name: 'Otto', email: 'otto@acme.test', role: 'owner' });
    const response = await batchDelete(olive, { ids: [olive.memberId], downgrade_owners: true });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toMatch(/Leave organization/);
    expect(await owners(olive)).toEqual(['olive@acme.test', 'otto@acme.test']);
  });

  it('a collaborator cannot use it (403)', async () => {
    const olive = await setupOrganization(t.app);
    const cleo = await memberActor(t.app, olive.orgId, { name: 'Cleo', email: 'cleo@acme.test' });
    const response = await batchDelete(cleo, { ids: [olive.memberId], downgrade_owners: true });
    expect(response.statusCode).toBe(403);
    expect(await owners(olive)).toEqual(['olive@acme.test']);
  });
});

describe(`leave organization (${testDialect})`, () => {
  it('a collaborator leaves: signed out (cookie cleared), sessions and keys dead, grants gone, audited', async () => {
    const olive = await setupOrganization(t.app);
    const cleo = await memberActor(t.app, olive.orgId, { name: 'Cleo', email: 'cleo@acme.test' });
    const key = (
      await cleo.request({ method: 'POST', url: '/api/v2/api_keys', payload: { name: 'cli' } })
    ).json().result.token;
    const cloud = await ownCloud(olive.orgId, olive.memberId);
    await t.deps.database.db
      .insertInto('cloud_grants')
      .values({
        cloud_id: cloud,
        member_id: cleo.memberId,
        granted_by: null,
        created_at: t.clock.now.toISOString(),
      })
      .execute();

    const response = await leave(cleo);
    expect(response.statusCode).toBe(200);
    expect(response.json().result).toMatchObject({
      removed: 1,
      api_keys_revoked: 1,
      cloud_grants_removed: 1,
    });
    expect(response.headers['set-cookie']).toMatch(/roster_session=;/);
    expect((await cleo.request({ method: 'GET', url: '/api/v2/userinfo' })).statusCode).toBe(401);
    const viaKey = await t.app.inject({
      method: 'GET',
      url: '/api/v2/userinfo',
      headers: { authorization: `Bearer ${key}` },
    });
    expect(viaKey.statusCode).toBe(401);

    const list = await olive.request({ method: 'GET', url: '/api/v2/organization_collaborators' });
    expect(list.json().results.map((member: { email: string }) => member.email)).toEqual(['olive@acme.test']);
    const events = await auditOf(olive, cleo.memberId);
    expect(events.map((event) => event.action)).toContain('member.left');
  });

  it('the last owner cannot leave (409 last_owner); another owner can', async () => {
    const olive = await setupOrganization(t.app);
    const refused = await leave(olive);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('last_owner');
    expect((await olive.request({ method: 'GET', url: '/api/v2/userinfo' })).statusCode).toBe(200);

    const otto = await memberActor(t.app, olive.orgId, {
      name: 'Otto',
      email: 'otto@acme.test',
      role: 'owner',
    });
    expect((await leave(otto)).statusCode).toBe(200);
    expect(await owners(olive)).toEqual(['olive@acme.test']);
  });

  it('two owners leaving at once: one leaves, the other stays as the last owner', async () => {
    const olive = await setupOrganization(t.app);
    const otto = await memberActor(t.app, olive.orgId, {
      name: 'Otto',
      email: 'otto@acme.test',
      role: 'owner',
    });
    const results = await Promise.all([leave(olive), leave(otto)]);
    expect(results.map((response) => response.statusCode).sort()).toEqual([200, 409]);
    const survivor = results[0]!.statusCode === 409 ? olive : otto;
    expect(await owners(survivor)).toEqual([survivor.email]);
  });
});
