import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { createMember, setupOrganization, signIn, testPassword } from '../../test/actors.ts';

let t: TestContext;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const csrf = { 'x-requested-with': 'roster' };

describe('setup', () => {
  it('is open on an empty database, creates the first owner, and is gone afterwards', async () => {
    const status = await t.app.inject({ method: 'GET', url: '/api/v2/setup' });
    expect(status.json().result).toEqual({ setup_required: true });

    const owner = await setupOrganization(t.app);
    const me = await owner.request({ method: 'GET', url: '/api/v2/userinfo' });
    expect(me.json().result).toMatchObject({ email: 'olive@acme.test', permission_level: 'owner' });

    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v2/setup',
      headers: csrf,
      payload: { organization_name: 'Evil', name: 'E', email: 'e@evil.test', password: testPassword },
    });
    expect(again.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v2/setup' })).json().result).toEqual({
      setup_required: false,
    });
  });

  it('rejects bad input with a 400 naming the field, and unknown fields', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v2/setup',
      headers: csrf,
      payload: { organization_name: 'Acme', name: 'Olive', email: 'not-an-email', password: 'short' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    expect(bad.json().error.message).toMatch(/email/);
    expect(bad.json().error.message).toMatch(/password/);

    const extra = await t.app.inject({
      method: 'POST',
      url: '/api/v2/setup',
      headers: csrf,
      payload: {
        organization_name: 'Acme',
        name: 'O',
        email: 'o@a.test',
        password: testPassword,
        role: 'god',
      },
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.message).toMatch(/role/);
  });
});

describe('sessions', () => {
  it('signs in, answers userinfo, and signs out so the cookie is dead', async () => {
    const owner = await setupOrganization(t.app);
    const cookie = await signIn(t.app, owner.email);
    const me = await t.app.inject({ method: 'GET', url: '/api/v2/userinfo', headers: { cookie } });
    expect(me.statusCode).toBe(200);

    const out = await t.app.inject({
      method: 'DELETE',
      url: '/api/v2/sessions/current',
      headers: { cookie, ...csrf },
    });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v2/userinfo', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('unauthenticated');
  });

  it('answers the same generic 401 for a wrong password and an unknown email', async () => {
    const owner = await setupOrganization(t.app);
    const attempt = (email: string, password: string) =>
      t.app.inject({ method: 'POST', url: '/api/v2/sessions', headers: csrf, payload: { email, password } });
    const wrongPassword = await attempt(owner.email, 'wrong password!!');
    const unknownEmail = await attempt('nobody@acme.test', testPassword);
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownEmail.statusCode).toBe(401);
    expect(wrongPassword.json()).toEqual(unknownEmail.json());
    expect(wrongPassword.json().error.code).toBe('invalid_credentials');
  });

  it('accepts the email in any case', async () => {
    const owner = await setupOrganization(t.app);
    expect(await signIn(t.app, owner.email.toUpperCase())).toMatch(/roster_session=/);
  });

  it('rate limits repeated failures with a 429 and a clear message', async () => {
    const owner = await setupOrganization(t.app);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v2/sessions',
        headers: csrf,
        payload: { email: owner.email, password: 'wrong password!!' },
      });
      statuses.push(response.statusCode);
      if (response.statusCode === 429)
        expect(response.json().error.message).toMatch(/Too many sign-in attempts/);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    // Even the right password waits out the window.
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/v2/sessions',
      headers: csrf,
      payload: { email: owner.email, password: testPassword },
    });
    expect(right.statusCode).toBe(429);
    t.clock.advance(16 * 60_000);
    expect(await signIn(t.app, owner.email)).toMatch(/roster_session=/);
  });

  it('counts only failed sign-ins against the network address', async () => {
    const owner = await setupOrganization(t.app);
    // A whole office behind one address signs in in the morning: none of that counts.
    for (let i = 0; i < 12; i++) {
      await createMember(t.deps, owner.orgId, { name: `Colleague ${i}`, email: `colleague${i}@acme.test` });
      expect(await signIn(t.app, `colleague${i}@acme.test`)).toMatch(/roster_session=/);
    }
    // Guessing from that address, across many emails, is still cut off after 10 failures.
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v2/sessions',
        headers: csrf,
        payload: { email: `guess${i}@acme.test`, password: 'wrong password!!' },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
  });

  it('expires a session after the idle timeout and after the absolute timeout', async () => {
    const owner = await setupOrganization(t.app);
    const hour = 3_600_000;
    // Idle: 24 h without a request.
    t.clock.advance(23 * hour);
    expect((await owner.request({ method: 'GET', url: '/api/v2/userinfo' })).statusCode).toBe(200);
    t.clock.advance(25 * hour);
    expect((await owner.request({ method: 'GET', url: '/api/v2/userinfo' })).statusCode).toBe(401);

    // Absolute: 14 days even when used every few hours.
    const cookie = await signIn(t.app, owner.email);
    for (let elapsed = 0; elapsed < 14 * 24; elapsed += 12) {
      t.clock.advance(12 * hour);
      const response = await t.app.inject({ method: 'GET', url: '/api/v2/userinfo', headers: { cookie } });
      expect(response.statusCode).toBe(elapsed + 12 < 14 * 24 ? 200 : 401);
    }
  });
});

