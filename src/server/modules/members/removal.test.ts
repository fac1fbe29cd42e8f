import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../lib/crypto.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import {
  createMember,
  createOrganization,
  memberActor,
  setupOrganization,
  signIn,
  testPassword,
  type Actor,
} from '../../test/actors.ts';

let t: TestContext;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const at = () => t.clock.now.toISOString();

/** Rows that other modules own, inserted directly so this file tests removal alone. */
const seed = {
  async cloud(orgId: string, name: string, ownerId: string | null, createdBy: string) {
    const id = newId();
    await t.deps.database.db
      .insertInto('clouds')
      .values({
        id,
        org_id: orgId,
        name,
        provider: 'aws',
        region: 'eu-west-1',
        owner_member_id: ownerId,
        created_by: createdBy,
        created_at: at(),
      })
      .execute();
    return id;
  },
  async grant(cloudId: string, memberId: string) {
    await t.deps.database.db
      .insertInto('cloud_grants')
      .values({ cloud_id: cloudId, member_id: memberId, granted_by: null, created_at: at() })
      .execute();
  },
  async workload(
    orgId: string,
    cloudId: string,
    createdBy: string,
    kind: 'workspace' | 'job' | 'service',
    status: 'running' | 'terminated' = 'running',
  ) {
    await t.deps.database.db
      .insertInto('workloads')
      .values({
        id: newId(),
        org_id: orgId,
        cloud_id: cloudId,
        kind,
        name: `${kind}-${newId().slice(0, 4)}`,
        status,
        created_by: createdBy,
        created_at: at(),
        terminated_at: status === 'terminated' ? at() : null,
        duplicated_from: null,
      })
      .execute();
  },
  async invitation(orgId: string, invitedBy: string, email: string) {
    const id = newId();
    await t.deps.database.db
      .insertInto('invitations')
      .values({
        id,
        org_id: orgId,
        email,
        role: 'collaborator',
        cloud_ids: '[]',
        token_hash: newId(),
        invited_by: invitedBy,
        created_at: at(),
        sent_at: at(),
        expires_at: new Date(t.clock.now.getTime() + 86_400_000).toISOString(),
        revoked_at: null,
        accepted_at: null,
        accepted_member_id: null,
        delivery_status: 'sent',
      })
      .execute();
    return id;
  },
};

async function createApiKey(actor: Actor, name = 'laptop'): Promise<string> {
  const response = await actor.request({ method: 'POST', url: '/api/v2/api_keys', payload: { name } });
  expect(response.statusCode).toBe(201);
  return response.json().result.token;
}

function remove(actor: Actor, id: string) {
  return actor.request({ method: 'DELETE', url: `/api/v2/organization_collaborators/${id}` });
}

function batchDelete(actor: Actor, payload: Record<string, unknown>) {
  return actor.request({ method: 'POST', url: '/api/v2/organization_collaborators/batch_delete', payload });
}

async function activeIds(owner: Actor): Promise<string[]> {
  const list = await owner.request({ method: 'GET', url: '/api/v2/organization_collaborators?count=100' });
  return list.json().results.map((member: { id: string }) => member.id);
}

