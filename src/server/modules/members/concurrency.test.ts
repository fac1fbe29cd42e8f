import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { InjectOptions } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, testDialect, type TestContext } from '../../test/test-app.ts';
import { createMember, memberActor, setupOrganization, type Actor } from '../../test/actors.ts';
import type { WorkerEvent, WorkerInput, WorkerRequest } from './second-instance.worker.ts';

/**
 * Forced interleavings: request A takes the organization lock and is held there
 * by a test hook; request B is sent to a second instance (own thread, own
 * database connection). B must not get past the lock until A is released; then
 * B sees A's committed change. Without the lock B would reach the hook while A
 * is paused, and the first assertion fails.
 */

let t: TestContext;
let second: SecondInstance;
let held: { release: () => void } | undefined;
beforeEach(async () => {
  t = await createTestApp();
  second = await startSecondInstance(t);
});
afterEach(async () => {
  // A failed assertion must not leave request A holding the lock through teardown.
  held?.release();
  held = undefined;
  await second.close();
  await t.close();
});

type SecondInstance = {
  locksTaken: number;
  /** Resolves when the next request of this instance, past authentication, asks for the lock. */
  nextLockWanted: () => Promise<void>;
  inject: (
    options: InjectOptions,
  ) => Promise<{ statusCode: number; json: () => { error?: { code: string } } }>;
  close: () => Promise<void>;
};

