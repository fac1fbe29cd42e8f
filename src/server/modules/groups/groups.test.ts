/**
 * Groups: owners create, rename and delete manual groups and change their
 * members; members read them; SCIM groups mirror the directory and are
 * read-only in the console; every change is audited.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { memberActor, setupOrganization, type Actor } from '../../test/actors.ts';

let t: TestContext;
let olive: Actor;
let ada: Actor;
let ben: Actor;
beforeEach(async () => {
  t = await createTestApp();
  olive = await setupOrganization(t.app);
  ada = await memberActor(t.app, olive.orgId, { name: 'Ada Analyst', email: 'ada@acme.test' });
  ben = await memberActor(t.app, olive.orgId, { name: 'Ben Builder', email: 'ben@acme.test' });
});
afterEach(async () => {
  await t.close();
});

async function userIdOf(actor: Actor): Promise<string> {
  const me = await actor.request({ method: 'GET', url: '/api/v2/userinfo' });
  return (me.json().result as { user_id: string }).user_id;
}

async function auditActions(): Promise<string[]> {
  const response = await olive.request({ method: 'GET', url: '/api/v2/audit_events?count=100' });
  return (response.json().results as { action: string }[]).map((event) => event.action);
}

describe('manual groups', () => {
  it('are created with members, listed with counts, renamed and deleted by owners, audited', async () => {
    const created = await olive.request({
      method: 'POST',
      url: '/api/v2/groups',
      payload: { name: 'Data Science', user_ids: [await userIdOf(ada), await userIdOf(ben)] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const group = created.json().result;
    expect(group).toMatchObject({
      name: 'Data Science',
      source: 'manual',
      member_count: 2,
      cloud_count: 0,
      read_only_reason: null,
      clouds: [],
    });

    // Case-insensitive uniqueness, on create and on rename.
    const taken = await olive.request({
      method: 'POST',
      url: '/api/v2/groups',
      payload: { name: 'data science' },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('group_name_taken');
    const other = (
      await olive.request({ method: 'POST', url: '/api/v2/groups', payload: { name: 'Platform' } })
    ).json().result;
    const clash = await olive.request({
      method: 'PATCH',
      url: `/api/v2/groups/${other.id}`,
      payload: { name: 'DATA SCIENCE' },
    });
    expect(clash.statusCode).toBe(409);

    const list = await ada.request({ method: 'GET', url: '/api/v2/groups' });
    expect(list.statusCode).toBe(200);
    expect(
      list.json().results.map((g: { name: string; member_count: number }) => [g.name, g.member_count]),
    ).toEqual([
      ['Data Science', 2],
      ['Platform', 0],
    ]);
    const adaGroups = await olive.request({
      method: 'GET',
      url: `/api/v2/groups?user_id=${await userIdOf(ada)}`,
    });
    expect(adaGroups.json().results.map((g: { name: string }) => g.name)).toEqual(['Data Science']);
    const search = await olive.request({ method: 'GET', url: '/api/v2/groups?q=plat' });
    expect(search.json().results.map((g: { name: string }) => g.name)).toEqual(['Platform']);

    const renamed = await olive.request({
      method: 'PATCH',
      url: `/api/v2/groups/${group.id}`,
      payload: { name: 'ML Research' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().result.name).toBe('ML Research');

    const members = await ada.request({ method: 'GET', url: `/api/v2/groups/${group.id}/members` });
    expect(
      members
        .json()
        .results.map((m: { name: string; added_by: { name: string } }) => [m.name, m.added_by.name]),
    ).toEqual([
      ['Ada Analyst', 'Olive Owner'],
      ['Ben Builder', 'Olive Owner'],
    ]);

    const deleted = await olive.request({ method: 'DELETE', url: `/api/v2/groups/${group.id}` });
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json().result).toMatchObject({
      group: { name: 'ML Research' },
      clouds: [],
      people_losing_access: 0,
    });
    expect((await olive.request({ method: 'GET', url: `/api/v2/groups/${group.id}` })).statusCode).toBe(404);

    expect(await auditActions()).toEqual(
      expect.arrayContaining(['group.created', 'group.member_added', 'group.renamed', 'group.deleted']),
    );
    expect((await auditActions()).filter((action) => action === 'group.member_added')).toHaveLength(2);
  });

  it('add members idempotently, refuse people outside the organization, remove one', async () => {
    const group = (
      await olive.request({ method: 'POST', url: '/api/v2/groups', payload: { name: 'Ops' } })
    ).json().result;
    const add = (userIds: string[]) =>
      olive.request({
        method: 'POST',
        url: `/api/v2/groups/${group.id}/members`,
        payload: { user_ids: userIds },
      });
    const first = await add([await userIdOf(ada)]);
    expect(first.json().results).toEqual([
      { user_id: await userIdOf(ada), name: 'Ada Analyst', outcome: 'added' },
    ]);
    const second = await add([await userIdOf(ada), await userIdOf(ben)]);
    expect(second.json().results.map((r: { outcome: string }) => r.outcome)).toEqual([
      'already_member',
      'added',
    ]);
    const unknown = await add(['no-such-user']);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('unknown_members');

    const removed = await olive.request({
      method: 'DELETE',
      url: `/api/v2/groups/${group.id}/members/${await userIdOf(ben)}`,
    });
    expect(removed.statusCode).toBe(204);
    const again = await olive.request({
      method: 'DELETE',
      url: `/api/v2/groups/${group.id}/members/${await userIdOf(ben)}`,
    });
    expect(again.statusCode).toBe(404);
    expect(
      (await olive.request({ method: 'GET', url: `/api/v2/groups/${group.id}` })).json().result.member_count,
    ).toBe(1);
    expect(await auditActions()).toContain('group.member_removed');
  });

  it('show on each member in the members list, by name', async () => {
    const ids = [await userIdOf(ada), await userIdOf(ben)];
    await olive.request({ method: 'POST', url: '/api/v2/groups', payload: { name: 'Ops', user_ids: ids } });
    await olive.request({
      method: 'POST',
      url: '/api/v2/groups',
      payload: { name: 'Data', user_ids: [ids[0]] },
    });
    const list = await olive.request({ method: 'GET', url: '/api/v2/organization_collaborators?count=50' });
    const groupsOf = Object.fromEntries(
      (list.json().results as { email: string; groups: { name: string }[] }[]).map((m) => [
        m.email,
        m.groups.map((g) => g.name),
      ]),
    );
    expect(groupsOf['ada@acme.test']).toEqual(['Data', 'Ops']);
    expect(groupsOf['ben@acme.test']).toEqual(['Ops']);
    expect(groupsOf[olive.email]).toEqual([]);
  });

  it('are read by members and changed only by owners', async () => {
    const group = (
      await olive.request({ method: 'POST', url: '/api/v2/groups', payload: { name: 'Ops' } })
    ).json().result;
    expect((await ada.request({ method: 'GET', url: `/api/v2/groups/${group.id}` })).statusCode).toBe(200);
    expect(
      (await ada.request({ method: 'POST', url: '/api/v2/groups', payload: { name: 'Mine' } })).statusCode,
    ).toBe(403);
    expect(
      (await ada.request({ method: 'PATCH', url: `/api/v2/groups/${group.id}`, payload: { name: 'Mine' } }))
        .statusCode,
    ).toBe(403);
    expect((await ada.request({ method: 'DELETE', url: `/api/v2/groups/${group.id}` })).statusCode).toBe(403);
  });
});

describe('SCIM groups', () => {
  async function scimToken(): Promise<string> {
    const created = await olive.request({
      method: 'POST',
      url: '/api/v2/scim_tokens',
      payload: { name: 'Okta' },
    });
    return created.json().result.token as string;
  }
  const scim = (token: string, method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url: `/scim/v2${url}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
      ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}),
    });

  it('mirror the directory, are read-only in the console with the reason, and follow deprovisioning', async () => {
    const token = await scimToken();
    const user = await scim(token, 'POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'grace@acme.test',
      emails: [{ value: 'grace@acme.test', primary: true }],
      name: { givenName: 'Grace', familyName: 'Hopper' },
      active: true,
    });
    expect(user.statusCode, user.body).toBe(201);
    const scimUserId = user.json().id as string;
    const group = await scim(token, 'POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Engineering',
      members: [{ value: scimUserId }],
    });
    expect(group.statusCode, group.body).toBe(201);
    const groupId = group.json().id as string;

    const mirrored = await olive.request({ method: 'GET', url: `/api/v2/groups/${groupId}` });
    expect(mirrored.json().result).toMatchObject({ name: 'Engineering', source: 'scim', member_count: 1 });
    expect(mirrored.json().result.read_only_reason).toMatch(/identity provider/);

    for (const request of [
      { method: 'PATCH' as const, url: `/api/v2/groups/${groupId}`, payload: { name: 'Renamed' } },
      { method: 'DELETE' as const, url: `/api/v2/groups/${groupId}` },
      {
        method: 'POST' as const,
        url: `/api/v2/groups/${groupId}/members`,
        payload: { user_ids: [await userIdOf(ada)] },
      },
    ]) {
      const refused = await olive.request(request);
      expect(refused.statusCode, `${request.method} ${request.url}`).toBe(409);
      expect(refused.json().error.code).toBe('group_read_only');
    }
    // A manual group cannot take a SCIM group's name, nor the other way round.
    expect(
      (await olive.request({ method: 'POST', url: '/api/v2/groups', payload: { name: 'engineering' } }))
        .statusCode,
    ).toBe(409);
    await olive.request({ method: 'POST', url: '/api/v2/groups', payload: { name: 'Finance' } });
    const clash = await scim(token, 'POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'FINANCE',
    });
    expect(clash.statusCode).toBe(409);

    // The group can still be granted a cloud; deprovisioning ends the member's access through it.
    const cloud = (
      await olive.request({
        method: 'POST',
        url: '/api/v2/clouds',
        payload: { name: 'Production', provider: 'aws', region: 'us-east-1' },
      })
    ).json().result;
    const granted = await olive.request({
      method: 'POST',
      url: `/api/v2/clouds/${cloud.id}/group_grants`,
      payload: { group_ids: [groupId], role: 'write' },
    });
    expect(granted.statusCode).toBe(200);
    const report = await olive.request({ method: 'GET', url: `/api/v2/clouds/${cloud.id}/access_report` });
    expect(
      report.json().results.map((row: { name: string; role: string }) => [row.name, row.role]),
    ).toContainEqual(['Grace Hopper', 'write']);

    const deactivated = await scim(token, 'PATCH', `/Users/${scimUserId}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    expect(deactivated.statusCode).toBe(200);
    expect(
      (await olive.request({ method: 'GET', url: `/api/v2/groups/${groupId}` })).json().result.member_count,
    ).toBe(0);
    const after = await olive.request({ method: 'GET', url: `/api/v2/clouds/${cloud.id}/access_report` });
    expect(after.json().results.map((row: { name: string }) => row.name)).not.toContain('Grace Hopper');

    // Reactivated, the fresh membership is in the groups the directory lists them in.
    const reactivated = await scim(token, 'PATCH', `/Users/${scimUserId}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', value: { active: true } }],
    });
    expect(reactivated.statusCode).toBe(200);
    expect(
      (await olive.request({ method: 'GET', url: `/api/v2/groups/${groupId}` })).json().result.member_count,
    ).toBe(1);

    // The directory removes the group: the mirror and its cloud access go with it.
    expect((await scim(token, 'DELETE', `/Groups/${groupId}`)).statusCode).toBe(204);
    expect((await olive.request({ method: 'GET', url: `/api/v2/groups/${groupId}` })).statusCode).toBe(404);
    const grants = await olive.request({ method: 'GET', url: `/api/v2/clouds/${cloud.id}/group_grants` });
    expect(grants.json().results).toEqual([]);
  });
});
