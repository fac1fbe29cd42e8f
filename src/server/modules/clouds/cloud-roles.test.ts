/**
 * Cloud roles: every source a person has on a cloud (organization owner,
 * explicit cloud owner, direct grant, group grants) gives a role; the
 * strongest wins, and the server enforces it on every workload route and on
 * managing the cloud's access.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { memberActor, setupOrganization, type Actor } from '../../test/actors.ts';

let t: TestContext;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

type Role = 'owner' | 'write' | 'readonly';

async function userIdOf(actor: Actor): Promise<string> {
  const me = await actor.request({ method: 'GET', url: '/api/v2/userinfo' });
  return (me.json().result as { user_id: string }).user_id;
}

async function ok<T>(
  response: Promise<{ statusCode: number; body: string; json: () => unknown }>,
  status = 200,
) {
  const answer = await response;
  expect(answer.statusCode, answer.body).toBe(status);
  return answer.json() as T;
}

/** An organization: an owner, three collaborators, one cloud owned by the owner. */
async function organization() {
  const olive = await setupOrganization(t.app);
  const people = {
    ada: await memberActor(t.app, olive.orgId, { name: 'Ada Analyst', email: 'ada@acme.test' }),
    ben: await memberActor(t.app, olive.orgId, { name: 'Ben Builder', email: 'ben@acme.test' }),
    cy: await memberActor(t.app, olive.orgId, { name: 'Cy Curious', email: 'cy@acme.test' }),
  };
  const cloud = await ok<{ result: { id: string } }>(
    olive.request({
      method: 'POST',
      url: '/api/v2/clouds',
      payload: { name: 'Production', provider: 'aws', region: 'us-east-1' },
    }),
    201,
  );
  return { olive, ...people, cloudId: cloud.result.id };
}

async function createGroup(owner: Actor, name: string, members: Actor[]) {
  const body = await ok<{ result: { id: string } }>(
    owner.request({
      method: 'POST',
      url: '/api/v2/groups',
      payload: { name, user_ids: await Promise.all(members.map(userIdOf)) },
    }),
    201,
  );
  return body.result.id;
}

async function grantGroup(owner: Actor, cloudId: string, groupId: string, role: Role) {
  return ok(
    owner.request({
      method: 'POST',
      url: `/api/v2/clouds/${cloudId}/group_grants`,
      payload: { group_ids: [groupId], role },
    }),
  );
}

async function grantDirect(owner: Actor, cloudId: string, who: Actor, role?: Role) {
  return ok<{ results: { outcome: string }[] }>(
    owner.request({
      method: 'POST',
      url: `/api/v2/clouds/${cloudId}/collaborators`,
      payload: { user_ids: [await userIdOf(who)], ...(role ? { role } : {}) },
    }),
  );
}

async function yourRole(actor: Actor, cloudId: string) {
  const response = await actor.request({ method: 'GET', url: `/api/v2/clouds/${cloudId}` });
  if (response.statusCode === 404) return null;
  expect(response.statusCode).toBe(200);
  return response.json().result as {
    your_role: Role;
    your_access: string;
    your_sources: { type: string; role: Role; group?: { name: string } }[];
    create_blocked_reason: string | null;
  };
}

async function createWorkspace(actor: Actor, cloudId: string, name = 'notebook') {
  return actor.request({ method: 'POST', url: '/api/v2/workloads', payload: { cloud_id: cloudId, name } });
}

