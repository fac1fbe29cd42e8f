import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import {
  actorFor,
  createMember,
  createOrganization,
  memberActor,
  setupOrganization,
  signIn,
  type Actor,
} from '../../test/actors.ts';

let t: TestContext;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

async function userIdOf(actor: Actor): Promise<string> {
  const me = await actor.request({ method: 'GET', url: '/api/v2/userinfo' });
  return (me.json().result as { user_id: string }).user_id;
}

async function registerCloud(owner: Actor, name: string, provider = 'aws', region = 'us-west-2') {
  const response = await owner.request({
    method: 'POST',
    url: '/api/v2/clouds',
    payload: { name, provider, region },
  });
  expect(response.statusCode).toBe(201);
  return response.json().result as { id: string; name: string };
}

async function grant(owner: Actor, cloudId: string, userIds: string[]) {
  return owner.request({
    method: 'POST',
    url: `/api/v2/clouds/${cloudId}/collaborators`,
    payload: { user_ids: userIds },
  });
}

async function cloudNames(actor: Actor): Promise<string[]> {
  const response = await actor.request({ method: 'GET', url: '/api/v2/clouds' });
  expect(response.statusCode).toBe(200);
  return (response.json() as { results: { name: string }[] }).results.map((cloud) => cloud.name);
}

async function accessList(owner: Actor, cloudId: string) {
  const response = await owner.request({ method: 'GET', url: `/api/v2/clouds/${cloudId}/collaborators` });
  expect(response.statusCode).toBe(200);
  return response.json() as {
    results: {
      name: string;
      user_id: string;
      source: string;
      grant: { granted_by: { name: string } | null; granted_at: string } | null;
      removal_blocked_reason: string | null;
    }[];
    metadata: { total: number };
  };
}

/** An organization with two owners and two collaborators, all signed in. */
async function organization() {
  const olive = await setupOrganization(t.app);
  const oscar = await memberActor(t.app, olive.orgId, {
    name: 'Oscar Owner',
    email: 'oscar@acme.test',
    role: 'owner',
  });
  const cara = await memberActor(t.app, olive.orgId, { name: 'Cara Collab', email: 'cara@acme.test' });
  const dan = await memberActor(t.app, olive.orgId, { name: 'Dan Dev', email: 'dan@acme.test' });
  return { olive, oscar, cara, dan };
}

