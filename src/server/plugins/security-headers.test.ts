import { afterEach, describe, expect, it } from 'vitest';
import { setupOrganization } from '../test/actors.ts';
import { createTestApp, type TestContext } from '../test/test-app.ts';

let t: TestContext | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const csp = (headers: Record<string, unknown>) => String(headers['content-security-policy']);

describe('security headers', () => {
  it('on a plain-http console, never asks browsers to upgrade requests (it would break every asset)', async () => {
    t = await createTestApp({ publicUrl: 'http://roster.lan:3000' });
    const api = await t.app.inject({ method: 'GET', url: '/api/v2/setup' });
    expect(csp(api.headers)).toContain("script-src 'self'");
    expect(csp(api.headers)).not.toContain('upgrade-insecure-requests');
    expect(api.headers['referrer-policy']).toBe('no-referrer');
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(docs.statusCode).toBe(200);
    expect(csp(docs.headers)).not.toContain('upgrade-insecure-requests');
  });

  it('on an https console, upgrades requests', async () => {
    t = await createTestApp({ publicUrl: 'https://roster.example.com' });
    const api = await t.app.inject({ method: 'GET', url: '/api/v2/setup' });
    expect(csp(api.headers)).toContain('upgrade-insecure-requests');
  });

  it('lets the API docs use inline styles, and only the docs', async () => {
    t = await createTestApp();
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(csp(docs.headers)).toMatch(/style-src [^;]*'unsafe-inline'/);
    const openapi = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(openapi.json().openapi).toMatch(/^3\./);
    expect(csp(openapi.headers)).not.toMatch(/script-src [^;]*'unsafe-inline'/);
  });

  it('tells no cache to keep API answers, errors included', async () => {
    t = await createTestApp();
    const owner = await setupOrganization(t.app);
    const answers = [
      await t.app.inject({ method: 'GET', url: '/api/v2/setup' }),
      await owner.request({ method: 'GET', url: '/api/v2/userinfo' }),
      await owner.request({ method: 'GET', url: '/api/v2/organization_collaborators' }),
      await owner.request({ method: 'POST', url: '/api/v2/api_keys', payload: { name: 'ci' } }),
      await t.app.inject({ method: 'GET', url: '/api/v2/userinfo' }),
      await t.app.inject({ method: 'GET', url: '/api/v2/no-such-thing' }),
      await t.app.inject({ method: 'GET', url: '/api/openapi.json' }),
    ];
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200, 201, 401, 404, 200]);
    for (const answer of answers) expect(answer.headers['cache-control']).toBe('no-store');
  });

  it('sends HSTS only when the console is served over https', async () => {
    t = await createTestApp({ publicUrl: 'http://roster.lan:3000' });
    const plain = await t.app.inject({ method: 'GET', url: '/api/v2/setup' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    await t.close();
    t = await createTestApp({ publicUrl: 'https://roster.example.com' });
    const secure = await t.app.inject({ method: 'GET', url: '/api/v2/setup' });
    expect(secure.headers['strict-transport-security']).toMatch(/^max-age=31536000/);
  });

  it('accepts only PUBLIC_URL’s origin on writes, whatever Host says', async () => {
    t = await createTestApp({ publicUrl: 'https://roster.example.com/console' });
    const owner = await setupOrganization(t.app);
    const write = (origin: string, host?: string) =>
      owner.request({
        method: 'POST',
        url: '/api/v2/api_keys',
        headers: { origin, ...(host ? { host } : {}) },
        payload: { name: 'ci' },
      });
    // An attacker's page on a host that points at Roster sends a matching Host and Origin.
    const forged = await write('http://evil.example', 'evil.example');
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('csrf_rejected');
    const forwarded = await owner.request({
      method: 'POST',
      url: '/api/v2/api_keys',
      headers: { origin: 'http://evil.example', 'x-forwarded-host': 'evil.example' },
      payload: { name: 'ci' },
    });
    expect(forwarded.statusCode).toBe(403);
    expect((await write('http://localhost:80', 'localhost:80')).statusCode).toBe(403);
    // The console's origin (no path) is the one that passes.
    expect((await write('https://roster.example.com')).statusCode).toBe(201);
  });
});
