import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../lib/crypto.ts';
import { createOrganization, memberActor, setupOrganization, type Actor } from './actors.ts';
import { createTestApp, type TestContext } from './test-app.ts';

/**
 * Nothing of organization B is visible or addressable from A, and the other
 * way round: an id from the other organization answers exactly like an id that
 * does not exist, for browser sessions and for API keys alike.
 */
let t: TestContext;
let a: { owner: Actor; collaborator: Actor; key: string };
let b: { owner: Actor; collaborator: Actor; key: string };

async function apiKeyOf(actor: Actor): Promise<string> {
  const response = await actor.request({
    method: 'POST',
    url: '/api/v2/api_keys',
    payload: { name: 'script' },
  });
  expect(response.statusCode).toBe(201);
  return response.json().result.token;
}

beforeEach(async () => {
  t = await createTestApp();
  const ownerA = await setupOrganization(t.app, {
    organization_name: 'Acme',
    name: 'Olive Owner',
    email: 'olive@acme.test',
    password: 'correct horse battery',
  });
  const orgB = await createOrganization(t.deps, 'Bravo');
  const ownerB = await memberActor(t.app, orgB, { name: 'Bea Boss', email: 'bea@bravo.test', role: 'owner' });
  a = {
    owner: ownerA,
    collaborator: await memberActor(t.app, ownerA.orgId, { name: 'Cole Acme', email: 'cole@acme.test' }),
    key: await apiKeyOf(ownerA),
  };
  b = {
    owner: ownerB,
    collaborator: await memberActor(t.app, orgB, { name: 'Cleo Bravo', email: 'cleo@bravo.test' }),
    key: await apiKeyOf(ownerB),
  };
});
afterEach(async () => {
  await t.close();
});

const withKey = (key: string) => (options: InjectOptions) =>
  t.app.inject({ ...options, headers: { authorization: `Bearer ${key}`, ...(options.headers ?? {}) } });

type Send = (options: InjectOptions) => Promise<LightMyRequestResponse>;

/** Both directions, each through a session of the owner, of a collaborator, and an API key. */
function callers(): { label: string; send: Send; self: typeof a; other: typeof b }[] {
  return [
    { label: 'A owner session', send: a.owner.request, self: a, other: b },
    { label: 'A collaborator session', send: a.collaborator.request, self: a, other: b },
    { label: 'A API key', send: withKey(a.key), self: a, other: b },
    { label: 'B owner session', send: b.owner.request, self: b, other: a },
    { label: 'B collaborator session', send: b.collaborator.request, self: b, other: a },
    { label: 'B API key', send: withKey(b.key), self: b, other: a },
  ];
}

function expectSameAnswer(actual: LightMyRequestResponse, expected: LightMyRequestResponse, label: string) {
  expect(actual.statusCode, label).toBe(expected.statusCode);
  expect(actual.json(), label).toEqual(expected.json());
}

