/**
 * How the platform's SDK signs in (anyscale/authenticate.py): it checks the
 * key's format, then calls GET /api/v2/userinfo/ with the key in the
 * `cli_token` cookie and reads the `UserinfoResponse` envelope. Also the
 * rules that keep that cookie out of a browser's reach.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../lib/crypto.ts';
import { setupOrganization, type Actor } from '../actors.ts';
import { createTestApp, type TestContext } from '../test-app.ts';
import { cookieNames, providerRequest, sdkRequest } from './platform-clients.ts';
import { sdkAcceptsKey, sdkUserinfoResponse } from './platform-models.ts';

let t: TestContext;
let owner: Actor;
let key: string;

beforeAll(async () => {
  t = await createTestApp({ publicUrl: 'https://roster.acme.test' });
  owner = await setupOrganization(t.app);
  const created = await owner.request({ method: 'POST', url: '/api/v2/api_keys', payload: { name: 'sdk' } });
  expect(cookieNames(created)).not.toContain('cli_token');
  key = created.json().result.token;
});
afterAll(async () => {
  await t.close();
});

describe('the SDK bootstrap', () => {
  it('a new API key passes the SDK format check', () => {
    expect(sdkAcceptsKey(key)).toBe(true);
    // The check itself, so a loosened copy of it cannot pass anything.
    expect(sdkAcceptsKey('rst_abc')).toBe(false);
    expect(sdkAcceptsKey('abc')).toBe(false);
  });

  it.each(['/api/v2/userinfo/', '/api/v2/userinfo'])(
    'GET %s with Cookie: cli_token answers UserinfoResponse',
    async (path) => {
      const response = await sdkRequest(t.app, key, 'GET', path);
      expect(response.statusCode).toBe(200);
      const body = sdkUserinfoResponse.parse(response.json());
      expect(body.result).toMatchObject({
        email: 'olive@acme.test',
        name: 'Olive Owner',
        organization_permission_level: 'owner',
        organization_ids: [owner.orgId],
        organizations: [expect.objectContaining({ id: owner.orgId, name: 'Acme' })],
        // Roster's own fields ride along in the same answer the console reads.
        permission_level: 'owner',
        organization: { id: owner.orgId, name: 'Acme', sso_enabled: false },
        auth_method: 'api_key',
      });
      expect(cookieNames(response)).toEqual([]);
    },
  );

  it('the console reads the same answer from its session', async () => {
    const response = await owner.request({ method: 'GET', url: '/api/v2/userinfo' });
    const body = sdkUserinfoResponse.parse(response.json());
    expect(body.result).toMatchObject({ id: owner.memberId, auth_method: 'session' });
  });

  it('an unknown or revoked key in the cookie is a 401 (the SDK says "invalid or have expired")', async () => {
    const unknown = await sdkRequest(t.app, 'arst_not-a-key', 'GET', '/api/v2/userinfo/');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error).toMatchObject({ code: 'unauthenticated', detail: expect.any(String) });

    const created = await owner.request({
      method: 'POST',
      url: '/api/v2/api_keys',
      payload: { name: 'gone' },
    });
    const { id, token } = created.json().result;
    expect((await sdkRequest(t.app, token, 'GET', '/api/v2/userinfo/')).statusCode).toBe(200);
    await owner.request({ method: 'DELETE', url: `/api/v2/api_keys/${id}` });
    expect((await sdkRequest(t.app, token, 'GET', '/api/v2/userinfo/')).statusCode).toBe(401);
  });

  it('a key minted before the new prefix (rst_) keeps working, by Bearer and by cookie', async () => {
    const old = 'rst_minted-before-the-platform-prefix';
    await t.deps.database.db
      .insertInto('api_keys')
      .values({
        id: 'old-key',
        member_id: owner.memberId,
        name: 'old',
        prefix: old.slice(0, 10),
        token_hash: sha256(old),
        created_at: t.clock.now.toISOString(),
        expires_at: null,
      })
      .execute();
    expect((await providerRequest(t.app, old, 'GET', '/api/v2/userinfo')).statusCode).toBe(200);
    expect((await sdkRequest(t.app, old, 'GET', '/api/v2/userinfo/')).statusCode).toBe(200);
  });

  it('writes by cookie need no CSRF header', async () => {
    const response = await sdkRequest(t.app, key, 'POST', '/api/v2/organization_invitations', {
      body: { emails: ['new@acme.test'] },
    });
    expect(response.statusCode).toBe(200);
  });
});

describe('a browser can never be made to use the cli_token cookie', () => {
  it.each(['cross-site', 'same-site'])(
    'Sec-Fetch-Site: %s → 403 csrf_rejected, reads and writes',
    async (site) => {
      for (const method of ['GET', 'POST'] as const) {
        const response = await sdkRequest(
          t.app,
          key,
          method,
          method === 'GET' ? '/api/v2/userinfo/' : '/api/v2/organization_invitations',
          {
            headers: { 'sec-fetch-site': site },
            ...(method === 'POST' ? { body: { emails: ['x@acme.test'] } } : {}),
          },
        );
        expect(response.statusCode).toBe(403);
        expect(response.json().error.code).toBe('csrf_rejected');
      }
    },
  );

  it('an Origin other than the console → 403 csrf_rejected', async () => {
    for (const origin of ['https://evil.test', 'null', 'https://roster.acme.test.evil.test']) {
      const response = await sdkRequest(t.app, key, 'GET', '/api/v2/userinfo/', { headers: { origin } });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('csrf_rejected');
    }
  });

  it("the console's own requests never authenticate by it (a cookie tossed by a sibling subdomain signs no one in)", async () => {
    const sameOrigin = await sdkRequest(t.app, key, 'GET', '/api/v2/userinfo/', {
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(sameOrigin.statusCode).toBe(401);
    const fromConsole = await sdkRequest(t.app, key, 'GET', '/api/v2/userinfo/', {
      headers: { origin: 'https://roster.acme.test' },
    });
    expect(fromConsole.statusCode).toBe(401);
    // Beside a session, the session is who you are.
    const both = await t.app.inject({
      method: 'GET',
      url: '/api/v2/userinfo',
      headers: { cookie: `${owner.cookie}; cli_token=arst_tossed`, 'sec-fetch-site': 'same-origin' },
    });
    expect(both.statusCode).toBe(200);
    expect(both.json().result.auth_method).toBe('session');
  });

  it('Roster never sets a cli_token cookie', async () => {
    const answers = [
      await t.app.inject({
        method: 'POST',
        url: '/api/v2/sessions',
        headers: { 'x-requested-with': 'roster' },
        payload: { email: 'olive@acme.test', password: 'correct horse battery' },
      }),
      await owner.request({ method: 'POST', url: '/api/v2/api_keys', payload: { name: 'again' } }),
      await sdkRequest(t.app, key, 'GET', '/api/v2/userinfo/'),
      await sdkRequest(t.app, 'arst_bad', 'GET', '/api/v2/userinfo/'),
      await owner.request({ method: 'DELETE', url: '/api/v2/sessions/current' }),
    ];
    for (const answer of answers) expect(cookieNames(answer)).not.toContain('cli_token');
  });
});