describe('effective cloud roles', () => {
  it('takes the strongest of a direct grant, several groups and organization ownership', async () => {
    const { olive, ada, ben, cloudId } = await organization();
    const readers = await createGroup(olive, 'Data Science', [ada, ben]);
    const writers = await createGroup(olive, 'Platform', [ada]);
    await grantGroup(olive, cloudId, readers, 'readonly');

    expect((await yourRole(ada, cloudId))!.your_role).toBe('readonly');
    await grantGroup(olive, cloudId, writers, 'write');
    const ada1 = (await yourRole(ada, cloudId))!;
    expect(ada1.your_role).toBe('write');
    expect(ada1.your_access).toBe('group');
    expect(ada1.your_sources.map((s) => [s.type, s.role, s.group?.name])).toEqual([
      ['group', 'write', 'Platform'],
      ['group', 'readonly', 'Data Science'],
    ]);
    // A weaker direct grant changes nothing; a stronger one wins.
    await grantDirect(olive, cloudId, ada, 'readonly');
    expect((await yourRole(ada, cloudId))!.your_role).toBe('write');
    await grantDirect(olive, cloudId, ada, 'owner');
    const ada2 = (await yourRole(ada, cloudId))!;
    expect(ada2.your_role).toBe('owner');
    expect(ada2.your_sources[0]).toMatchObject({ type: 'grant', role: 'owner' });
    expect(ada2.your_sources).toHaveLength(3);

    // Ben only reads; the organization owner is an implicit owner with no grant at all.
    const benRole = (await yourRole(ben, cloudId))!;
    expect(benRole.your_role).toBe('readonly');
    expect(benRole.create_blocked_reason).toMatch(/read-only access to Production.*via group Data Science/);
    const oliveRole = (await yourRole(olive, cloudId))!;
    expect(oliveRole.your_sources).toEqual([
      { type: 'organization_owner', role: 'owner' },
      { type: 'cloud_owner', role: 'owner' },
    ]);
    expect(oliveRole.create_blocked_reason).toBeNull();

    // Manage users lists every source for each person.
    const list = await ok<{
      results: {
        name: string;
        role: Role;
        source: string;
        sources: { type: string }[];
        grant: { role: Role } | null;
      }[];
      metadata: { total: number };
    }>(olive.request({ method: 'GET', url: `/api/v2/clouds/${cloudId}/collaborators` }));
    const byName = Object.fromEntries(list.results.map((entry) => [entry.name, entry]));
    expect(list.metadata.total).toBe(3);
    expect(byName['Ada Analyst']).toMatchObject({ role: 'owner', source: 'grant', grant: { role: 'owner' } });
    expect(byName['Ada Analyst']!.sources.map((s) => s.type)).toEqual(['grant', 'group', 'group']);
    expect(byName['Ben Builder']).toMatchObject({ role: 'readonly', source: 'group', grant: null });
    expect(byName['Olive Owner']).toMatchObject({ role: 'owner', source: 'organization_owner' });
  });

  it('keeps grants from before roles as write, and a grant without a role changes no existing role', async () => {
    const { olive, ada, cloudId } = await organization();
    // A yes/no grant as the old console and scripts send it.
    const first = await grantDirect(olive, cloudId, ada);
    expect(first.results[0]!.outcome).toBe('granted');
    expect((await yourRole(ada, cloudId))!.your_role).toBe('write');
    expect((await grantDirect(olive, cloudId, ada, 'readonly')).results[0]!.outcome).toBe('role_changed');
    expect((await grantDirect(olive, cloudId, ada)).results[0]!.outcome).toBe('already_granted');
    expect((await yourRole(ada, cloudId))!.your_role).toBe('readonly');
    // PATCH changes the role of the direct grant, and the audit log says so.
    const patched = await ok<{ result: { role: Role } }>(
      olive.request({
        method: 'PATCH',
        url: `/api/v2/clouds/${cloudId}/collaborators/${await userIdOf(ada)}`,
        payload: { role: 'write' },
      }),
    );
    expect(patched.result.role).toBe('write');
    const events = await ok<{ results: { action: string }[] }>(
      olive.request({ method: 'GET', url: '/api/v2/audit_events?action=cloud.access_role_changed' }),
    );
    expect(events.results).toHaveLength(2);
  });

  it('leaves group access in the list when a direct grant is removed', async () => {
    const { olive, ada, cloudId } = await organization();
    const group = await createGroup(olive, 'Data Science', [ada]);
    await grantGroup(olive, cloudId, group, 'readonly');
    await grantDirect(olive, cloudId, ada, 'write');
    const removed = await olive.request({
      method: 'DELETE',
      url: `/api/v2/clouds/${cloudId}/collaborators/${await userIdOf(ada)}`,
    });
    expect(removed.statusCode).toBe(204);
    const list = await ok<{ results: { name: string; role: Role; sources: { type: string }[] }[] }>(
      olive.request({ method: 'GET', url: `/api/v2/clouds/${cloudId}/collaborators?q=ada` }),
    );
    expect(list.results).toMatchObject([
      { name: 'Ada Analyst', role: 'readonly', sources: [{ type: 'group' }] },
    ]);
    // There is no direct grant left to remove.
    const again = await olive.request({
      method: 'DELETE',
      url: `/api/v2/clouds/${cloudId}/collaborators/${await userIdOf(ada)}`,
    });
    expect(again.statusCode).toBe(404);
  });
});