describe('registering and renaming clouds', () => {
  it('makes the creator the explicit owner and writes audit events', async () => {
    const { olive } = await organization();
    const created = await olive.request({
      method: 'POST',
      url: '/api/v2/clouds',
      payload: { name: 'prod', provider: 'gcp', region: 'europe-west1' },
    });
    expect(created.statusCode).toBe(201);
    const cloud = created.json().result;
    expect(cloud).toMatchObject({
      name: 'prod',
      provider: 'gcp',
      region: 'europe-west1',
      owner: { id: olive.memberId, name: 'Olive Owner', email: 'olive@acme.test' },
      your_access: 'organization_owner',
      // Olive and Oscar (organization owners); Olive is also the explicit owner.
      access_count: 2,
    });

    const renamed = await olive.request({
      method: 'PATCH',
      url: `/api/v2/clouds/${cloud.id}`,
      payload: { name: 'production' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().result.name).toBe('production');

    const events = await t.deps.database.db
      .selectFrom('audit_events')
      .select(['action', 'target_label'])
      .where('target_id', '=', cloud.id)
      .orderBy('created_at')
      .execute();
    expect(events.map((event) => event.action)).toEqual(['cloud.created', 'cloud.renamed']);
  });

  it('refuses duplicate names, bad providers and empty names with a clear 4xx', async () => {
    const { olive } = await organization();
    const first = await registerCloud(olive, 'prod');
    const duplicate = await olive.request({
      method: 'POST',
      url: '/api/v2/clouds',
      payload: { name: 'prod', provider: 'aws', region: 'us-east-1' },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe('cloud_name_taken');

    const second = await registerCloud(olive, 'staging');
    const renameClash = await olive.request({
      method: 'PATCH',
      url: `/api/v2/clouds/${second.id}`,
      payload: { name: first.name },
    });
    expect(renameClash.statusCode).toBe(409);

    const badProvider = await olive.request({
      method: 'POST',
      url: '/api/v2/clouds',
      payload: { name: 'x', provider: 'digitalocean', region: 'nyc' },
    });
    expect(badProvider.statusCode).toBe(400);
    expect(badProvider.json().error.message).toMatch(/provider/);

    const blank = await olive.request({
      method: 'POST',
      url: '/api/v2/clouds',
      payload: { name: '   ', provider: 'aws', region: 'us-east-1' },
    });
    expect(blank.statusCode).toBe(400);
  });

  it('lets only organization owners register, rename and manage clouds', async () => {
    const { olive, cara } = await organization();
    const cloud = await registerCloud(olive, 'prod');
    await grant(olive, cloud.id, [await userIdOf(cara)]);
    const attempts = [
      {
        method: 'POST' as const,
        url: '/api/v2/clouds',
        payload: { name: 'x', provider: 'aws', region: 'r' },
      },
      { method: 'PATCH' as const, url: `/api/v2/clouds/${cloud.id}`, payload: { name: 'mine' } },
      { method: 'GET' as const, url: `/api/v2/clouds/${cloud.id}/collaborators` },
      {
        method: 'POST' as const,
        url: `/api/v2/clouds/${cloud.id}/collaborators`,
        payload: { user_ids: [await userIdOf(cara)] },
      },
      {
        method: 'POST' as const,
        url: `/api/v2/clouds/${cloud.id}/transfer_ownership`,
        payload: { user_id: await userIdOf(cara) },
      },
      { method: 'DELETE' as const, url: `/api/v2/clouds/${cloud.id}/collaborators/${await userIdOf(cara)}` },
    ];
    for (const attempt of attempts) {
      const response = await cara.request(attempt);
      expect(response.statusCode, `${attempt.method} ${attempt.url}`).toBe(403);
    }
    expect((await cloudNames(olive)).sort()).toEqual(['prod']);
  });
});

describe('who sees which cloud', () => {
  it('shows owners every cloud and a collaborator only the clouds granted to them', async () => {
    const { olive, oscar, cara, dan } = await organization();
    const prod = await registerCloud(olive, 'prod');
    await registerCloud(oscar, 'staging');
    await registerCloud(olive, 'research');

    expect(await cloudNames(olive)).toEqual(['prod', 'research', 'staging']);
    expect(await cloudNames(oscar)).toEqual(['prod', 'research', 'staging']);
    expect(await cloudNames(cara)).toEqual([]);

    const granted = await grant(olive, prod.id, [await userIdOf(cara)]);
    expect(granted.statusCode).toBe(200);
    expect(await cloudNames(cara)).toEqual(['prod']);
    expect(await cloudNames(dan)).toEqual([]);

    const asCara = await cara.request({ method: 'GET', url: `/api/v2/clouds/${prod.id}` });
    expect(asCara.statusCode).toBe(200);
    expect(asCara.json().result).toMatchObject({ name: 'prod', your_access: 'grant', access_count: 3 });

    // Dan has no grant: the cloud does not exist for him.
    const asDan = await dan.request({ method: 'GET', url: `/api/v2/clouds/${prod.id}` });
    expect(asDan.statusCode).toBe(404);
    expect(asDan.json().error.code).toBe('not_found');
  });

  it('pages the cloud list with keyset tokens', async () => {
    const { olive } = await organization();
    for (const name of ['a1', 'a2', 'a3', 'a4', 'a5']) await registerCloud(olive, name);
    const first = await olive.request({ method: 'GET', url: '/api/v2/clouds?count=2' });
    const page1 = first.json();
    expect(page1.results.map((c: { name: string }) => c.name)).toEqual(['a1', 'a2']);
    expect(page1.metadata).toMatchObject({ total: 5, previous_paging_token: null });
    const second = await olive.request({
      method: 'GET',
      url: `/api/v2/clouds?count=2&paging_token=${page1.metadata.next_paging_token}`,
    });
    const page2 = second.json();
    expect(page2.results.map((c: { name: string }) => c.name)).toEqual(['a3', 'a4']);
    const back = await olive.request({
      method: 'GET',
      url: `/api/v2/clouds?count=2&paging_token=${page2.metadata.previous_paging_token}`,
    });
    expect(back.json().results.map((c: { name: string }) => c.name)).toEqual(['a1', 'a2']);
    const garbage = await olive.request({ method: 'GET', url: '/api/v2/clouds?paging_token=nope' });
    expect(garbage.statusCode).toBe(400);
  });

  it('drops implicit access on the very next request after an owner is demoted; explicit grants stay', async () => {
    const { olive, oscar } = await organization();
    const prod = await registerCloud(olive, 'prod');
    const staging = await registerCloud(olive, 'staging');
    // Oscar also holds an explicit grant on staging, given while he was an owner.
    await grant(olive, staging.id, [await userIdOf(oscar)]);
    expect(await cloudNames(oscar)).toEqual(['prod', 'staging']);

    const demoted = await olive.request({
      method: 'PATCH',
      url: `/api/v2/organization_collaborators/${oscar.memberId}`,
      payload: { permission_level: 'collaborator' },
    });
    expect(demoted.statusCode).toBe(200);

    // Same session, next request: implicit access is gone, the explicit grant remains.
    expect(await cloudNames(oscar)).toEqual(['staging']);
    const prodAsOscar = await oscar.request({ method: 'GET', url: `/api/v2/clouds/${prod.id}` });
    expect(prodAsOscar.statusCode).toBe(404);
    const list = await accessList(olive, staging.id);
    expect(list.results.find((entry) => entry.name === 'Oscar Owner')?.source).toBe('grant');
  });

  it('keeps other organizations out: their cloud ids are 404 everywhere', async () => {
    const { olive } = await organization();
    const prod = await registerCloud(olive, 'prod');
    const otherOrg = await createOrganization(t.deps, 'Globex');
    const gus = await memberActor(t.app, otherOrg, {
      name: 'Gus Globex',
      email: 'gus@globex.test',
      role: 'owner',
    });
    const gusCloud = await registerCloud(gus, 'globex-prod');
    expect(await cloudNames(gus)).toEqual(['globex-prod']);

    const probes = [
      { method: 'GET' as const, url: `/api/v2/clouds/${prod.id}` },
      { method: 'PATCH' as const, url: `/api/v2/clouds/${prod.id}`, payload: { name: 'stolen' } },
      { method: 'GET' as const, url: `/api/v2/clouds/${prod.id}/collaborators` },
      {
        method: 'POST' as const,
        url: `/api/v2/clouds/${prod.id}/collaborators`,
        payload: { user_ids: [await userIdOf(gus)] },
      },
      {
        method: 'POST' as const,
        url: `/api/v2/clouds/${prod.id}/transfer_ownership`,
        payload: { user_id: null },
      },
      { method: 'DELETE' as const, url: `/api/v2/clouds/${prod.id}/collaborators/${await userIdOf(olive)}` },
    ];
    for (const probe of probes) {
      const response = await gus.request(probe);
      expect(response.statusCode, `${probe.method} ${probe.url}`).toBe(404);
    }
    // Nor can Olive grant Gus (a member of another organization) access to her cloud.
    const crossGrant = await grant(olive, prod.id, [await userIdOf(gus)]);
    expect(crossGrant.statusCode).toBe(400);
    expect(crossGrant.json().error.code).toBe('unknown_members');
    // And Olive cannot see Gus's cloud.
    expect((await olive.request({ method: 'GET', url: `/api/v2/clouds/${gusCloud.id}` })).statusCode).toBe(
      404,
    );
  });
});

describe('Manage users', () => {
  it('lists who has access and why, and grants idempotently', async () => {
    const { olive, cara, dan } = await organization();
    const prod = await registerCloud(olive, 'prod');
    const caraUserId = await userIdOf(cara);
    const first = await grant(olive, prod.id, [caraUserId, caraUserId]);
    expect(first.json().results).toEqual([{ user_id: caraUserId, name: 'Cara Collab', outcome: 'granted' }]);
    const again = await grant(olive, prod.id, [caraUserId, await userIdOf(dan)]);
    expect(again.json().results.map((r: { outcome: string }) => r.outcome)).toEqual([
      'already_granted',
      'granted',
    ]);

    const list = await accessList(olive, prod.id);
    expect(list.metadata.total).toBe(4);
    const byName = Object.fromEntries(list.results.map((entry) => [entry.name, entry]));
    expect(byName['Olive Owner']).toMatchObject({ source: 'organization_owner' });
    expect(byName['Olive Owner']!.removal_blocked_reason).toMatch(/Organization owners have access/);
    expect(byName['Oscar Owner']).toMatchObject({ source: 'organization_owner' });
    expect(byName['Cara Collab']).toMatchObject({
      source: 'grant',
      removal_blocked_reason: null,
      grant: { granted_by: { name: 'Olive Owner' }, granted_at: t.clock.now.toISOString() },
    });
    expect(list.results.map((entry) => entry.name)).toEqual([
      'Cara Collab',
      'Dan Dev',
      'Olive Owner',
      'Oscar Owner',
    ]);

    const searched = await olive.request({
      method: 'GET',
      url: `/api/v2/clouds/${prod.id}/collaborators?q=dan`,
    });
    expect(searched.json().results.map((entry: { name: string }) => entry.name)).toEqual(['Dan Dev']);

    const grants = await t.deps.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'cloud.access_granted')
      .execute();
    expect(grants).toHaveLength(2);
  });

  it('searches who has access the way the member list searches: folded, from the index, own organization only', async () => {
    const { olive, cara } = await organization();
    const prod = await registerCloud(olive, 'prod');
    const joseId = await createMember(t.deps, olive.orgId, { name: 'José Núñez', email: 'jn@acme.test' });
    const pctId = await createMember(t.deps, olive.orgId, { name: 'Pct 100% Sure', email: 'pct@acme.test' });
    // Not granted: a match outside the access list stays out.
    await createMember(t.deps, olive.orgId, { name: 'José Outsider', email: 'jo@acme.test' });
    // Another organization with the same names never shows.
    const other = await createOrganization(t.deps, 'Other');
    await createMember(t.deps, other, { name: 'José Núñez', email: 'jn@other.test', role: 'owner' });
    const ids = await t.deps.database.db
      .selectFrom('members')
      .select(['id', 'user_id'])
      .where('id', 'in', [joseId, pctId])
      .execute();
    await grant(olive, prod.id, [await userIdOf(cara), ...ids.map((row) => row.user_id)]);
    const names = async (q: string) => {
      const response = await olive.request({
        method: 'GET',
        url: `/api/v2/clouds/${prod.id}/collaborators?${new URLSearchParams({ q })}`,
      });
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json() as { results: { name: string }[]; metadata: { total: number } };
      expect(body.metadata.total).toBe(body.results.length);
      return body.results.map((entry) => entry.name);
    };
    expect(await names('josé')).toEqual(['José Núñez']);
    expect(await names('NUNEZ')).toEqual(['José Núñez']);
    expect(await names('0% s')).toEqual(['Pct 100% Sure']);
    expect(await names('%')).toEqual([]);
    expect(await names('jo')).toEqual(['José Núñez']);
    expect(await names('owner')).toEqual(['Olive Owner', 'Oscar Owner']);
  });

  it('refuses user_ids that are not active members, all or nothing', async () => {
    const { olive, cara } = await organization();
    const prod = await registerCloud(olive, 'prod');
    const response = await grant(olive, prod.id, [await userIdOf(cara), 'not-a-member']);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('not-a-member');
    expect(await cloudNames(cara)).toEqual([]);
    const empty = await grant(olive, prod.id, []);
    expect(empty.statusCode).toBe(400);
  });

  it('removes a grant, and refuses to remove organization owners or the cloud owner with a reason', async () => {
    const { olive, oscar, cara } = await organization();
    const prod = await registerCloud(olive, 'prod');
    const caraUserId = await userIdOf(cara);
    await grant(olive, prod.id, [caraUserId]);
    expect(await cloudNames(cara)).toEqual(['prod']);

    const removed = await olive.request({
      method: 'DELETE',
      url: `/api/v2/clouds/${prod.id}/collaborators/${caraUserId}`,
    });
    expect(removed.statusCode).toBe(204);
    expect(await cloudNames(cara)).toEqual([]);
    const again = await olive.request({
      method: 'DELETE',
      url: `/api/v2/clouds/${prod.id}/collaborators/${caraUserId}`,
    });
    expect(again.statusCode).toBe(404);

    const implicit = await olive.request({
      method: 'DELETE',
      url: `/api/v2/clouds/${prod.id}/collaborators/${await userIdOf(oscar)}`,
    });
    expect(implicit.statusCode).toBe(409);
    expect(implicit.json().error).toMatchObject({ code: 'organization_owner_access' });
    expect(implicit.json().error.message).toMatch(/Oscar Owner is an organization owner/);

    await olive.request({
      method: 'POST',
      url: `/api/v2/clouds/${prod.id}/transfer_ownership`,
      payload: { user_id: caraUserId },
    });
    const owner = await olive.request({
      method: 'DELETE',
      url: `/api/v2/clouds/${prod.id}/collaborators/${caraUserId}`,
    });
    expect(owner.statusCode).toBe(409);
    expect(owner.json().error.code).toBe('cloud_owner_access');

    const actions = await t.deps.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', prod.id)
      .orderBy('created_at')
      .execute();
    expect(actions.map((event) => event.action)).toContain('cloud.access_revoked');
  });

  it('pages a long access list', async () => {
    const { olive } = await organization();
    const prod = await registerCloud(olive, 'prod');
    const userIds: string[] = [];
    for (let i = 0; i < 25; i++) {
      const memberId = await createMember(t.deps, olive.orgId, {
        name: `Person ${String(i).padStart(2, '0')}`,
        email: `p${i}@acme.test`,
      });
      const member = await olive.request({
        method: 'GET',
        url: `/api/v2/organization_collaborators/${memberId}`,
      });
      userIds.push(member.json().result.user_id);
    }
    expect((await grant(olive, prod.id, userIds)).statusCode).toBe(200);
    const seen: string[] = [];
    let token: string | null = null;
    do {
      const query: string = token ? `&paging_token=${token}` : '';
      const response = await olive.request({
        method: 'GET',
        url: `/api/v2/clouds/${prod.id}/collaborators?count=10${query}`,
      });
      const page = response.json();
      expect(page.metadata.total).toBe(27);
      seen.push(...page.results.map((entry: { name: string }) => entry.name));
      token = page.metadata.next_paging_token;
    } while (token);
    expect(seen).toHaveLength(27);
    expect(new Set(seen).size).toBe(27);
  });
});

describe('cloud ownership', () => {
  it('transfers to a member, who gains access, and returns to the organization owners', async () => {
    const { olive, cara } = await organization();
    const prod = await registerCloud(olive, 'prod');
    const caraUserId = await userIdOf(cara);

    const transferred = await olive.request({
      method: 'POST',
      url: `/api/v2/clouds/${prod.id}/transfer_ownership`,
      payload: { user_id: caraUserId },
    });
    expect(transferred.statusCode).toBe(200);
    expect(transferred.json().result).toMatchObject({ owner: { name: 'Cara Collab' }, access_count: 3 });
    // The explicit owner sees the cloud even without a grant.
    expect(await cloudNames(cara)).toEqual(['prod']);
    const asCara = await cara.request({ method: 'GET', url: `/api/v2/clouds/${prod.id}` });
    expect(asCara.json().result.your_access).toBe('cloud_owner');
    const list = await accessList(olive, prod.id);
    expect(list.results.find((entry) => entry.name === 'Cara Collab')).toMatchObject({
      source: 'cloud_owner',
      grant: null,
    });

    const returned = await olive.request({
      method: 'POST',
      url: `/api/v2/clouds/${prod.id}/transfer_ownership`,
      payload: { user_id: null },
    });
    expect(returned.statusCode).toBe(200);
    expect(returned.json().result).toMatchObject({ owner: null, access_count: 2 });
    expect(await cloudNames(cara)).toEqual([]);

    const events = await t.deps.database.db
      .selectFrom('audit_events')
      .select(['action', 'before', 'after'])
      .where('action', '=', 'cloud.ownership_transferred')
      .orderBy('created_at')
      .execute();
    expect(events).toHaveLength(2);
    expect(JSON.parse(events[1]!.after!)).toEqual({ owner: 'organization' });
  });

  it('refuses to transfer to someone who is not an active member', async () => {
    const { olive } = await organization();
    const prod = await registerCloud(olive, 'prod');
    const response = await olive.request({
      method: 'POST',
      url: `/api/v2/clouds/${prod.id}/transfer_ownership`,
      payload: { user_id: 'nobody' },
    });
    expect(response.statusCode).toBe(400);
    const missing = await olive.request({
      method: 'POST',
      url: `/api/v2/clouds/${prod.id}/transfer_ownership`,
      payload: {},
    });
    expect(missing.statusCode).toBe(400);
  });
});

describe('removing a member from the organization', () => {
  it('drops their grants and returns the clouds they owned to the organization owners', async () => {
    const { olive, cara, dan } = await organization();
    const prod = await registerCloud(olive, 'prod');
    const staging = await registerCloud(olive, 'staging');
    await grant(olive, prod.id, [await userIdOf(cara), await userIdOf(dan)]);
    await olive.request({
      method: 'POST',
      url: `/api/v2/clouds/${staging.id}/transfer_ownership`,
      payload: { user_id: await userIdOf(cara) },
    });
    expect(await cloudNames(cara)).toEqual(['prod', 'staging']);

    const removed = await olive.request({
      method: 'DELETE',
      url: `/api/v2/organization_collaborators/${cara.memberId}`,
    });
    expect(removed.statusCode).toBe(204);

    const prodAccess = await accessList(olive, prod.id);
    expect(prodAccess.results.map((entry) => entry.name)).toEqual(['Dan Dev', 'Olive Owner', 'Oscar Owner']);
    const stagingCloud = await olive.request({ method: 'GET', url: `/api/v2/clouds/${staging.id}` });
    expect(stagingCloud.json().result).toMatchObject({ owner: null, access_count: 2 });

    // Re-inviting the same email later starts from nothing: a fresh membership has no old grants.
    const again = await memberActor(t.app, olive.orgId, { name: 'Cara Again', email: 'cara@acme.test' });
    expect(await cloudNames(again)).toEqual([]);
  });
});

describe('signed in with an API key', () => {
  it('manages cloud access the same way a script would', async () => {
    const { olive, cara } = await organization();
    const key = await olive.request({ method: 'POST', url: '/api/v2/api_keys', payload: { name: 'script' } });
    const token = key.json().result.token as string;
    const bearer = { authorization: `Bearer ${token}` };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v2/clouds',
      headers: bearer,
      payload: { name: 'scripted', provider: 'kubernetes', region: 'on-prem' },
    });
    expect(created.statusCode).toBe(201);
    // List collaborators, pick by email, grant by user_id.
    const people = await t.app.inject({
      method: 'GET',
      url: '/api/v2/organization_collaborators?email=cara@acme.test',
      headers: bearer,
    });
    const caraUserId = people.json().results[0].user_id as string;
    const granted = await t.app.inject({
      method: 'POST',
      url: `/api/v2/clouds/${created.json().result.id}/collaborators`,
      headers: bearer,
      payload: { user_ids: [caraUserId] },
    });
    expect(granted.statusCode).toBe(200);
    expect(await cloudNames(cara)).toEqual(['scripted']);
  });
});

describe('a second app instance', () => {
  it('sees grants made through the first at once', async () => {
    const { olive, cara } = await organization();
    const prod = await registerCloud(olive, 'prod');
    const second = await t.startSecondInstance();
    const caraOnSecond = actorFor(second, cara, await signIn(second, cara.email));
    expect(await cloudNames(caraOnSecond)).toEqual([]);
    await grant(olive, prod.id, [await userIdOf(cara)]);
    expect(await cloudNames(caraOnSecond)).toEqual(['prod']);
  });
});