describe('csrf', () => {
  it('refuses a cookie-authenticated write without the header or from another origin', async () => {
    const owner = await setupOrganization(t.app);
    const noHeader = await t.app.inject({
      method: 'POST',
      url: '/api/v2/api_keys',
      headers: { cookie: owner.cookie },
      payload: { name: 'ci' },
    });
    expect(noHeader.statusCode).toBe(403);
    expect(noHeader.json().error.code).toBe('csrf_rejected');

    const foreign = await owner.request({
      method: 'POST',
      url: '/api/v2/api_keys',
      headers: { origin: 'https://evil.example' },
      payload: { name: 'ci' },
    });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe('csrf_rejected');

    const own = await owner.request({
      method: 'POST',
      url: '/api/v2/api_keys',
      headers: { origin: new URL(t.deps.config.publicUrl).origin },
      payload: { name: 'ci' },
    });
    expect(own.statusCode).toBe(201);
  });

  it('does not need the header for API keys (no cookie involved)', async () => {
    const owner = await setupOrganization(t.app);
    const key = (
      await owner.request({ method: 'POST', url: '/api/v2/api_keys', payload: { name: 'ci' } })
    ).json().result;
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/v2/api_keys/${key.id}`,
      headers: { authorization: `Bearer ${key.token}` },
    });
    expect(revoked.statusCode).toBe(204);
  });

  it('protects sign-in itself against cross-site posts', async () => {
    const owner = await setupOrganization(t.app);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v2/sessions',
      payload: { email: owner.email, password: testPassword },
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('api keys', () => {
  it('shows the token once, stores only a hash, carries the current role, and dies on revoke', async () => {
    const owner = await setupOrganization(t.app);
    const created = await owner.request({
      method: 'POST',
      url: '/api/v2/api_keys',
      payload: { name: 'deploy' },
    });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json().result;
    expect(token).toMatch(/^arst_[A-Za-z0-9_-]{43}$/);

    const stored = await t.deps.database.db.selectFrom('api_keys').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(token);

    const list = await owner.request({ method: 'GET', url: '/api/v2/api_keys' });
    expect(list.json().results).toEqual([expect.objectContaining({ id, name: 'deploy' })]);
    expect(JSON.stringify(list.json())).not.toContain(token);

    const bearer = { authorization: `Bearer ${token}` };
    const me = await t.app.inject({ method: 'GET', url: '/api/v2/userinfo', headers: bearer });
    expect(me.json().result).toMatchObject({ permission_level: 'owner', auth_method: 'api_key' });

    expect((await owner.request({ method: 'DELETE', url: `/api/v2/api_keys/${id}` })).statusCode).toBe(204);
    const dead = await t.app.inject({ method: 'GET', url: '/api/v2/userinfo', headers: bearer });
    expect(dead.statusCode).toBe(401);
  });

  it('cannot revoke another member’s key', async () => {
    const owner = await setupOrganization(t.app);
    await createMember(t.deps, owner.orgId, { name: 'Cole', email: 'cole@acme.test' });
    const cole = await signIn(t.app, 'cole@acme.test');
    const key = (
      await owner.request({ method: 'POST', url: '/api/v2/api_keys', payload: { name: 'mine' } })
    ).json().result;
    const response = await t.app.inject({
      method: 'DELETE',
      url: `/api/v2/api_keys/${key.id}`,
      headers: { cookie: cole, 'x-requested-with': 'roster' },
    });
    expect(response.statusCode).toBe(404);
  });
});