describe('enforcement on workload routes', () => {
  it('lets readonly see workloads but not create, duplicate or terminate them; write may', async () => {
    const { olive, ada, ben, cloudId } = await organization();
    const readers = await createGroup(olive, 'Readers', [ada, ben]);
    await grantGroup(olive, cloudId, readers, 'readonly');
    await grantDirect(olive, cloudId, ben, 'write');

    // Ben (write) creates; Ada (readonly) is refused with the reason, and sees Ben's workspace.
    const created = await createWorkspace(ben, cloudId);
    expect(created.statusCode).toBe(201);
    const workloadId = created.json().result.id as string;
    const refused = await createWorkspace(ada, cloudId);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/read-only access to Production/);
    const listed = await ok<{ results: { id: string }[] }>(
      ada.request({ method: 'GET', url: '/api/v2/workloads' }),
    );
    expect(listed.results.map((w) => w.id)).toEqual([workloadId]);
    const duplicate = await ada.request({ method: 'POST', url: `/api/v2/workloads/${workloadId}/duplicate` });
    expect(duplicate.statusCode).toBe(403);

    // Demoted to readonly, Ben cannot terminate even his own workspace; back to write, he can.
    await grantDirect(olive, cloudId, ben, 'readonly');
    const blocked = await ben.request({ method: 'POST', url: `/api/v2/workloads/${workloadId}/terminate` });
    expect(blocked.statusCode).toBe(403);
    expect(
      (await ben.request({ method: 'POST', url: `/api/v2/workloads/${workloadId}/duplicate` })).statusCode,
    ).toBe(403);
    await grantDirect(olive, cloudId, ben, 'write');
    expect(
      (await ben.request({ method: 'POST', url: `/api/v2/workloads/${workloadId}/duplicate` })).statusCode,
    ).toBe(201);
    expect(
      (await ben.request({ method: 'POST', url: `/api/v2/workloads/${workloadId}/terminate` })).statusCode,
    ).toBe(200);
  });

  it('answers 404 to someone with no source at all', async () => {
    const { olive, cy, cloudId } = await organization();
    const workload = (await createWorkspace(olive, cloudId)).json().result.id as string;
    expect((await createWorkspace(cy, cloudId)).statusCode).toBe(404);
    expect(
      (await cy.request({ method: 'POST', url: `/api/v2/workloads/${workload}/duplicate` })).statusCode,
    ).toBe(404);
    expect(await yourRole(cy, cloudId)).toBeNull();
  });
});