async function startSecondInstance(context: TestContext): Promise<SecondInstance> {
  // Workers do not inherit the test runner's TypeScript loader: register tsx first.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(
    /\.cjs$/,
    '.mjs',
  );
  const entry = new URL('./second-instance.worker.ts', import.meta.url).href;
  const boot = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(entry)});`;
  const workerData: WorkerInput = {
    database: context.deps.config.database,
    now: context.clock.now.toISOString(),
  };
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), { workerData });

  const pending = new Map<number, (event: Extract<WorkerEvent, { type: 'response' }>) => void>();
  const lockWaiters: (() => void)[] = [];
  let onClosed = () => {};
  const instance: SecondInstance = {
    locksTaken: 0,
    nextLockWanted: () => new Promise<void>((resolve) => lockWaiters.push(resolve)),
    inject(options) {
      const id = pending.size + Math.random();
      const message: WorkerRequest = { type: 'inject', id, options };
      return new Promise((resolve) => {
        pending.set(id, (event) =>
          resolve({ statusCode: event.statusCode, json: () => JSON.parse(event.body) }),
        );
        worker.postMessage(message);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        onClosed = () => void worker.terminate().then(() => resolve());
        worker.postMessage({ type: 'close' } satisfies WorkerRequest);
      }),
  };
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (event: WorkerEvent) => {
      if (event.type === 'ready') resolve();
      if (event.type === 'lock-wanted') lockWaiters.shift()?.();
      if (event.type === 'lock-taken') instance.locksTaken += 1;
      if (event.type === 'response') pending.get(event.id)?.(event);
      if (event.type === 'closed') onClosed();
    });
  });
  return instance;
}

/** Holds the next request of instance A right after it takes the organization lock. */
function holdNextLock(context: TestContext) {
  let taken!: () => void;
  let release!: () => void;
  const lockTaken = new Promise<void>((resolve) => (taken = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  context.seams.afterOrganizationLock = async () => {
    context.seams.afterOrganizationLock = undefined;
    taken();
    await released;
  };
  held = { release };
  return { lockTaken, release };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function asActor(actor: Actor, options: InjectOptions): InjectOptions {
  return { ...options, headers: { cookie: actor.cookie, 'x-requested-with': 'roster' } };
}

async function owners(actor: Actor): Promise<string[]> {
  const list = await actor.request({
    method: 'GET',
    url: '/api/v2/organization_collaborators?permission_level=owner',
  });
  return list.json().results.map((member: { email: string }) => member.email);
}

describe(`organization lock (${testDialect})`, () => {
  it('two owners demoting each other at the same instant: exactly one succeeds, the other gets 409', async () => {
    const olive = await setupOrganization(t.app);
    const otto = await memberActor(t.app, olive.orgId, {
      name: 'Otto Owner',
      email: 'otto@acme.test',
      role: 'owner',
    });

    const hold = holdNextLock(t);
    const a = olive.request({
      method: 'PATCH',
      url: `/api/v2/organization_collaborators/${otto.memberId}`,
      payload: { permission_level: 'collaborator' },
    });
    await hold.lockTaken;

    // B must be past authentication (an owner) before A commits, as at the same instant.
    const bWantsLock = second.nextLockWanted();
    const b = second.inject(
      asActor(otto, {
        method: 'PATCH',
        url: `/api/v2/organization_collaborators/${olive.memberId}`,
        payload: { permission_level: 'collaborator' },
      }),
    );
    await bWantsLock;
    await sleep(300);
    expect(second.locksTaken, 'B took the organization lock while A held it').toBe(0);

    hold.release();
    const [first, other] = await Promise.all([a, b]);
    expect(first.statusCode).toBe(200);
    expect(other.statusCode).toBe(409);
    expect(other.json().error?.code).toBe('last_owner');
    expect(second.locksTaken).toBe(1);
    expect(await owners(olive)).toEqual(['olive@acme.test']);
  });

  it('two owners making each other collaborator and removing them at the same instant: exactly one succeeds', async () => {
    const olive = await setupOrganization(t.app);
    const otto = await memberActor(t.app, olive.orgId, {
      name: 'Otto Owner',
      email: 'otto@acme.test',
      role: 'owner',
    });
    const removeEachOther = (id: string) => ({
      method: 'POST' as const,
      url: '/api/v2/organization_collaborators/batch_delete',
      payload: { ids: [id], downgrade_owners: true },
    });

    const hold = holdNextLock(t);
    const a = olive.request(removeEachOther(otto.memberId));
    await hold.lockTaken;
    const bWantsLock = second.nextLockWanted();
    const b = second.inject(asActor(otto, removeEachOther(olive.memberId)));
    await bWantsLock;
    await sleep(300);
    expect(second.locksTaken, 'B took the organization lock while A held it').toBe(0);

    hold.release();
    const [first, other] = await Promise.all([a, b]);
    expect(first.statusCode).toBe(200);
    // Otto is gone by the time his request holds the lock: he may no longer act.
    expect(other.statusCode).toBe(403);
    expect(await owners(olive)).toEqual(['olive@acme.test']);
  });

  it('an owner demoted while their own request waits for the lock is no longer allowed to act', async () => {
    const olive = await setupOrganization(t.app);
    const otto = await memberActor(t.app, olive.orgId, {
      name: 'Otto Owner',
      email: 'otto@acme.test',
      role: 'owner',
    });
    await createMember(t.deps, olive.orgId, { name: 'Tess Third', email: 'tess@acme.test', role: 'owner' });
    const cleo = await createMember(t.deps, olive.orgId, { name: 'Cleo Collab', email: 'cleo@acme.test' });

    const hold = holdNextLock(t);
    const a = olive.request({
      method: 'PATCH',
      url: `/api/v2/organization_collaborators/${otto.memberId}`,
      payload: { permission_level: 'collaborator' },
    });
    await hold.lockTaken;
    // Otto was an owner when B arrived, but not once B holds the lock.
    // B must be past authentication (an owner) before A commits, as at the same instant.
    const bWantsLock = second.nextLockWanted();
    const b = second.inject(
      asActor(otto, { method: 'DELETE', url: `/api/v2/organization_collaborators/${cleo}` }),
    );
    await bWantsLock;
    await sleep(300);
    expect(second.locksTaken).toBe(0);
    hold.release();

    expect((await a).statusCode).toBe(200);
    expect((await b).statusCode).toBe(403);
    const stillThere = await olive.request({
      method: 'GET',
      url: `/api/v2/organization_collaborators/${cleo}`,
    });
    expect(stillThere.statusCode).toBe(200);
  });

  it('removal and promotion of the same person at the same instant: the later one sees the earlier', async () => {
    const olive = await setupOrganization(t.app);
    const otto = await memberActor(t.app, olive.orgId, {
      name: 'Otto Owner',
      email: 'otto@acme.test',
      role: 'owner',
    });
    const cleo = await createMember(t.deps, olive.orgId, { name: 'Cleo Collab', email: 'cleo@acme.test' });

    const hold = holdNextLock(t);
    const a = olive.request({ method: 'DELETE', url: `/api/v2/organization_collaborators/${cleo}` });
    await hold.lockTaken;
    // B must be past authentication (an owner) before A commits, as at the same instant.
    const bWantsLock = second.nextLockWanted();
    const b = second.inject(
      asActor(otto, {
        method: 'PATCH',
        url: `/api/v2/organization_collaborators/${cleo}`,
        payload: { permission_level: 'owner' },
      }),
    );
    await bWantsLock;
    await sleep(300);
    expect(second.locksTaken).toBe(0);
    hold.release();

    expect((await a).statusCode).toBe(204);
    expect((await b).statusCode).toBe(404);
    expect(await owners(olive)).toEqual(['olive@acme.test', 'otto@acme.test']);
  });

  /**
   * A (instance 1) demotes Otto and is held under the lock; B (instance 2) is
   * Otto's own owner-only write, authenticated while he was still an owner.
   * B must re-read his role under the lock and be refused, and leave nothing behind.
   */
  async function demotionRacesOwnerWrite(
    olive: Actor,
    otto: Actor,
    write: InjectOptions,
  ): Promise<{ statusCode: number; json: () => { error?: { code: string } } }> {
    const hold = holdNextLock(t);
    const a = olive.request({
      method: 'PATCH',
      url: `/api/v2/organization_collaborators/${otto.memberId}`,
      payload: { permission_level: 'collaborator' },
    });
    await hold.lockTaken;
    const bWantsLock = second.nextLockWanted();
    const b = second.inject(asActor(otto, write));
    await bWantsLock;
    await sleep(300);
    expect(second.locksTaken, 'B took the organization lock while A held it').toBe(0);
    hold.release();
    expect((await a).statusCode).toBe(200);
    return b;
  }

  it('demotion vs. an owner invitation by the person demoted: the invitation is refused (403)', async () => {
    const olive = await setupOrganization(t.app);
    const otto = await memberActor(t.app, olive.orgId, {
      name: 'Otto Owner',
      email: 'otto@acme.test',
      role: 'owner',
    });

    // Otto's invitation is authenticated (as an owner) and held just before the
    // lock; his demotion commits meanwhile. (Held on this side of the lock: on
    // SQLite the invitation's rate-limit write would otherwise queue behind a
    // held demotion before reaching any hook.)
    let wantsLock!: () => void;
    let proceed!: () => void;
    const lockWanted = new Promise<void>((resolve) => (wantsLock = resolve));
    const proceeded = new Promise<void>((resolve) => (proceed = resolve));
    t.seams.beforeOrganizationLock = async () => {
      t.seams.beforeOrganizationLock = undefined;
      wantsLock();
      await proceeded;
    };
    held = { release: proceed };
    const invitation = otto.request({
      method: 'POST',
      url: '/api/v2/organization_invitations',
      payload: { emails: ['otto.alt@acme.test'], permission_level: 'owner' },
    });
    await lockWanted;
    const demoted = await olive.request({
      method: 'PATCH',
      url: `/api/v2/organization_collaborators/${otto.memberId}`,
      payload: { permission_level: 'collaborator' },
    });
    expect(demoted.statusCode).toBe(200);
    proceed();

    const refused = await invitation;
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('forbidden');
    const pending = await olive.request({ method: 'GET', url: '/api/v2/organization_invitations' });
    expect(pending.json().results).toEqual([]);
  });

  it('demotion vs. a cloud grant by the person demoted: the grant is refused (403)', async () => {
    const olive = await setupOrganization(t.app);
    const otto = await memberActor(t.app, olive.orgId, {
      name: 'Otto Owner',
      email: 'otto@acme.test',
      role: 'owner',
    });
    const cleo = await createMember(t.deps, olive.orgId, { name: 'Cleo Collab', email: 'cleo@acme.test' });
    const cleoUser = (
      await olive.request({ method: 'GET', url: `/api/v2/organization_collaborators/${cleo}` })
    ).json().result.user_id;
    const cloud = await olive.request({
      method: 'POST',
      url: '/api/v2/clouds',
      payload: { name: 'prod', provider: 'gcp', region: 'europe-west1' },
    });
    const cloudId = cloud.json().result.id;

    const b = await demotionRacesOwnerWrite(olive, otto, {
      method: 'POST',
      url: `/api/v2/clouds/${cloudId}/collaborators`,
      payload: { user_ids: [cleoUser] },
    });
    expect(b.statusCode).toBe(403);
    const access = await olive.request({ method: 'GET', url: `/api/v2/clouds/${cloudId}/collaborators` });
    const emails = access.json().results.map((entry: { email: string }) => entry.email);
    expect(emails).not.toContain('cleo@acme.test');
  });

  it('demotion vs. a cloud ownership transfer by the person demoted: the transfer is refused (403)', async () => {
    const olive = await setupOrganization(t.app);
    const otto = await memberActor(t.app, olive.orgId, {
      name: 'Otto Owner',
      email: 'otto@acme.test',
      role: 'owner',
    });
    const cloud = await olive.request({
      method: 'POST',
      url: '/api/v2/clouds',
      payload: { name: 'prod', provider: 'gcp', region: 'europe-west1' },
    });
    const cloudId = cloud.json().result.id;
    const ottoUser = (
      await olive.request({ method: 'GET', url: `/api/v2/organization_collaborators/${otto.memberId}` })
    ).json().result.user_id;

    const b = await demotionRacesOwnerWrite(olive, otto, {
      method: 'POST',
      url: `/api/v2/clouds/${cloudId}/transfer_ownership`,
      payload: { user_id: ottoUser },
    });
    expect(b.statusCode).toBe(403);
    const after = await olive.request({ method: 'GET', url: `/api/v2/clouds/${cloudId}` });
    expect(JSON.stringify(after.json())).not.toContain('otto@acme.test');
  });

  it("demotion vs. terminating someone else's workload by the person demoted: refused, it keeps running", async () => {
    const olive = await setupOrganization(t.app);
    const otto = await memberActor(t.app, olive.orgId, {
      name: 'Otto Owner',
      email: 'otto@acme.test',
      role: 'owner',
    });
    const cloud = await olive.request({
      method: 'POST',
      url: '/api/v2/clouds',
      payload: { name: 'prod', provider: 'gcp', region: 'europe-west1' },
    });
    const workload = await olive.request({
      method: 'POST',
      url: '/api/v2/workloads',
      payload: { cloud_id: cloud.json().result.id, name: 'nightly', kind: 'job' },
    });
    const workloadId = workload.json().result.id;

    const b = await demotionRacesOwnerWrite(olive, otto, {
      method: 'POST',
      url: `/api/v2/workloads/${workloadId}/terminate`,
    });
    // As a collaborator without a grant on the cloud, he no longer sees it at all.
    expect(b.statusCode).toBe(404);
    const after = await olive.request({ method: 'GET', url: `/api/v2/workloads?count=10` });
    expect(after.json().results).toMatchObject([{ id: workloadId, status: 'running' }]);
  });

  /**
   * A (instance 1) ends Cleo's only path to the cloud, a group, and is held
   * under the lock; B (instance 2) is Cleo creating a workspace there through
   * that group, authenticated while the group still gave her `write`. B must
   * re-resolve her role under the lock and leave nothing behind.
   */
  async function groupAccessEndedWhileCreating(end: (olive: Actor, ids: GroupSetup) => Promise<number>) {
    const olive = await setupOrganization(t.app);
    const cleo = await memberActor(t.app, olive.orgId, { name: 'Cleo Collab', email: 'cleo@acme.test' });
    const cleoUser = (await cleo.request({ method: 'GET', url: '/api/v2/userinfo' })).json().result.user_id;
    const cloud = await olive.request({
      method: 'POST',
      url: '/api/v2/clouds',
      payload: { name: 'prod', provider: 'gcp', region: 'europe-west1' },
    });
    const cloudId = cloud.json().result.id;
    const group = await olive.request({
      method: 'POST',
      url: '/api/v2/groups',
      payload: { name: 'Data Science', user_ids: [cleoUser] },
    });
    const groupId = group.json().result.id;
    const granted = await olive.request({
      method: 'POST',
      url: `/api/v2/clouds/${cloudId}/group_grants`,
      payload: { group_ids: [groupId], role: 'write' },
    });
    expect(granted.statusCode).toBe(200);

    const hold = holdNextLock(t);
    const a = end(olive, { cloudId, groupId, cleoUser });
    await hold.lockTaken;
    const bWantsLock = second.nextLockWanted();
    const b = second.inject(
      asActor(cleo, {
        method: 'POST',
        url: '/api/v2/workloads',
        payload: { cloud_id: cloudId, name: 'late-notebook' },
      }),
    );
    await bWantsLock;
    await sleep(300);
    expect(second.locksTaken, 'B took the organization lock while A held it').toBe(0);
    hold.release();
    expect(await a).toBeLessThan(300);
    const created = await b;
    const workloads = await olive.request({ method: 'GET', url: '/api/v2/workloads?count=10' });
    return { created, workloads: workloads.json().results as { name: string }[] };
  }
  type GroupSetup = { cloudId: string; groupId: string; cleoUser: string };

  it("a group's cloud grant revoked vs. a workspace created through it: refused, nothing created", async () => {
    const { created, workloads } = await groupAccessEndedWhileCreating(
      async (olive, { cloudId, groupId }) => {
        const revoked = await olive.request({
          method: 'DELETE',
          url: `/api/v2/clouds/${cloudId}/group_grants/${groupId}`,
        });
        return revoked.statusCode;
      },
    );
    // With no source left she no longer sees the cloud at all.
    expect(created.statusCode).toBe(404);
    expect(workloads).toEqual([]);
  });

  it('leaving the group vs. a workspace created through it: refused, nothing created', async () => {
    const { created, workloads } = await groupAccessEndedWhileCreating(
      async (olive, { groupId, cleoUser }) => {
        const removed = await olive.request({
          method: 'DELETE',
          url: `/api/v2/groups/${groupId}/members/${cleoUser}`,
        });
        return removed.statusCode;
      },
    );
    expect(created.statusCode).toBe(404);
    expect(workloads).toEqual([]);
  });

  it('the group granted readonly instead of write vs. a workspace created through it: 403, nothing created', async () => {
    const { created, workloads } = await groupAccessEndedWhileCreating(
      async (olive, { cloudId, groupId }) => {
        const changed = await olive.request({
          method: 'PATCH',
          url: `/api/v2/clouds/${cloudId}/group_grants/${groupId}`,
          payload: { role: 'readonly' },
        });
        return changed.statusCode;
      },
    );
    expect(created.statusCode).toBe(403);
    expect(workloads).toEqual([]);
  });
});
