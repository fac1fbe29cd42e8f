/**
 * SCIM 2.0 as identity providers speak it: the request sequences Okta and
 * Microsoft Entra ID send (from their public SCIM documentation), with the
 * bodies and dialects each uses, against a real app and database.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { memberActor, setupOrganization, type Actor } from '../../test/actors.ts';

let t: TestContext;
let owner: Actor;
let token: string;
let tokenId: string;

beforeEach(async () => {
  t = await createTestApp();
  owner = await setupOrganization(t.app);
  const created = await owner.request({
    method: 'POST',
    url: '/api/v2/scim_tokens',
    payload: { name: 'Okta' },
  });
  expect(created.statusCode).toBe(201);
  ({ id: tokenId, token } = created.json().result as { id: string; token: string });
});
afterEach(async () => {
  await t.close();
});

const patchOp = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const userSchema = 'urn:ietf:params:scim:schemas:core:2.0:User';
const groupSchema = 'urn:ietf:params:scim:schemas:core:2.0:Group';

function scim(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
  bearer = token,
) {
  return t.app.inject({
    method,
    url: `/scim/v2${url}`,
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/scim+json; charset=utf-8' },
    ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}),
  });
}

function expectScimError(response: LightMyRequestResponse, status: number, scimType?: string) {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/scim\+json/);
  const body = response.json();
  expect(body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
  expect(body.status).toBe(String(status));
  if (scimType) expect(body.scimType).toBe(scimType);
}

async function members() {
  const response = await owner.request({
    method: 'GET',
    url: '/api/v2/organization_collaborators?page_size=100',
  });
  expect(response.statusCode).toBe(200);
  return response.json().results as {
    id: string;
    email: string;
    name: string;
    source: string;
    permission_level: string;
  }[];
}

async function auditActions() {
  const response = await owner.request({ method: 'GET', url: '/api/v2/audit_events?page_size=100' });
  expect(response.statusCode).toBe(200);
  return response.json().results as {
    action: string;
    actor: unknown;
    directory: { label: string; token_name: string } | null;
    target: { id: string | null; label: string | null };
  }[];
}

describe('discovery', () => {
  it('answers ServiceProviderConfig, ResourceTypes and Schemas as SCIM JSON', async () => {
    const config = await scim('GET', '/ServiceProviderConfig');
    expect(config.statusCode).toBe(200);
    expect(config.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(config.json()).toMatchObject({
      patch: { supported: true },
      filter: { supported: true },
      bulk: { supported: false },
    });
    const types = (await scim('GET', '/ResourceTypes')).json();
    expect(types.Resources.map((r: { endpoint: string }) => r.endpoint)).toEqual(['/Users', '/Groups']);
    const schemasList = (await scim('GET', '/Schemas')).json();
    expect(schemasList.Resources.map((r: { id: string }) => r.id)).toEqual([userSchema, groupSchema]);
  });
});

describe('Okta', () => {
  it('creates, looks up, updates, deactivates, reactivates and deletes a user, and pushes a group', async () => {
    // Okta first checks whether the user exists.
    const lookup = await scim(
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "ada@acme.test"')}&startIndex=1&count=100`,
    );
    expect(lookup.statusCode).toBe(200);
    expect(lookup.json()).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 0,
      Resources: [],
    });

    const created = await scim('POST', '/Users', {
      schemas: [userSchema],
      userName: 'ada@acme.test',
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      emails: [{ primary: true, value: 'ada@acme.test', type: 'work' }],
      displayName: 'Ada Lovelace',
      locale: 'en-US',
      externalId: '00u1abcd',
      groups: [],
      password: 'ignored-by-roster-1',
      active: true,
    });
    expect(created.statusCode).toBe(201);
    const user = created.json();
    expect(user).toMatchObject({
      userName: 'ada@acme.test',
      active: true,
      externalId: '00u1abcd',
      emails: [{ value: 'ada@acme.test', type: 'work', primary: true }],
      meta: { resourceType: 'User' },
    });
    expect(user.meta.location).toBe(`${t.deps.config.publicUrl.replace(/\/$/, '')}/scim/v2/Users/${user.id}`);
    expect(created.headers.location).toBe(user.meta.location);
    expect(user.meta.created).toBe(t.clock.now.toISOString());
    expect(user).not.toHaveProperty('password');

    // A provisioned member: collaborator, source "scim", no password (cannot sign in with one).
    let ada = (await members()).find((m) => m.email === 'ada@acme.test')!;
    expect(ada).toMatchObject({ name: 'Ada Lovelace', source: 'scim', permission_level: 'collaborator' });
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v2/sessions',
      headers: { 'x-requested-with': 'roster' },
      payload: { email: 'ada@acme.test', password: 'ignored-by-roster-1' },
    });
    expect(signIn.statusCode).toBe(401);
    const reset = await t.app.inject({
      method: 'POST',
      url: '/api/v2/password_resets',
      headers: { 'x-requested-with': 'roster' },
      payload: { email: 'ada@acme.test' },
    });
    expect(reset.statusCode).toBe(202);
    const mail = await t.deps.database.db
      .selectFrom('mail_outbox')
      .select('id')
      .where('to_address', '=', 'ada@acme.test')
      .execute();
    expect(mail).toEqual([]);

    // A second create with the same userName (any case) is a uniqueness conflict.
    expectScimError(
      await scim('POST', '/Users', {
        schemas: [userSchema],
        userName: 'ADA@acme.test',
        emails: [{ value: 'other@acme.test' }],
      }),
      409,
      'uniqueness',
    );

    expect((await scim('GET', `/Users/${user.id}`)).json()).toMatchObject({
      id: user.id,
      userName: 'ada@acme.test',
    });

    // Profile update: Okta sends the whole user with PUT.
    t.clock.advance(60_000);
    const replaced = await scim('PUT', `/Users/${user.id}`, {
      ...user,
      name: { givenName: 'Augusta', familyName: 'King' },
      displayName: 'Augusta King',
    });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toMatchObject({
      name: { givenName: 'Augusta', familyName: 'King' },
      active: true,
    });
    expect(replaced.json().meta.lastModified).toBe(t.clock.now.toISOString());
    expect((await members()).find((m) => m.email === 'ada@acme.test')!.name).toBe('Augusta King');

    // Deactivation, Okta's form.
    const deactivated = await scim('PATCH', `/Users/${user.id}`, {
      schemas: [patchOp],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    expect(deactivated.statusCode).toBe(200);
    expect(deactivated.json().active).toBe(false);
    expect((await members()).some((m) => m.email === 'ada@acme.test')).toBe(false);
    const removal = (await auditActions()).find(
      (e) => e.action === 'member.removed' && e.target.id === ada.id,
    )!;
    expect(removal.actor).toBeNull();
    expect(removal.directory).toMatchObject({ label: 'directory (SCIM)', token_name: 'Okta' });

    // Reactivation: a fresh membership.
    const reactivated = await scim('PATCH', `/Users/${user.id}`, {
      schemas: [patchOp],
      Operations: [{ op: 'replace', value: { active: true } }],
    });
    expect(reactivated.json().active, reactivated.body).toBe(true);
    const again = (await members()).find((m) => m.email === 'ada@acme.test')!;
    expect(again.id).not.toBe(ada.id);
    ada = again;

    // Group push.
    const group = await scim('POST', '/Groups', {
      schemas: [groupSchema],
      displayName: 'Data Science',
      members: [],
    });
    expect(group.statusCode).toBe(201);
    const groupId = group.json().id as string;
    expect(group.json().meta).toMatchObject({ resourceType: 'Group' });
    const added = await scim('PATCH', `/Groups/${groupId}`, {
      schemas: [patchOp],
      Operations: [{ op: 'add', path: 'members', value: [{ value: user.id, display: 'ada@acme.test' }] }],
    });
    expect(added.statusCode).toBe(200);
    expect(added.json().members.map((m: { value: string }) => m.value)).toEqual([user.id]);
    const renamed = await scim('PATCH', `/Groups/${groupId}`, {
      schemas: [patchOp],
      Operations: [{ op: 'replace', value: { id: groupId, displayName: 'Data Science EU' } }],
    });
    expect(renamed.json()).toMatchObject({ displayName: 'Data Science EU' });
    expect((await scim('GET', `/Users/${user.id}`)).json().groups).toMatchObject([
      { value: groupId, display: 'Data Science EU' },
    ]);
    const profileGroups = await owner.request({
      method: 'GET',
      url: `/api/v2/organization_collaborators/${ada.id}/directory_groups`,
    });
    expect(profileGroups.json().results).toEqual([{ id: groupId, display_name: 'Data Science EU' }]);
    const removed = await scim('PATCH', `/Groups/${groupId}`, {
      schemas: [patchOp],
      Operations: [{ op: 'remove', path: `members[value eq "${user.id}"]` }],
    });
    expect(removed.json().members).toEqual([]);
    expect((await scim('DELETE', `/Groups/${groupId}`)).statusCode).toBe(204);
    expectScimError(await scim('GET', `/Groups/${groupId}`), 404);

    // Delete: the same removal, then the resource is gone.
    expect((await scim('DELETE', `/Users/${user.id}`)).statusCode).toBe(204);
    expectScimError(await scim('GET', `/Users/${user.id}`), 404);
    expect((await members()).some((m) => m.email === 'ada@acme.test')).toBe(false);
  });
});

describe('Microsoft Entra ID', () => {
  it('creates, looks up, updates, deactivates, reactivates and deletes a user, and pushes a group', async () => {
    const probe = await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "grace@acme.test"')}`);
    expect(probe.json().totalResults).toBe(0);
    const created = await scim('POST', '/Users', {
      schemas: [userSchema, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
      externalId: 'grace',
      userName: 'grace@acme.test',
      active: true,
      displayName: 'Grace Hopper',
      emails: [{ primary: true, type: 'work', value: 'grace@acme.test' }],
      meta: { resourceType: 'User' },
      name: { formatted: 'Grace Hopper', familyName: 'Hopper', givenName: 'Grace' },
      roles: [],
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;

    for (const filter of [
      'externalId eq "grace"',
      'emails[type eq "work"].value eq "grace@acme.test"',
      'userName eq "nobody@acme.test" or externalId eq "grace"',
      'userName eq "GRACE@acme.test" and active eq true',
    ]) {
      const found = await scim('GET', `/Users?filter=${encodeURIComponent(filter)}`);
      expect(found.statusCode, filter).toBe(200);
      expect(
        found.json().Resources.map((r: { id: string }) => r.id),
        filter,
      ).toEqual([id]);
    }
    expectScimError(
      await scim('GET', `/Users?filter=${encodeURIComponent('title eq "x"')}`),
      400,
      'invalidFilter',
    );

    // Entra ID: "Replace"/"Add" with paths, booleans as strings.
    const updated = await scim('PATCH', `/Users/${id}`, {
      schemas: [patchOp],
      Operations: [
        { op: 'Replace', path: 'displayName', value: 'Rear Admiral Hopper' },
        { op: 'Add', path: 'name.givenName', value: 'Grace B.' },
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'grace.hopper@acme.test' },
      ],
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({
      displayName: 'Rear Admiral Hopper',
      name: { givenName: 'Grace B.' },
    });
    const grace = (await members()).find((m) => m.email === 'grace.hopper@acme.test')!;
    expect(grace.name).toBe('Rear Admiral Hopper');

    const off = await scim('PATCH', `/Users/${id}`, {
      schemas: [patchOp],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    expect(off.json().active).toBe(false);
    expect((await members()).some((m) => m.id === grace.id)).toBe(false);
    const on = await scim('PATCH', `/Users/${id}`, {
      schemas: [patchOp],
      Operations: [{ op: 'Replace', path: 'active', value: 'True' }],
    });
    expect(on.json().active).toBe(true);
    expect((await members()).find((m) => m.email === 'grace.hopper@acme.test')!.id).not.toBe(grace.id);

    // Group push, Entra ID's way.
    const group = await scim('POST', '/Groups', {
      schemas: [groupSchema],
      externalId: 'aad-group-1',
      displayName: 'Platform',
      members: [],
    });
    const groupId = group.json().id as string;
    const byName = await scim(
      'GET',
      `/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "Platform"')}`,
    );
    expect(byName.json().Resources.map((g: { id: string }) => g.id)).toEqual([groupId]);
    await scim('PATCH', `/Groups/${groupId}`, {
      schemas: [patchOp],
      Operations: [{ op: 'Add', path: 'members', value: [{ value: id }] }],
    });
    expect(
      (await scim('GET', `/Groups/${groupId}`)).json().members.map((m: { value: string }) => m.value),
    ).toEqual([id]);
    await scim('PATCH', `/Groups/${groupId}`, {
      schemas: [patchOp],
      Operations: [{ op: 'Remove', path: 'members', value: [{ value: id }] }],
    });
    expect((await scim('GET', `/Groups/${groupId}`)).json().members).toEqual([]);
    expect((await scim('DELETE', `/Groups/${groupId}`)).statusCode).toBe(204);

    expect((await scim('DELETE', `/Users/${id}`)).statusCode).toBe(204);
    expectScimError(await scim('GET', `/Users/${id}`), 404);
  });

  it('pages with startIndex and count', async () => {
    for (const n of [1, 2, 3]) {
      await scim('POST', '/Users', {
        schemas: [userSchema],
        userName: `p${n}@acme.test`,
        emails: [{ value: `p${n}@acme.test`, type: 'work' }],
      });
      t.clock.advance(1000);
    }
    const page = (await scim('GET', '/Users?startIndex=2&count=1')).json();
    expect(page).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 1 });
    expect(page.Resources[0].userName).toBe('p2@acme.test');
  });
});

describe('deprovisioning', () => {
  it("ends the person's browser session on its next request, with their keys and grants", async () => {
    const person = await memberActor(t.app, owner.orgId, { name: 'Sam', email: 'sam@acme.test' });
    expect((await person.request({ method: 'GET', url: '/api/v2/userinfo' })).statusCode).toBe(200);
    // The directory takes over the existing member (same address) instead of duplicating them.
    const linked = await scim('POST', '/Users', {
      schemas: [userSchema],
      userName: 'sam@acme.test',
      emails: [{ value: 'sam@acme.test', type: 'work' }],
    });
    expect(linked.statusCode).toBe(201);
    const preview = await owner.request({
      method: 'GET',
      url: `/api/v2/organization_collaborators/${person.memberId}/offboarding_preview`,
    });
    expect(preview.json().result.scim_on).toBe(true);
    expect((await members()).filter((m) => m.email === 'sam@acme.test')).toHaveLength(1);
    const key = await person.request({
      method: 'POST',
      url: '/api/v2/api_keys',
      payload: { name: 'laptop' },
    });
    const apiKey = key.json().result.token as string;

    await scim('PATCH', `/Users/${linked.json().id}`, {
      schemas: [patchOp],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    expect((await person.request({ method: 'GET', url: '/api/v2/userinfo' })).statusCode).toBe(401);
    const withKey = await t.app.inject({
      method: 'GET',
      url: '/api/v2/userinfo',
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(withKey.statusCode).toBe(401);
  });

  it('never deprovisions the last owner (409, audited), and demotes an owner first when another remains', async () => {
    const linked = await scim('POST', '/Users', {
      schemas: [userSchema],
      userName: owner.email,
      emails: [{ value: owner.email, type: 'work' }],
    });
    const refused = await scim('PATCH', `/Users/${linked.json().id}`, {
      schemas: [patchOp],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    expect(refused.statusCode, refused.body).toBe(409);
    expectScimError(refused, 409);
    expectScimError(await scim('DELETE', `/Users/${linked.json().id}`), 409);
    expect((await owner.request({ method: 'GET', url: '/api/v2/userinfo' })).statusCode).toBe(200);
    expect((await scim('GET', `/Users/${linked.json().id}`)).json().active).toBe(true);
    const refusals = (await auditActions()).filter((e) => e.action === 'member.deprovision_refused');
    expect(refusals).toHaveLength(2);

    const second = await memberActor(t.app, owner.orgId, {
      name: 'Otto',
      email: 'otto@acme.test',
      role: 'owner',
    });
    const ottoUser = await scim('POST', '/Users', {
      schemas: [userSchema],
      userName: 'otto@acme.test',
      emails: [{ value: 'otto@acme.test', type: 'work' }],
    });
    expect((await scim('DELETE', `/Users/${ottoUser.json().id}`)).statusCode).toBe(204);
    const events = (await auditActions()).filter((e) => e.target.id === second.memberId).map((e) => e.action);
    expect(events).toEqual(expect.arrayContaining(['member.role_changed', 'member.removed']));
    expect((await second.request({ method: 'GET', url: '/api/v2/userinfo' })).statusCode).toBe(401);
  });
});

describe('tokens', () => {
  it('accepts only a live SCIM token, which no other route accepts', async () => {
    expectScimError(await scim('GET', '/Users', undefined, 'scim_not-a-token'), 401);
    const noAuth = await t.app.inject({
      method: 'GET',
      url: '/scim/v2/Users',
      headers: { cookie: owner.cookie },
    });
    expectScimError(noAuth, 401);
    const elsewhere = await t.app.inject({
      method: 'GET',
      url: '/api/v2/userinfo',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(elsewhere.statusCode).toBe(401);

    const list = await owner.request({ method: 'GET', url: '/api/v2/scim_tokens' });
    expect(list.json().results.map((r: { id: string }) => r.id)).toEqual([tokenId]);
    expect(list.json().endpoint).toMatch(/\/scim\/v2$/);
    expect(JSON.stringify(list.json())).not.toContain(token);

    expect(
      (await owner.request({ method: 'DELETE', url: `/api/v2/scim_tokens/${tokenId}` })).statusCode,
    ).toBe(204);
    expectScimError(await scim('GET', '/Users'), 401);
    const actions = (await auditActions()).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['scim_token.created', 'scim_token.revoked']));
  });

  it('are minted only by an owner, from a session', async () => {
    const collaborator = await memberActor(t.app, owner.orgId, { name: 'Cy', email: 'cy@acme.test' });
    expect(
      (await collaborator.request({ method: 'POST', url: '/api/v2/scim_tokens', payload: { name: 'x' } }))
        .statusCode,
    ).toBe(403);
    const key = await owner.request({ method: 'POST', url: '/api/v2/api_keys', payload: { name: 'script' } });
    const viaKey = await t.app.inject({
      method: 'POST',
      url: '/api/v2/scim_tokens',
      headers: { authorization: `Bearer ${key.json().result.token}` },
      payload: { name: 'x' },
    });
    expect(viaKey.statusCode).toBe(403);
  });
});
