import { afterEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed.ts';
import { createTestApp, cookieFrom, type TestContext } from '../../test/test-app.ts';

let t: TestContext | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const csrf = { 'x-requested-with': 'roster' };

describe('development sign-in', () => {
  it.each([
    { env: 'production', host: '127.0.0.1' },
    { env: 'test', host: '127.0.0.1' },
    // Development mode by accident on a reachable address: still no way in without a password.
    { env: 'development', host: '0.0.0.0' },
    { env: 'development', host: '192.168.1.20' },
  ] as const)('does not exist when NODE_ENV=$env and HOST=$host', async ({ env, host }) => {
    t = await createTestApp({ env, host });
    const demo = await seedDemo(t.deps.database, { passwordHash: null, now: t.clock.now });
    const memberId = demo.accounts[0]!.memberId;
    const accounts = await t.app.inject({ method: 'GET', url: '/api/v2/dev/accounts' });
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v2/dev/sign_in_as',
      headers: csrf,
      payload: { member_id: memberId },
    });
    const mailbox = await t.app.inject({ method: 'GET', url: '/api/v2/dev/mailbox' });
    for (const response of [accounts, signIn, mailbox]) {
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('not_found');
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(spec.paths).filter((path) => path.includes('/dev/'))).toEqual([]);
  });

  it('lists owners and collaborators of each demo organization and signs in as one of them', async () => {
    t = await createTestApp({ env: 'development' });
    const demo = await seedDemo(t.deps.database, { passwordHash: null, now: t.clock.now });

    const accounts = await t.app.inject({ method: 'GET', url: '/api/v2/dev/accounts' });
    expect(accounts.statusCode).toBe(200);
    const organizations = accounts.json().result.organizations as {
      name: string;
      accounts: { member_id: string; name: string; permission_level: string }[];
    }[];
    expect(organizations.map((org) => org.name)).toEqual(['Northwind Robotics', 'Tiny Labs']);
    const northwind = organizations[0]!.accounts;
    expect(northwind.filter((a) => a.permission_level === 'owner').map((a) => a.name)).toEqual([
      'Ada Lovelace',
      'Grace Hopper',
      'Kwame Mensah',
    ]);
    expect(northwind.filter((a) => a.permission_level === 'collaborator')).toHaveLength(3);
    const listed = organizations.flatMap((org) => org.accounts.map((account) => account.member_id));
    expect(listed).not.toContain(demo.removedMember.id);

    const collaborator = northwind.find((account) => account.permission_level === 'collaborator')!;
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v2/dev/sign_in_as',
      headers: csrf,
      payload: { member_id: collaborator.member_id },
    });
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json().result).toMatchObject({
      id: collaborator.member_id,
      permission_level: 'collaborator',
    });
    const cookie = cookieFrom(signIn);
    const me = await t.app.inject({ method: 'GET', url: '/api/v2/userinfo', headers: { cookie } });
    expect(me.json().result).toMatchObject({
      name: collaborator.name,
      organization: { name: 'Northwind Robotics' },
    });
  });

  it('refuses removed or unknown members, and cross-site posts', async () => {
    t = await createTestApp({ env: 'development' });
    const demo = await seedDemo(t.deps.database, { passwordHash: null, now: t.clock.now });
    const attempt = (memberId: string, headers: Record<string, string> = csrf) =>
      t!.app.inject({
        method: 'POST',
        url: '/api/v2/dev/sign_in_as',
        headers,
        payload: { member_id: memberId },
      });

    expect((await attempt(demo.removedMember.id)).statusCode).toBe(404);
    expect((await attempt('no-such-member')).statusCode).toBe(404);
    const crossSite = await attempt(demo.accounts[0]!.memberId, {});
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.json().error.code).toBe('csrf_rejected');
  });
});
