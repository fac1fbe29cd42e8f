import { afterEach, describe, expect, it } from 'vitest';
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
});