describe('a cloud owner who is a collaborator', () => {
  it('manages that cloud’s access, and nothing else of the organization', async () => {
    const { olive, ada, ben, cy, cloudId } = await organization();
    const other = await ok<{ result: { id: string } }>(
      olive.request({
        method: 'POST',
        url: '/api/v2/clouds',
        payload: { name: 'Staging', provider: 'gcp', region: 'europe-west4' },
      }),
      201,
    );
    await grantDirect(olive, cloudId, ada, 'owner');
    await grantDirect(olive, other.result.id, ada, 'write');
    const group = await createGroup(olive, 'Analysts', [cy]);

    // On Production: list, grant, change roles, grant groups, report, transfer ownership.
    expect(
      (await ada.request({ method: 'GET', url: `/api/v2/clouds/${cloudId}/collaborators` })).statusCode,
    ).toBe(200);
    await grantDirect(ada, cloudId, ben, 'readonly');
    await grantGroup(ada, cloudId, group, 'write');
    expect((await yourRole(cy, cloudId))!.your_role).toBe('write');
    expect(
      (await ada.request({ method: 'GET', url: `/api/v2/clouds/${cloudId}/access_report` })).statusCode,
    ).toBe(200);
    const transferred = await ada.request({
      method: 'POST',
      url: `/api/v2/clouds/${cloudId}/transfer_ownership`,
      payload: { user_id: await userIdOf(ben) },
    });
    expect(transferred.statusCode).toBe(200);
    expect(transferred.json().result.owner.name).toBe('Ben Builder');

    // Nothing else: another cloud's access, renaming, the organization's members, groups, invitations.
    for (const request of [
      { method: 'GET' as const, url: `/api/v2/clouds/${other.result.id}/collaborators` },
      { method: 'PATCH' as const, url: `/api/v2/clouds/${cloudId}`, payload: { name: 'Mine now' } },
      { method: 'POST' as const, url: '/api/v2/groups', payload: { name: 'Ada’s group' } },
      {
        method: 'POST' as const,
        url: `/api/v2/groups/${group}/members`,
        payload: { user_ids: [await userIdOf(ada)] },
      },
      {
        method: 'PATCH' as const,
        url: `/api/v2/organization_collaborators/${ben.memberId}`,
        payload: { permission_level: 'owner' },
      },
      {
        method: 'POST' as const,
        url: '/api/v2/organization_invitations',
        payload: { emails: 'new@acme.test' },
      },
    ]) {
      expect((await ada.request(request)).statusCode, `${request.method} ${request.url}`).toBe(403);
    }
    // A write collaborator cannot manage access at all.
    const writer = await ben.request({
      method: 'GET',
      url: `/api/v2/clouds/${other.result.id}/collaborators`,
    });
    expect(writer.statusCode).toBe(404);
  });

  it('loses the right to manage the moment the owner grant is downgraded', async () => {
    const { olive, ada, ben, cloudId } = await organization();
    await grantDirect(olive, cloudId, ada, 'owner');
    await grantDirect(olive, cloudId, ada, 'write');
    const refused = await ada.request({
      method: 'POST',
      url: `/api/v2/clouds/${cloudId}/collaborators`,
      payload: { user_ids: [await userIdOf(ben)] },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/Only owners of Production/);
  });
});

describe('group grants', () => {
  it('end on the next request when the group is deleted, and the deletion lists the access it ends', async () => {
    const { olive, ada, ben, cloudId } = await organization();
    const group = await createGroup(olive, 'Data Science', [ada, ben]);
    await grantGroup(olive, cloudId, group, 'write');
    await grantDirect(olive, cloudId, ben, 'readonly');
    expect((await createWorkspace(ada, cloudId)).statusCode).toBe(201);

    const preview = await ok<{
      result: {
        clouds: {
          cloud: { name: string };
          role: Role;
          changes: { name: string; role_after: Role | null }[];
        }[];
        people_losing_access: number;
      };
    }>(olive.request({ method: 'GET', url: `/api/v2/groups/${group}/deletion_preview` }));
    expect(preview.result.clouds).toEqual([
      {
        cloud: { id: cloudId, name: 'Production' },
        role: 'write',
        changes: [
          expect.objectContaining({ name: 'Ada Analyst', role_before: 'write', role_after: null }),
          expect.objectContaining({ name: 'Ben Builder', role_before: 'write', role_after: 'readonly' }),
        ],
      },
    ]);
    expect(preview.result.people_losing_access).toBe(1);

    const deleted = await ok<{ result: { people_losing_access: number } }>(
      olive.request({ method: 'DELETE', url: `/api/v2/groups/${group}` }),
    );
    expect(deleted.result.people_losing_access).toBe(1);
    // Ada's very next request: no access; Ben keeps his direct readonly.
    expect((await createWorkspace(ada, cloudId)).statusCode).toBe(404);
    expect(await yourRole(ada, cloudId)).toBeNull();
    expect((await yourRole(ben, cloudId))!.your_role).toBe('readonly');
    const audit = await ok<{ results: { action: string }[] }>(
      olive.request({ method: 'GET', url: '/api/v2/audit_events?action=group.deleted' }),
    );
    expect(audit.results).toHaveLength(1);
  });

  it('change role and go away per group; removing someone from a group ends their access through it', async () => {
    const { olive, ada, cloudId } = await organization();
    const group = await createGroup(olive, 'Data Science', [ada]);
    await grantGroup(olive, cloudId, group, 'readonly');
    const changed = await ok<{ results: { role: Role; group: { name: string; member_count: number } }[] }>(
      olive.request({
        method: 'PATCH',
        url: `/api/v2/clouds/${cloudId}/group_grants/${group}`,
        payload: { role: 'write' },
      }),
    );
    expect(changed.results).toMatchObject([
      { role: 'write', group: { name: 'Data Science', member_count: 1 } },
    ]);
    expect((await createWorkspace(ada, cloudId)).statusCode).toBe(201);
    const left = await olive.request({
      method: 'DELETE',
      url: `/api/v2/groups/${group}/members/${await userIdOf(ada)}`,
    });
    expect(left.statusCode).toBe(204);
    expect((await createWorkspace(ada, cloudId)).statusCode).toBe(404);
    await ok(
      olive.request({
        method: 'POST',
        url: `/api/v2/groups/${group}/members`,
        payload: { user_ids: [await userIdOf(ada)] },
      }),
    );
    expect((await yourRole(ada, cloudId))!.your_role).toBe('write');
    expect(
      (await olive.request({ method: 'DELETE', url: `/api/v2/clouds/${cloudId}/group_grants/${group}` }))
        .statusCode,
    ).toBe(204);
    expect(await yourRole(ada, cloudId)).toBeNull();
  });
});

describe('removal, demotion and deprovisioning', () => {
  it('removal drops group memberships in the removal transaction', async () => {
    const { olive, ada, cloudId } = await organization();
    const group = await createGroup(olive, 'Data Science', [ada]);
    await grantGroup(olive, cloudId, group, 'write');
    const removed = await olive.request({
      method: 'DELETE',
      url: `/api/v2/organization_collaborators/${ada.memberId}`,
    });
    expect(removed.statusCode).toBe(204);
    const rows = await t.deps.database.db
      .selectFrom('group_members')
      .select('member_id')
      .where('member_id', '=', ada.memberId)
      .execute();
    expect(rows).toEqual([]);
    const members = await ok<{ results: unknown[]; metadata: { total: number } }>(
      olive.request({ method: 'GET', url: `/api/v2/groups/${group}/members` }),
    );
    expect(members.metadata.total).toBe(0);
  });

  it('demotion ends implicit ownership on the next request; group access stays at the group’s role', async () => {
    const { olive, cloudId } = await organization();
    const oscar = await memberActor(t.app, olive.orgId, {
      name: 'Oscar Owner',
      email: 'oscar@acme.test',
      role: 'owner',
    });
    const group = await createGroup(olive, 'Readers', [oscar]);
    await grantGroup(olive, cloudId, group, 'readonly');
    expect((await yourRole(oscar, cloudId))!.your_role).toBe('owner');
    const demoted = await olive.request({
      method: 'PATCH',
      url: `/api/v2/organization_collaborators/${oscar.memberId}`,
      payload: { permission_level: 'collaborator' },
    });
    expect(demoted.statusCode).toBe(200);
    const after = (await yourRole(oscar, cloudId))!;
    expect(after.your_role).toBe('readonly');
    expect(after.your_sources).toEqual([expect.objectContaining({ type: 'group', role: 'readonly' })]);
    expect((await createWorkspace(oscar, cloudId)).statusCode).toBe(403);
  });
});

describe('who has access, and why', () => {
  it('reports every person with role, sources and last workload, as JSON and CSV', async () => {
    const { olive, ada, ben, cloudId } = await organization();
    const group = await createGroup(olive, 'Data Science', [ada]);
    await grantGroup(olive, cloudId, group, 'write');
    await grantDirect(olive, cloudId, ben, 'readonly');
    t.clock.advance(60_000);
    expect((await createWorkspace(ada, cloudId)).statusCode).toBe(201);
    const at = t.clock.now.toISOString();

    const report = await ok<{
      results: {
        name: string;
        role: Role;
        sources: { type: string }[];
        last_workload_created_at: string | null;
        workloads_created: number;
      }[];
      cloud: { name: string };
    }>(olive.request({ method: 'GET', url: `/api/v2/clouds/${cloudId}/access_report` }));
    expect(report.cloud.name).toBe('Production');
    expect(
      report.results.map((row) => [row.name, row.role, row.last_workload_created_at, row.workloads_created]),
    ).toEqual([
      ['Ada Analyst', 'write', at, 1],
      ['Ben Builder', 'readonly', null, 0],
      ['Olive Owner', 'owner', null, 0],
    ]);

    const csv = await olive.request({ method: 'GET', url: `/api/v2/clouds/${cloudId}/access_report/export` });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'name,email,organization_role,cloud_role,sources,last_workload_created_at,workloads_created',
    );
    expect(lines[1]).toBe(
      `Ada Analyst,ada@acme.test,collaborator,write,write via group Data Science,${at},1`,
    );
    expect(lines).toHaveLength(4);
  });

  it('lists a member’s clouds with each source and what removing it alone would leave', async () => {
    const { olive, ada, cloudId } = await organization();
    const group = await createGroup(olive, 'Data Science', [ada]);
    await grantGroup(olive, cloudId, group, 'readonly');
    await grantDirect(olive, cloudId, ada, 'write');
    const answer = await ok<{
      results: {
        cloud: { name: string };
        role: Role;
        sources: { source: { type: string }; role_without: Role | null; how_to_remove: string }[];
      }[];
    }>(
      olive.request({
        method: 'GET',
        url: `/api/v2/organization_collaborators/${ada.memberId}/cloud_access`,
      }),
    );
    expect(answer.results).toHaveLength(1);
    expect(answer.results[0]!.role).toBe('write');
    expect(answer.results[0]!.sources.map((s) => [s.source.type, s.role_without])).toEqual([
      ['grant', 'readonly'],
      ['group', 'write'],
    ]);
    expect(answer.results[0]!.sources[1]!.how_to_remove).toMatch(/Remove them from Data Science/);
  });
});

