import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMember,
  createOrganization,
  memberActor,
  setupOrganization,
  type Actor,
} from '../test/actors.ts';
import { createTestApp, type TestContext } from '../test/test-app.ts';

/**
 * Paging tokens are opaque and bound to the list, its filters, its sort and
 * the organization: every list refuses a token minted anywhere else (or
 * altered) with 400 invalid_paging_token, and still pages with its own.
 */

let t: TestContext;
let owner: Actor;
let stranger: Actor;
let cloudId: string;

const idOf = (body: { id?: string; result?: { id: string } }) => (body.result?.id ?? body.id)!;

beforeAll(async () => {
  t = await createTestApp();
  owner = await setupOrganization(t.app);
  for (let i = 0; i < 3; i++) {
    await createMember(t.deps, owner.orgId, { name: `Member ${i}`, email: `m${i}@acme.test` });
  }
  const invited = await owner.request({
    method: 'POST',
    url: '/api/v2/organization_invitations',
    payload: { emails: ['i1@x.test', 'i2@x.test', 'i3@x.test'] },
  });
  expect(invited.statusCode).toBe(200);
  for (const name of ['c1', 'c2', 'c3']) {
    const cloud = await owner.request({
      method: 'POST',
      url: '/api/v2/clouds',
      payload: { name, provider: 'aws', region: 'us-west-2' },
    });
    expect(cloud.statusCode).toBe(201);
    cloudId = idOf(cloud.json());
  }
  const members = await owner.request({ method: 'GET', url: '/api/v2/organization_collaborators?count=100' });
  const ids = (members.json().results as { user_id: string }[]).map((m) => m.user_id);
  const granted = await owner.request({
    method: 'POST',
    url: `/api/v2/clouds/${cloudId}/collaborators`,
    payload: { user_ids: ids },
  });
  expect(granted.statusCode).toBeLessThan(300);
  for (const name of ['w1', 'w2', 'w3']) {
    const workload = await owner.request({
      method: 'POST',
      url: '/api/v2/workloads',
      payload: { cloud_id: cloudId, name },
    });
    expect(workload.statusCode).toBe(201);
  }
  const otherOrg = await createOrganization(t.deps, 'Bravo');
  stranger = await memberActor(t.app, otherOrg, { name: 'Bob', email: 'bob@bravo.test', role: 'owner' });
  await createMember(t.deps, otherOrg, { name: 'Bea', email: 'bea@bravo.test' });
});
afterAll(() => t?.close());

const lists = () => [
  { name: 'members', path: '/api/v2/organization_collaborators' },
  { name: 'invitations', path: '/api/v2/organization_invitations' },
  { name: 'audit', path: '/api/v2/audit_events' },
  { name: 'clouds', path: '/api/v2/clouds' },
  { name: 'cloud access', path: `/api/v2/clouds/${cloudId}/collaborators` },
  { name: 'workloads', path: '/api/v2/workloads' },
];

async function get(actor: Actor, url: string) {
  return actor.request({ method: 'GET', url });
}

async function nextToken(actor: Actor, url: string): Promise<string> {
  const response = await get(actor, url);
  expect(response.statusCode, response.body).toBe(200);
  const token = response.json().metadata.next_paging_token as string | null;
  expect(token, url).toBeTruthy();
  return token!;
}

function expectRefused(
  response: { statusCode: number; json: () => { error: { code: string } } },
  what: string,
) {
  expect(response.statusCode, what).toBe(400);
  expect(response.json().error.code, what).toBe('invalid_paging_token');
}

const withToken = (path: string, token: string, extra = '') =>
  `${path}?count=1${extra}&paging_token=${encodeURIComponent(token)}`;

describe('paging tokens', () => {
  it('are opaque: no name, email, id or sort can be read out of them', async () => {
    const response = await get(owner, '/api/v2/organization_collaborators?count=1&sort=email');
    const [first] = response.json().results as { id: string; email: string; name: string }[];
    const token = response.json().metadata.next_paging_token as string;
    const decoded = Buffer.from(token, 'base64url').toString('latin1');
    for (const secret of [first!.email, first!.name, first!.id, 'email']) {
      expect(decoded).not.toContain(secret);
      expect(token).not.toContain(secret);
    }
  });

  it('every list pages with its own tokens and refuses those of every other list', async () => {
    const tokens = new Map<string, string>();
    for (const list of lists()) tokens.set(list.name, await nextToken(owner, `${list.path}?count=1`));
    for (const list of lists()) {
      const own = await get(owner, withToken(list.path, tokens.get(list.name)!));
      expect(own.statusCode, `${list.name} with its own token`).toBe(200);
      for (const [other, token] of tokens) {
        if (other === list.name) continue;
        expectRefused(await get(owner, withToken(list.path, token)), `${list.name} with a ${other} token`);
      }
    }
  });

  it('every list refuses a tampered token and one from another organization', async () => {
    for (const list of lists()) {
      const token = await nextToken(owner, `${list.path}?count=1`);
      const bytes = Buffer.from(token, 'base64url');
      bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
      expectRefused(
        await get(owner, withToken(list.path, bytes.toString('base64url'))),
        `${list.name} tampered`,
      );
      expectRefused(await get(owner, withToken(list.path, 'garbage')), `${list.name} garbage`);
    }
    const theirs = await nextToken(stranger, '/api/v2/organization_collaborators?count=1');
    expectRefused(
      await get(owner, withToken('/api/v2/organization_collaborators', theirs)),
      'a token from another organization',
    );
  });

  it('a token is bound to its filters and sort', async () => {
    const path = '/api/v2/organization_collaborators';
    const collaborators = await nextToken(owner, `${path}?count=1&permission_level=collaborator`);
    expect(
      (await get(owner, withToken(path, collaborators, '&permission_level=collaborator'))).statusCode,
    ).toBe(200);
    expectRefused(
      await get(owner, withToken(path, collaborators, '&permission_level=owner')),
      'other role filter',
    );
    expectRefused(await get(owner, withToken(path, collaborators)), 'filter dropped');
    expectRefused(
      await get(owner, withToken(path, collaborators, '&permission_level=collaborator&sort=email')),
      'other sort',
    );
    const workloads = await nextToken(owner, `/api/v2/workloads?count=1&cloud_id=${cloudId}`);
    expectRefused(await get(owner, withToken('/api/v2/workloads', workloads)), 'workloads filter dropped');
  });
});
