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

type WorkloadJson = {
  id: string;
  kind: string;
  name: string;
  status: string;
  cloud: { id: string; name: string };
  creator: { id: string; name: string; removed: boolean };
  duplicated_from: string | null;
  terminated_at: string | null;
};

async function userIdOf(actor: Actor): Promise<string> {
  const me = await actor.request({ method: 'GET', url: '/api/v2/userinfo' });
  return (me.json().result as { user_id: string }).user_id;
}

async function registerCloud(owner: Actor, name: string): Promise<string> {
  const response = await owner.request({
    method: 'POST',
    url: '/api/v2/clouds',
    payload: { name, provider: 'aws', region: 'us-west-2' },
  });
  expect(response.statusCode).toBe(201);
  return response.json().result.id as string;
}

async function create(actor: Actor, cloudId: string, name: string, kind?: string): Promise<WorkloadJson> {
  const response = await actor.request({
    method: 'POST',
    url: '/api/v2/workloads',
    payload: { cloud_id: cloudId, name, ...(kind ? { kind } : {}) },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().result;
}

async function list(
  actor: Actor,
  query = '',
): Promise<{
  results: WorkloadJson[];
  metadata: { total: number; next_paging_token: string | null };
}> {
  const response = await actor.request({ method: 'GET', url: `/api/v2/workloads${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

const names = (page: { results: WorkloadJson[] }) => page.results.map((workload) => workload.name);

/** Two clouds; Cara may use prod, Dan may use prod and staging. */
async function organization() {
  const olive = await setupOrganization(t.app);
  const cara = await memberActor(t.app, olive.orgId, { name: 'Cara Collab', email: 'cara@acme.test' });
  const dan = await memberActor(t.app, olive.orgId, { name: 'Dan Dev', email: 'dan@acme.test' });
  const prod = await registerCloud(olive, 'prod');
  const staging = await registerCloud(olive, 'staging');
  const grant = (cloudId: string, userIds: string[]) =>
    olive.request({
      method: 'POST',
      url: `/api/v2/clouds/${cloudId}/collaborators`,
      payload: { user_ids: userIds },
    });
  await grant(prod, [await userIdOf(cara), await userIdOf(dan)]);
  await grant(staging, [await userIdOf(dan)]);
  return { olive, cara, dan, prod, staging };
}

describe('listing workloads', () => {
  it('shows owners everything and collaborators only workloads on clouds they can use', async () => {
    const { olive, cara, dan, prod, staging } = await organization();
    await create(olive, prod, 'prod-train', 'job');
    t.clock.advance(1000);
    await create(dan, staging, 'staging-api', 'service');
    t.clock.advance(1000);
    await create(cara, prod, 'cara-notebook');

    expect(names(await list(olive))).toEqual(['cara-notebook', 'staging-api', 'prod-train']);
    expect(names(await list(dan))).toEqual(['cara-notebook', 'staging-api', 'prod-train']);
    expect(names(await list(cara))).toEqual(['cara-notebook', 'prod-train']);
    // Asking for a cloud you cannot use returns nothing rather than leaking its workloads.
    expect((await list(cara, `?cloud_id=${staging}`)).metadata.total).toBe(0);
  });

  it('filters by cloud, creator, kind and status, and pages newest first', async () => {
    const { olive, cara, prod, staging } = await organization();
    const created: WorkloadJson[] = [];
    for (let i = 0; i < 5; i++) {
      created.push(await create(olive, i % 2 === 0 ? prod : staging, `w${i}`, i === 4 ? 'job' : undefined));
      t.clock.advance(1000);
    }
    await create(cara, prod, 'cara-1');
    await olive.request({ method: 'POST', url: `/api/v2/workloads/${created[0]!.id}/terminate` });

    expect(names(await list(olive, `?cloud_id=${staging}`))).toEqual(['w3', 'w1']);
    expect(names(await list(olive, `?creator=${cara.memberId}`))).toEqual(['cara-1']);
    expect(names(await list(olive, '?kind=job'))).toEqual(['w4']);
    expect(names(await list(olive, '?status=terminated'))).toEqual(['w0']);
    expect(names(await list(olive, `?cloud_id=${prod}&status=running&kind=workspace`))).toEqual([
      'cara-1',
      'w2',
    ]);

    const first = await list(olive, '?count=4');
    expect(names(first)).toEqual(['cara-1', 'w4', 'w3', 'w2']);
    const token = first.metadata.next_paging_token;
    const second = await list(olive, `?count=4&paging_token=${token}`);
    expect(names(second)).toEqual(['w1', 'w0']);
    expect(second.metadata).toMatchObject({ total: 6, next_paging_token: null });

    const bad = await olive.request({ method: 'GET', url: '/api/v2/workloads?kind=vm' });
    expect(bad.statusCode).toBe(400);
  });

  it("keeps a removed creator's name, marked removed", async () => {
    const { olive, prod } = await organization();
    const ada = await memberActor(t.app, olive.orgId, { name: 'Ada Lovelace', email: 'ada@acme.test' });
    await olive.request({
      method: 'POST',
      url: `/api/v2/clouds/${prod}/collaborators`,
      payload: { user_ids: [await userIdOf(ada)] },
    });
    const job = await create(ada, prod, 'analytical-engine', 'job');
    expect(job.creator).toEqual({ id: ada.memberId, name: 'Ada Lovelace', removed: false });

    const removed = await olive.request({
      method: 'DELETE',
      url: `/api/v2/organization_collaborators/${ada.memberId}`,
    });
    expect(removed.statusCode).toBe(204);

    const page = await list(olive, `?creator=${ada.memberId}`);
    expect(page.results).toHaveLength(1);
    expect(page.results[0]).toMatchObject({
      name: 'analytical-engine',
      status: 'running',
      creator: { id: ada.memberId, name: 'Ada Lovelace', removed: true },
    });
  });
});

describe('creating a workspace', () => {
  it('works on a cloud you can use and is 404 elsewhere', async () => {
    const { cara, prod, staging } = await organization();
    const workspace = await create(cara, prod, '  my notebook  ');
    expect(workspace).toMatchObject({
      kind: 'workspace',
      name: 'my notebook',
      status: 'running',
      cloud: { id: prod, name: 'prod' },
      creator: { id: cara.memberId, name: 'Cara Collab', removed: false },
      duplicated_from: null,
    });

    const elsewhere = await cara.request({
      method: 'POST',
      url: '/api/v2/workloads',
      payload: { cloud_id: staging, name: 'sneaky' },
    });
    expect(elsewhere.statusCode).toBe(404);
    const blank = await cara.request({
      method: 'POST',
      url: '/api/v2/workloads',
      payload: { cloud_id: prod, name: ' ' },
    });
    expect(blank.statusCode).toBe(400);
  });

  it('stops working the moment a grant is removed', async () => {
    const { olive, cara, prod } = await organization();
    await create(cara, prod, 'before');
    const revoked = await olive.request({
      method: 'DELETE',
      url: `/api/v2/clouds/${prod}/collaborators/${await userIdOf(cara)}`,
    });
    expect(revoked.statusCode).toBe(204);
    const after = await cara.request({
      method: 'POST',
      url: '/api/v2/workloads',
      payload: { cloud_id: prod, name: 'after' },
    });
    expect(after.statusCode).toBe(404);
    expect((await list(cara)).results).toEqual([]);
  });
});

describe('terminating', () => {
  it('is allowed to the creator and organization owners only, and refuses a second time with 409', async () => {
    const { olive, cara, dan, prod } = await organization();
    const caras = await create(cara, prod, 'cara-ws');
    const dans = await create(dan, prod, 'dan-ws');

    const notYours = await dan.request({ method: 'POST', url: `/api/v2/workloads/${caras.id}/terminate` });
    expect(notYours.statusCode).toBe(403);
    expect(notYours.json().error.message).toMatch(
      /person who created this workload or an organization owner/,
    );

    const own = await cara.request({ method: 'POST', url: `/api/v2/workloads/${caras.id}/terminate` });
    expect(own.statusCode).toBe(200);
    expect(own.json().result).toMatchObject({
      status: 'terminated',
      terminated_at: t.clock.now.toISOString(),
    });

    const again = await cara.request({ method: 'POST', url: `/api/v2/workloads/${caras.id}/terminate` });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toEqual({
      code: 'workload_already_terminated',
      message: 'cara-ws is already terminated.',
      detail: 'cara-ws is already terminated.',
    });

    const byOwner = await olive.request({ method: 'POST', url: `/api/v2/workloads/${dans.id}/terminate` });
    expect(byOwner.statusCode).toBe(200);

    const audit = await t.deps.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'workload.terminated')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('terminates exactly once when two requests race', async () => {
    const { cara, prod } = await organization();
    const workload = await create(cara, prod, 'racy');
    const second = await t.startSecondInstance();
    const [a, b] = await Promise.all([
      cara.request({ method: 'POST', url: `/api/v2/workloads/${workload.id}/terminate` }),
      second.inject({
        method: 'POST',
        url: `/api/v2/workloads/${workload.id}/terminate`,
        headers: { cookie: cara.cookie, 'x-requested-with': 'roster' },
      }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
  });
});

describe('duplicating', () => {
  it('turns jobs and services into workspaces owned by the person duplicating', async () => {
    const { olive, cara, dan, prod } = await organization();
    const job = await create(olive, prod, 'nightly-train', 'job');
    t.clock.advance(1000);
    const service = await create(olive, prod, 'inference', 'service');
    const workspace = await create(cara, prod, 'notebook');

    for (const original of [job, service, workspace]) {
      const response = await dan.request({
        method: 'POST',
        url: `/api/v2/workloads/${original.id}/duplicate`,
      });
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json().result).toMatchObject({
        kind: 'workspace',
        name: `${original.name} (copy)`,
        status: 'running',
        cloud: { id: prod },
        creator: { id: dan.memberId, name: 'Dan Dev', removed: false },
        duplicated_from: original.id,
      });
    }
    // The originals are untouched.
    const originals = await list(olive, `?creator=${olive.memberId}`);
    expect(originals.results.map((w) => [w.kind, w.status])).toEqual([
      ['service', 'running'],
      ['job', 'running'],
    ]);

    const named = await dan.request({
      method: 'POST',
      url: `/api/v2/workloads/${job.id}/duplicate`,
      payload: { name: 'retrain' },
    });
    expect(named.json().result).toMatchObject({ name: 'retrain', kind: 'workspace' });
  });

  it("duplicates a removed member's job, and the copy can be terminated by its new owner", async () => {
    const { olive, dan, prod } = await organization();
    const ada = await memberActor(t.app, olive.orgId, { name: 'Ada Lovelace', email: 'ada@acme.test' });
    await olive.request({
      method: 'POST',
      url: `/api/v2/clouds/${prod}/collaborators`,
      payload: { user_ids: [await userIdOf(ada)] },
    });
    const job = await create(ada, prod, 'bernoulli', 'job');
    await olive.request({ method: 'DELETE', url: `/api/v2/organization_collaborators/${ada.memberId}` });

    const copy = await dan.request({ method: 'POST', url: `/api/v2/workloads/${job.id}/duplicate` });
    expect(copy.statusCode).toBe(201);
    const terminated = await dan.request({
      method: 'POST',
      url: `/api/v2/workloads/${copy.json().result.id}/terminate`,
    });
    expect(terminated.statusCode).toBe(200);
    // Dan may not terminate Ada's original: only its creator or an owner can.
    const original = await dan.request({ method: 'POST', url: `/api/v2/workloads/${job.id}/terminate` });
    expect(original.statusCode).toBe(403);
  });

  it('is 404 for workloads on clouds you cannot use', async () => {
    const { dan, cara, staging } = await organization();
    const hidden = await create(dan, staging, 'staging-only');
    const response = await cara.request({ method: 'POST', url: `/api/v2/workloads/${hidden.id}/duplicate` });
    expect(response.statusCode).toBe(404);
    const terminate = await cara.request({ method: 'POST', url: `/api/v2/workloads/${hidden.id}/terminate` });
    expect(terminate.statusCode).toBe(404);
  });
});

describe('tenant isolation', () => {
  it("answers 404 for another organization's workloads and clouds", async () => {
    const { olive, prod } = await organization();
    const workload = await create(olive, prod, 'acme-secret', 'job');
    const otherOrg = await createOrganization(t.deps, 'Globex');
    const gus = await memberActor(t.app, otherOrg, { name: 'Gus', email: 'gus@globex.test', role: 'owner' });

    expect((await list(gus)).results).toEqual([]);
    expect((await list(gus, `?cloud_id=${prod}`)).results).toEqual([]);
    expect((await list(gus, `?creator=${olive.memberId}`)).results).toEqual([]);
    for (const action of ['terminate', 'duplicate']) {
      const response = await gus.request({
        method: 'POST',
        url: `/api/v2/workloads/${workload.id}/${action}`,
      });
      expect(response.statusCode, action).toBe(404);
    }
    const onTheirCloud = await gus.request({
      method: 'POST',
      url: '/api/v2/workloads',
      payload: { cloud_id: prod, name: 'intruder' },
    });
    expect(onTheirCloud.statusCode).toBe(404);
    expect(names(await list(olive))).toEqual(['acme-secret']);
  });
});