describe('removing one member', () => {
  it('answers 204; the person is gone and their session and API key get 401 on the next request', async () => {
    const owner = await setupOrganization(t.app);
    const ada = await memberActor(t.app, owner.orgId, { name: 'Ada Lovelace', email: 'ada@acme.test' });
    const key = await createApiKey(ada);
    const viaKey = () =>
      t.app.inject({ method: 'GET', url: '/api/v2/userinfo', headers: { authorization: `Bearer ${key}` } });
    expect((await viaKey()).statusCode).toBe(200);
    expect((await ada.request({ method: 'GET', url: '/api/v2/userinfo' })).statusCode).toBe(200);

    const response = await remove(owner, ada.memberId);
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');

    const session = await ada.request({ method: 'GET', url: '/api/v2/organization_collaborators' });
    expect(session.statusCode).toBe(401);
    const apiKey = await viaKey();
    expect(apiKey.statusCode).toBe(401);
    expect(apiKey.json().error.code).toBe('unauthenticated');
    // They cannot sign in again either.
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v2/sessions',
      headers: { 'x-requested-with': 'roster' },
      payload: { email: 'ada@acme.test', password: testPassword },
    });
    expect(login.statusCode).toBe(401);

    expect(await activeIds(owner)).not.toContain(ada.memberId);
    const read = await owner.request({
      method: 'GET',
      url: `/api/v2/organization_collaborators/${ada.memberId}`,
    });
    expect(read.statusCode).toBe(404);
    expect((await remove(owner, ada.memberId)).statusCode).toBe(404);
  });

  it('refuses to remove an owner with 409 owner_must_be_downgraded until they are downgraded', async () => {
    const owner = await setupOrganization(t.app);
    const otto = await memberActor(t.app, owner.orgId, {
      name: 'Otto Owner',
      email: 'otto@acme.test',
      role: 'owner',
    });

    const refused = await remove(owner, otto.memberId);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('owner_must_be_downgraded');
    expect(refused.json().error.message).toMatch(/Otto Owner.*[Dd]owngrade/);
    expect((await otto.request({ method: 'GET', url: '/api/v2/userinfo' })).statusCode).toBe(200);
    // Not even yourself: you are an owner.
    expect((await remove(owner, owner.memberId)).json().error.code).toBe('owner_must_be_downgraded');

    const downgrade = await owner.request({
      method: 'PATCH',
      url: `/api/v2/organization_collaborators/${otto.memberId}`,
      payload: { permission_level: 'collaborator' },
    });
    expect(downgrade.statusCode).toBe(200);
    expect((await remove(owner, otto.memberId)).statusCode).toBe(204);
  });

  it('is for owners only and answers 404 for members of other organizations', async () => {
    const owner = await setupOrganization(t.app);
    const cleo = await memberActor(t.app, owner.orgId, { name: 'Cleo Collab', email: 'cleo@acme.test' });
    const dan = await memberActor(t.app, owner.orgId, { name: 'Dan Collab', email: 'dan@acme.test' });
    expect((await remove(cleo, dan.memberId)).statusCode).toBe(403);
    expect((await batchDelete(cleo, { ids: [dan.memberId] })).statusCode).toBe(403);
    expect(
      (
        await cleo.request({
          method: 'GET',
          url: `/api/v2/organization_collaborators/${dan.memberId}/offboarding_preview`,
        })
      ).statusCode,
    ).toBe(403);

    const globex = await createOrganization(t.deps, 'Globex');
    const stranger = await createMember(t.deps, globex, { name: 'Sam Stranger', email: 'sam@globex.test' });
    expect((await remove(owner, stranger)).statusCode).toBe(404);
    expect(
      (
        await owner.request({
          method: 'GET',
          url: `/api/v2/organization_collaborators/${stranger}/offboarding_preview`,
        })
      ).statusCode,
    ).toBe(404);
    expect(await activeIds(owner)).toContain(dan.memberId);
  });
});