describe('tenant isolation', () => {
  it('lists only the caller’s own organization, whatever the filter', async () => {
    for (const { label, send, self, other } of callers()) {
      const all = await send({ method: 'GET', url: '/api/v2/organization_collaborators?count=100' });
      expect(all.statusCode, label).toBe(200);
      const emails = all
        .json()
        .results.map((member: { email: string }) => member.email)
        .sort();
      expect(emails, label).toEqual([self.owner.email, self.collaborator.email].sort());
      expect(all.json().metadata.total, label).toBe(2);

      for (const query of [
        `email=${encodeURIComponent(other.owner.email)}`,
        `q=${encodeURIComponent(other.owner.email.split('@')[1]!)}`,
        'q=bea',
        'q=olive',
        'permission_level=owner',
      ]) {
        const response = await send({ method: 'GET', url: `/api/v2/organization_collaborators?${query}` });
        const found = response.json().results.map((member: { email: string }) => member.email);
        expect(found, `${label} ${query}`).not.toContain(other.owner.email);
        expect(found, `${label} ${query}`).not.toContain(other.collaborator.email);
      }
    }
  });

  it('answers an id of the other organization exactly like an id that does not exist', async () => {
    for (const { label, send, other } of callers()) {
      for (const id of [other.owner.memberId, other.collaborator.memberId]) {
        const foreign = await send({ method: 'GET', url: `/api/v2/organization_collaborators/${id}` });
        const missing = await send({ method: 'GET', url: `/api/v2/organization_collaborators/${newId()}` });
        expect(foreign.statusCode, label).toBe(404);
        expectSameAnswer(foreign, missing, label);
      }
    }
  });

  it('keeps API keys personal and inside their organization', async () => {
    const bKeys = await b.owner.request({ method: 'GET', url: '/api/v2/api_keys' });
    const bKeyId = bKeys.json().results[0].id as string;

    const foreign = await withKey(a.key)({ method: 'DELETE', url: `/api/v2/api_keys/${bKeyId}` });
    const missing = await withKey(a.key)({ method: 'DELETE', url: `/api/v2/api_keys/${newId()}` });
    expect(foreign.statusCode).toBe(404);
    expectSameAnswer(foreign, missing, 'revoke a key of B with a key of A');

    const aKeys = await withKey(a.key)({ method: 'GET', url: '/api/v2/api_keys' });
    expect(aKeys.json().results.map((key: { id: string }) => key.id)).not.toContain(bKeyId);

    // B's key still works: the attempt changed nothing.
    const me = await withKey(b.key)({ method: 'GET', url: '/api/v2/userinfo' });
    expect(me.statusCode).toBe(200);
    expect(me.json().result.organization).toMatchObject({ id: b.owner.orgId, name: 'Bravo' });
    const aMe = await withKey(a.key)({ method: 'GET', url: '/api/v2/userinfo' });
    expect(aMe.json().result.organization).toMatchObject({ id: a.owner.orgId, name: 'Acme' });
  });

  it('does not let a paging token carry a reader into the other organization', async () => {
    const bPage = await b.owner.request({ method: 'GET', url: '/api/v2/organization_collaborators?count=1' });
    const token = bPage.json().metadata.next_paging_token as string;
    const response = await a.owner.request({
      method: 'GET',
      url: `/api/v2/organization_collaborators?count=100&paging_token=${token}`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_paging_token');
  });

  it('keeps groups inside their organization: lists, ids, members and grants', async () => {
    const groupOf = async (owner: Actor, name: string, member: Actor) => {
      const me = await member.request({ method: 'GET', url: '/api/v2/userinfo' });
      const response = await owner.request({
        method: 'POST',
        url: '/api/v2/groups',
        payload: { name, user_ids: [me.json().result.user_id] },
      });
      expect(response.statusCode).toBe(201);
      return response.json().result.id as string;
    };
    // The same name in both organizations is fine: names are unique per organization.
    const aGroup = await groupOf(a.owner, 'Data Science', a.collaborator);
    const bGroup = await groupOf(b.owner, 'Data Science', b.collaborator);
    const bCloud = await b.owner.request({
      method: 'POST',
      url: '/api/v2/clouds',
      payload: { name: 'Bravo prod', provider: 'aws', region: 'us-east-1' },
    });
    const aCloud = await a.owner.request({
      method: 'POST',
      url: '/api/v2/clouds',
      payload: { name: 'Acme prod', provider: 'aws', region: 'us-east-1' },
    });

    for (const { label, send, self, other } of callers()) {
      const own = self === a ? aGroup : bGroup;
      const foreign = self === a ? bGroup : aGroup;
      const list = await send({ method: 'GET', url: '/api/v2/groups?count=100' });
      expect(
        list.json().results.map((g: { id: string }) => g.id),
        label,
      ).toEqual([own]);
      for (const url of [`/api/v2/groups/${foreign}`, `/api/v2/groups/${foreign}/members`]) {
        const answer = await send({ method: 'GET', url });
        const missing = await send({ method: 'GET', url: url.replace(foreign, newId()) });
        expect(answer.statusCode, `${label} ${url}`).toBe(404);
        expectSameAnswer(answer, missing, `${label} ${url}`);
      }
      // The other organization's members cannot be put into one's own group.
      const otherUser = (await other.collaborator.request({ method: 'GET', url: '/api/v2/userinfo' })).json()
        .result.user_id as string;
      const add = await send({
        method: 'POST',
        url: `/api/v2/groups/${own}/members`,
        payload: { user_ids: [otherUser] },
      });
      expect([400, 403], label).toContain(add.statusCode);
    }

    // A group of B cannot be granted a cloud of A, nor the other way round.
    const cross = await a.owner.request({
      method: 'POST',
      url: `/api/v2/clouds/${aCloud.json().result.id}/group_grants`,
      payload: { group_ids: [bGroup], role: 'write' },
    });
    expect(cross.statusCode).toBe(400);
    const foreignCloud = await a.owner.request({
      method: 'POST',
      url: `/api/v2/clouds/${bCloud.json().result.id}/group_grants`,
      payload: { group_ids: [aGroup], role: 'write' },
    });
    expect(foreignCloud.statusCode).toBe(404);
    const bMembers = await b.owner.request({ method: 'GET', url: `/api/v2/groups/${bGroup}/members` });
    expect(bMembers.json().results.map((m: { email: string }) => m.email)).toEqual([b.collaborator.email]);
  });
});