describe('the platform’s cloud-collaborator paths', () => {
  it('search, add by email (409 when already permitted), batch_create and delete by identity id', async () => {
    const { olive, ada, ben, cy, cloudId } = await organization();
    const added = await ok<{
      result: { id: string; value: { id: string; email: string }; permission_level: Role };
    }>(
      olive.request({
        method: 'POST',
        url: `/api/v2/clouds/${cloudId}/collaborators/users`,
        payload: { email: 'Ada@Acme.test', permission_level: 'readonly' },
      }),
    );
    expect(added.result).toEqual({
      id: ada.memberId,
      value: { id: await userIdOf(ada), name: 'Ada Analyst', email: 'ada@acme.test' },
      permission_level: 'readonly',
    });
    const again = await olive.request({
      method: 'POST',
      url: `/api/v2/clouds/${cloudId}/collaborators/users`,
      payload: { email: 'ada@acme.test', permission_level: 'write' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.detail).toContain('already has permissions for this cloud');

    // All or nothing: one address already permitted refuses the whole batch.
    const mixed = await olive.request({
      method: 'POST',
      url: `/api/v2/clouds/${cloudId}/collaborators/users/batch_create`,
      payload: [
        { value: { email: 'ben@acme.test' }, permission_level: 'write' },
        { email: 'ada@acme.test', permission_level: 'write' },
      ],
    });
    expect(mixed.statusCode).toBe(409);
    const batch = await ok<{ results: { value: { email: string }; permission_level: Role }[] }>(
      olive.request({
        method: 'POST',
        url: `/api/v2/clouds/${cloudId}/collaborators/users/batch_create`,
        payload: [
          { value: { email: 'ben@acme.test' }, permission_level: 'write' },
          { email: 'cy@acme.test', permission_level: 'owner' },
        ],
      }),
    );
    expect(batch.results.map((r) => [r.value.email, r.permission_level])).toEqual([
      ['ben@acme.test', 'write'],
      ['cy@acme.test', 'owner'],
    ]);

    // The provider's search: empty body, count in the query; organization owners left out.
    const search = await ok<{
      results: { id: string; value: { email: string }; permission_level: Role }[];
      metadata: { next_paging_token: string | null };
    }>(
      olive.request({
        method: 'POST',
        url: `/api/v2/clouds/${cloudId}/collaborators/users/search?count=2`,
        payload: {},
      }),
    );
    expect(search.results.map((r) => [r.value.email, r.permission_level])).toEqual([
      ['ada@acme.test', 'readonly'],
      ['ben@acme.test', 'write'],
    ]);
    const page2 = await ok<{
      results: { value: { email: string } }[];
      metadata: { next_paging_token: string | null };
    }>(
      olive.request({
        method: 'POST',
        url: `/api/v2/clouds/${cloudId}/collaborators/users/search?count=2&paging_token=${search.metadata.next_paging_token}`,
        payload: {},
      }),
    );
    expect(page2.results.map((r) => r.value.email)).toEqual(['cy@acme.test']);
    expect(page2.metadata.next_paging_token).toBeNull();
    const filtered = await ok<{ results: { value: { email: string } }[] }>(
      olive.request({
        method: 'POST',
        url: `/api/v2/clouds/${cloudId}/collaborators/users/search`,
        payload: { name_or_email: 'ben' },
      }),
    );
    expect(filtered.results.map((r) => r.value.email)).toEqual(['ben@acme.test']);

    // DELETE by the identity id from the search (the provider's revoke), then 404 (the provider counts it done).
    const identity = search.results[1]!.id;
    expect(identity).toBe(ben.memberId);
    expect(
      (await olive.request({ method: 'DELETE', url: `/api/v2/clouds/${cloudId}/collaborators/${identity}` }))
        .statusCode,
    ).toBe(204);
    expect(
      (await olive.request({ method: 'DELETE', url: `/api/v2/clouds/${cloudId}/collaborators/${identity}` }))
        .statusCode,
    ).toBe(404);
    expect(await yourRole(ben, cloudId)).toBeNull();
    void cy;
  });
});
