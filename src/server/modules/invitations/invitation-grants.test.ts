/**
 * Invitations may carry cloud grants with roles and manual groups; acceptance
 * applies them in its own transaction. Plain `cloud_ids` keep meaning `write`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cookieFrom, createTestApp, type TestContext } from '../../test/test-app.ts';
import { setupOrganization, testPassword, type Actor } from '../../test/actors.ts';

let t: TestContext;
let olive: Actor;
beforeEach(async () => {
  t = await createTestApp();
  olive = await setupOrganization(t.app);
});
afterEach(async () => {
  await t.close();
});

async function cloud(name: string): Promise<string> {
  const response = await olive.request({
    method: 'POST',
    url: '/api/v2/clouds',
    payload: { name, provider: 'aws', region: 'us-east-1' },
  });
  expect(response.statusCode).toBe(201);
  return response.json().result.id as string;
}

async function group(name: string): Promise<string> {
  const response = await olive.request({ method: 'POST', url: '/api/v2/groups', payload: { name } });
  expect(response.statusCode).toBe(201);
  return response.json().result.id as string;
}

async function invite(payload: Record<string, unknown>) {
  return olive.request({ method: 'POST', url: '/api/v2/organization_invitations', payload });
}

async function acceptAs(link: string, name: string) {
  const token = new URL(link).searchParams.get('token')!;
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v2/invitation_acceptances',
    headers: { 'x-requested-with': 'roster' },
    payload: { token, name, password: testPassword },
  });
  expect(response.statusCode, response.body).toBe(201);
  return cookieFrom(response);
}

describe('invitations with cloud roles and groups', () => {
  it('grant each cloud with its role and join the groups on acceptance', async () => {
    const prod = await cloud('Production');
    const staging = await cloud('Staging');
    const science = await group('Data Science');
    const created = await invite({
      emails: ['nia@acme.test'],
      cloud_ids: [staging],
      cloud_grants: [{ cloud_id: prod, role: 'readonly' }],
      group_ids: [science],
    });
    expect(created.statusCode, created.body).toBe(200);
    const result = created.json().results[0];
    const listed = await olive.request({
      method: 'GET',
      url: `/api/v2/organization_invitations/${result.invitation_id}`,
    });
    expect(listed.json().result).toMatchObject({
      cloud_ids: [staging, prod],
      cloud_grants: [
        { cloud_id: staging, role: 'write' },
        { cloud_id: prod, role: 'readonly' },
      ],
      group_ids: [science],
    });

    const cookie = await acceptAs(result.invite_link, 'Nia Newcomer');
    const clouds = await t.app.inject({ method: 'GET', url: '/api/v2/clouds', headers: { cookie } });
    expect(
      clouds.json().results.map((c: { name: string; your_role: string }) => [c.name, c.your_role]),
    ).toEqual([
      ['Production', 'readonly'],
      ['Staging', 'write'],
    ]);
    const members = await olive.request({ method: 'GET', url: `/api/v2/groups/${science}/members` });
    expect(members.json().results.map((m: { email: string }) => m.email)).toEqual(['nia@acme.test']);
    const accepted = await olive.request({
      method: 'GET',
      url: '/api/v2/audit_events?action=invitation.accepted',
    });
    expect(accepted.json().results[0].after).toMatchObject({
      cloud_roles: { [prod]: 'readonly', [staging]: 'write' },
      group_ids: [science],
    });
  });

  it('refuses groups of another kind or organization, and skips ones deleted before acceptance', async () => {
    const unknown = await invite({ emails: ['a@acme.test'], group_ids: ['no-such-group'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('invalid_groups');

    const doomed = await group('Temporary');
    const created = await invite({ emails: ['ola@acme.test'], group_ids: [doomed] });
    expect(created.statusCode).toBe(200);
    expect((await olive.request({ method: 'DELETE', url: `/api/v2/groups/${doomed}` })).statusCode).toBe(200);
    const cookie = await acceptAs(created.json().results[0].invite_link, 'Ola Later');
    const mine = await t.app.inject({ method: 'GET', url: '/api/v2/userinfo', headers: { cookie } });
    expect(mine.statusCode).toBe(200);
    const groups = await olive.request({ method: 'GET', url: '/api/v2/groups' });
    expect(groups.json().results).toEqual([]);
  });
});