describe('removing several members', () => {
  it('is all or nothing: an owner or an unknown id in the batch leaves everyone in place', async () => {
    const owner = await setupOrganization(t.app);
    const otto = await createMember(t.deps, owner.orgId, {
      name: 'Otto Owner',
      email: 'otto@acme.test',
      role: 'owner',
    });
    const cleo = await memberActor(t.app, owner.orgId, { name: 'Cleo Collab', email: 'cleo@acme.test' });
    const dan = await createMember(t.deps, owner.orgId, { name: 'Dan Collab', email: 'dan@acme.test' });

    const withOwner = await batchDelete(owner, { ids: [cleo.memberId, otto, dan] });
    expect(withOwner.statusCode).toBe(409);
    expect(withOwner.json().error.code).toBe('owner_must_be_downgraded');
    expect(withOwner.json().error.message).toContain('Otto Owner');

    const withUnknown = await batchDelete(owner, { ids: [cleo.memberId, 'not-a-member'] });
    expect(withUnknown.statusCode).toBe(404);

    expect(await activeIds(owner)).toEqual(expect.arrayContaining([cleo.memberId, dan, otto]));
    expect((await cleo.request({ method: 'GET', url: '/api/v2/userinfo' })).statusCode).toBe(200);

    const ok = await batchDelete(owner, { ids: [cleo.memberId, dan, dan] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().result).toMatchObject({ removed: 2, sessions_ended: 1 });
    expect(await activeIds(owner)).toEqual(expect.arrayContaining([owner.memberId, otto]));
    expect(await activeIds(owner)).toHaveLength(2);
  });

  it('validates the body', async () => {
    const owner = await setupOrganization(t.app);
    expect((await batchDelete(owner, { ids: [] })).statusCode).toBe(400);
    expect((await batchDelete(owner, {})).statusCode).toBe(400);
    const tooMany = Array.from({ length: 101 }, (_, i) => `id-${i}`);
    expect((await batchDelete(owner, { ids: tooMany })).statusCode).toBe(400);
    expect((await batchDelete(owner, { ids: ['x'], extra: true })).statusCode).toBe(400);
  });
});

describe('offboarding', () => {
  async function scenario() {
    const owner = await setupOrganization(t.app);
    const ada = await memberActor(t.app, owner.orgId, { name: 'Ada Lovelace', email: 'ada@acme.test' });
    const bob = await memberActor(t.app, owner.orgId, { name: 'Bob Builder', email: 'bob@acme.test' });
    const kim = await createMember(t.deps, owner.orgId, { name: 'Kim Keeper', email: 'kim@acme.test' });
    await signIn(t.app, 'ada@acme.test'); // a second browser
    await createApiKey(ada, 'one');
    const revoked = await ada.request({ method: 'POST', url: '/api/v2/api_keys', payload: { name: 'old' } });
    await ada.request({ method: 'DELETE', url: `/api/v2/api_keys/${revoked.json().result.id}` });
    await createApiKey(bob, 'bob');

    const training = await seed.cloud(owner.orgId, 'Training', ada.memberId, ada.memberId);
    const research = await seed.cloud(owner.orgId, 'Research', ada.memberId, ada.memberId);
    const bobs = await seed.cloud(owner.orgId, 'Staging', bob.memberId, bob.memberId);
    const shared = await seed.cloud(owner.orgId, 'Shared', null, owner.memberId);
    await seed.grant(shared, ada.memberId);
    await seed.grant(training, kim);
    await seed.workload(owner.orgId, training, ada.memberId, 'workspace');
    await seed.workload(owner.orgId, training, ada.memberId, 'workspace');
    await seed.workload(owner.orgId, training, ada.memberId, 'workspace', 'terminated');
    await seed.workload(owner.orgId, research, ada.memberId, 'job');
    await seed.workload(owner.orgId, research, ada.memberId, 'service', 'terminated');
    await seed.workload(owner.orgId, shared, bob.memberId, 'job');
    const invitation = await seed.invitation(owner.orgId, ada.memberId, 'newbie@acme.test');
    return { owner, ada, bob, kim, training, research, bobs, shared, invitation };
  }

  it('previews the real counts of what the person created and holds', async () => {
    const s = await scenario();
    const preview = await s.owner.request({
      method: 'GET',
      url: `/api/v2/organization_collaborators/${s.ada.memberId}/offboarding_preview`,
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().result).toEqual({
      member: expect.objectContaining({ id: s.ada.memberId, email: 'ada@acme.test' }),
      workloads: {
        workspaces: { running: 2, total: 3 },
        jobs: { running: 1, total: 1 },
        services: { running: 0, total: 1 },
      },
      clouds_owned: [
        { id: s.research, name: 'Research' },
        { id: s.training, name: 'Training' },
      ],
      cloud_grants: 1,
      api_keys: 1,
      active_sessions: 2,
      scim_on: false,
      pending_invitations: [
        {
          id: s.invitation,
          email: 'newbie@acme.test',
          permission_level: 'collaborator',
          cloud_ids: [],
          expires_at: expect.any(String),
        },
      ],
    });

    // Sessions past their idle limit do not count as active.
    t.clock.advance(t.deps.config.sessionIdleMs + 1000);
    const freshOwnerCookie = await signIn(t.app, s.owner.email);
    const later = await t.app.inject({
      method: 'GET',
      url: `/api/v2/organization_collaborators/${s.bob.memberId}/offboarding_preview`,
      headers: { cookie: freshOwnerCookie },
    });
    expect(later.json().result).toMatchObject({
      active_sessions: 0,
      api_keys: 1,
      workloads: { jobs: { running: 1 } },
    });
  });

  it('removes in one transaction: keys, sessions and grants die, clouds move as chosen, workloads stay', async () => {
    const s = await scenario();
    const kimUser = (
      await s.owner.request({ method: 'GET', url: `/api/v2/organization_collaborators/${s.kim}` })
    ).json().result.user_id;
    const db = t.deps.database.db;
    const workloadsBefore = await db.selectFrom('workloads').selectAll().orderBy('id').execute();

    const response = await batchDelete(s.owner, {
      ids: [s.ada.memberId, s.bob.memberId],
      cloud_transfers: [
        { cloud_id: s.training, user_id: kimUser },
        { cloud_id: s.research, user_id: null },
      ],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().result).toEqual({
      removed: 2,
      removed_ids: expect.arrayContaining([s.ada.memberId, s.bob.memberId]),
      clouds_transferred: 1,
      clouds_returned_to_owners: 2,
      cloud_grants_removed: 1,
      api_keys_revoked: 2,
      sessions_ended: 3,
      invitations_revoked: 1,
    });

    const clouds = await db.selectFrom('clouds').select(['id', 'owner_member_id']).execute();
    const ownerOf = (id: string) => clouds.find((cloud) => cloud.id === id)!.owner_member_id;
    expect(ownerOf(s.training)).toBe(s.kim);
    expect(ownerOf(s.research)).toBeNull();
    expect(ownerOf(s.bobs)).toBeNull();

    const grants = await db.selectFrom('cloud_grants').select(['cloud_id', 'member_id']).execute();
    expect(grants).toEqual([{ cloud_id: s.training, member_id: s.kim }]);

    const keys = await db.selectFrom('api_keys').select(['member_id', 'revoked_at']).execute();
    expect(keys.every((key) => key.revoked_at !== null)).toBe(true);
    const sessions = await db
      .selectFrom('sessions')
      .select('member_id')
      .where('member_id', 'in', [s.ada.memberId, s.bob.memberId])
      .execute();
    expect(sessions).toEqual([]);

    // Workloads are untouched and still attributed to their creators.
    expect(await db.selectFrom('workloads').selectAll().orderBy('id').execute()).toEqual(workloadsBefore);
    const ada = await db
      .selectFrom('members')
      .select(['name', 'removed_at'])
      .where('id', '=', s.ada.memberId)
      .executeTakeFirstOrThrow();
    expect(ada).toEqual({ name: 'Ada Lovelace', removed_at: at() });

    // Invitations they sent die with them: they have seen the links.
    const invitation = await db
      .selectFrom('invitations')
      .selectAll()
      .where('id', '=', s.invitation)
      .executeTakeFirstOrThrow();
    expect(invitation).toMatchObject({ revoked_at: at(), invited_by: s.ada.memberId });

    const audit = await s.owner.request({ method: 'GET', url: '/api/v2/audit_events?count=50' });
    const actions = audit.json().results.map((event: { action: string }) => event.action);
    expect(actions.filter((action: string) => action === 'member.removed')).toHaveLength(2);
    expect(actions.filter((action: string) => action === 'invitation.revoked')).toHaveLength(1);
    expect(actions.filter((action: string) => action === 'cloud.ownership_transferred')).toHaveLength(3);
    const training = audit
      .json()
      .results.find((event: { target: { id: string } }) => event.target.id === s.training);
    expect(training).toMatchObject({
      target: { type: 'cloud', label: 'Training' },
      before: { owner_member_id: s.ada.memberId, name: 'Ada Lovelace', email: 'ada@acme.test' },
      after: { owner_member_id: s.kim, name: 'Kim Keeper', email: 'kim@acme.test' },
    });
  });

  it('refuses transfers to someone being removed, to strangers, or of clouds they do not own — changing nothing', async () => {
    const s = await scenario();
    const users = async (id: string) =>
      (await s.owner.request({ method: 'GET', url: `/api/v2/organization_collaborators/${id}` })).json()
        .result.user_id;
    const bobUser = await users(s.bob.memberId);
    const globex = await createOrganization(t.deps, 'Globex');
    const stranger = await createMember(t.deps, globex, { name: 'Sam', email: 'sam@globex.test' });
    const strangerUser = (
      await t.deps.database.db
        .selectFrom('members')
        .select('user_id')
        .where('id', '=', stranger)
        .executeTakeFirstOrThrow()
    ).user_id;

    const cases = [
      {
        ids: [s.ada.memberId, s.bob.memberId],
        cloud_transfers: [{ cloud_id: s.training, user_id: bobUser }],
      },
      { ids: [s.ada.memberId], cloud_transfers: [{ cloud_id: s.training, user_id: strangerUser }] },
      { ids: [s.ada.memberId], cloud_transfers: [{ cloud_id: s.shared, user_id: null }] },
      { ids: [s.ada.memberId], cloud_transfers: [{ cloud_id: s.bobs, user_id: null }] },
    ];
    for (const payload of cases) {
      const response = await batchDelete(s.owner, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(['invalid_transfer_target', 'invalid_cloud_transfer']).toContain(response.json().error.code);
    }
    expect(await activeIds(s.owner)).toContain(s.ada.memberId);
    const training = await t.deps.database.db
      .selectFrom('clouds')
      .select('owner_member_id')
      .where('id', '=', s.training)
      .executeTakeFirstOrThrow();
    expect(training.owner_member_id).toBe(s.ada.memberId);
  });

  it('lets the same email be invited back later as a fresh membership with no old grants', async () => {
    const s = await scenario();
    expect((await remove(s.owner, s.ada.memberId)).statusCode).toBe(204);
    const again = await createMember(t.deps, s.owner.orgId, { name: 'Ada Lovelace', email: 'ada@acme.test' });
    expect(again).not.toBe(s.ada.memberId);
    const preview = await s.owner.request({
      method: 'GET',
      url: `/api/v2/organization_collaborators/${again}/offboarding_preview`,
    });
    expect(preview.json().result).toMatchObject({ cloud_grants: 0, api_keys: 0, clouds_owned: [] });
    const cookie = await signIn(t.app, 'ada@acme.test');
    const me = await t.app.inject({ method: 'GET', url: '/api/v2/userinfo', headers: { cookie } });
    expect(me.json().result.id).toBe(again);
  });
});
