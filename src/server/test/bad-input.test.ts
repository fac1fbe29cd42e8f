import type { LightMyRequestResponse, RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { newId } from '../lib/crypto.ts';
import { setupOrganization, type Actor } from './actors.ts';
import { createTestApp, type TestContext } from './test-app.ts';

/**
 * Bad input gets a 4xx with `{ error: { code, message } }` naming the problem:
 * never a 5xx, never a stack trace.
 */
let t: TestContext;
let owner: Actor;
beforeAll(async () => {
  t = await createTestApp();
  owner = await setupOrganization(t.app);
});
afterAll(async () => {
  await t.close();
});

function expectClientError(response: LightMyRequestResponse, status?: number) {
  const label = `${response.statusCode} ${response.body.slice(0, 300)}`;
  if (status) expect(response.statusCode, label).toBe(status);
  expect(response.statusCode, label).toBeGreaterThanOrEqual(400);
  expect(response.statusCode, label).toBeLessThan(500);
  const body = response.json();
  expect(body, label).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  expect(body.error.message, label).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
  return body.error as { code: string; message: string };
}

const send = (options: { method?: 'POST' | 'PATCH' | 'GET'; url: string; body?: string; type?: string }) =>
  owner.request({
    method: options.method ?? 'POST',
    url: options.url,
    payload: options.body,
    headers:
      options.type === undefined ? { 'content-type': 'application/json' } : { 'content-type': options.type },
  });

describe('bad input', () => {
  it('rejects malformed JSON with 400', async () => {
    for (const body of ['{"name": ', '{name: "x"}', "{'name':'x'}", '{"name":"x"}}', '\u0000']) {
      const error = expectClientError(await send({ url: '/api/v2/api_keys', body }), 400);
      expect(error.message.length).toBeGreaterThan(0);
    }
  });

  it('rejects a body of the wrong shape: empty, null, array, string, number', async () => {
    for (const body of ['', 'null', '[]', '"name"', '42', 'true']) {
      expectClientError(await send({ url: '/api/v2/api_keys', body }), 400);
    }
  });

  it('rejects a form post with 415 and a plain-text body with 400', async () => {
    const form = { url: '/api/v2/api_keys', body: 'name=x', type: 'application/x-www-form-urlencoded' };
    expectClientError(await send(form), 415);
    expectClientError(await send({ url: '/api/v2/api_keys', body: 'name', type: 'text/plain' }), 400);
    expectClientError(
      await send({ url: '/api/v2/api_keys', body: '{"name":"x"}', type: 'application/xml' }),
      415,
    );
  });

  it('rejects a huge body with 413 before reading it all', async () => {
    const body = JSON.stringify({ name: 'x'.repeat(300 * 1024) });
    expectClientError(await send({ url: '/api/v2/api_keys', body }), 413);
  });

  it('rejects unknown fields, naming them', async () => {
    const error = expectClientError(
      await send({ url: '/api/v2/api_keys', body: JSON.stringify({ name: 'ci', scope: 'admin' }) }),
      400,
    );
    expect(error.code).toBe('validation_failed');
    expect(error.message).toMatch(/scope/);
    const patch = expectClientError(
      await send({
        method: 'PATCH',
        url: `/api/v2/organization_collaborators/${owner.memberId}`,
        body: JSON.stringify({ permission_level: 'owner', email: 'x@y.test' }),
      }),
      400,
    );
    expect(patch.message).toMatch(/email/);
  });

  it('rejects wrong types and out-of-range values, naming the field', async () => {
    const cases: [string, unknown, RegExp][] = [
      ['/api/v2/api_keys', { name: 123 }, /name/],
      ['/api/v2/api_keys', { name: '' }, /name/i],
      ['/api/v2/api_keys', { name: 'x'.repeat(5000) }, /name/],
      ['/api/v2/sessions', { email: ['a@b.test'], password: 'x' }, /email/],
      [
        '/api/v2/setup',
        { organization_name: {}, name: 'x', email: 'x@y.test', password: 'long enough pw' },
        /organization_name/,
      ],
      ['/api/v2/organization_collaborators/batch_delete', { ids: 'everyone' }, /ids/],
      ['/api/v2/organization_collaborators/batch_delete', { ids: [] }, /ids|at least one/i],
      ['/api/v2/clouds', { name: 'c', provider: 'oracle', region: 'x' }, /provider/],
    ];
    for (const [url, body, field] of cases) {
      const response = await send({ url, body: JSON.stringify(body) });
      const error = expectClientError(response);
      expect([400, 404], `${url} ${response.body}`).toContain(response.statusCode);
      if (response.statusCode === 400) expect(error.message, url).toMatch(field);
    }
  });

  it('rejects bad query strings and paths', async () => {
    for (const url of [
      '/api/v2/organization_collaborators?count=abc',
      '/api/v2/organization_collaborators?count=1e9',
      '/api/v2/organization_collaborators?sort=password_hash',
      '/api/v2/organization_collaborators?permission_level=owner&permission_level=collaborator',
      `/api/v2/organization_collaborators?q=${'x'.repeat(1000)}`,
      `/api/v2/organization_collaborators?paging_token=${'A'.repeat(600)}`,
      `/api/v2/organization_collaborators/${'9'.repeat(100)}`,
      '/api/v2/organization_collaborators/%E0%A4%A',
    ]) {
      expectClientError(await owner.request({ method: 'GET', url }));
    }
  });

  it('shrugs off prototype pollution attempts', async () => {
    const response = await send({
      url: '/api/v2/api_keys',
      body: '{"name":"ci","__proto__":{"admin":true}}',
    });
    expectClientError(response, 400);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('never answers 5xx to junk sent to any route', async () => {
    const routes: { method: string; url: string }[] = [];
    const probe = await buildApp(t.deps, {
      onRoute: (route: RouteOptions) => {
        for (const method of [route.method].flat()) {
          if (route.url.startsWith('/api/v2/') && method !== 'HEAD') routes.push({ method, url: route.url });
        }
      },
    });
    await probe.close();
    expect(routes.length).toBeGreaterThan(10);
    const junk = [
      '{"',
      '[1,2,3]',
      JSON.stringify({ unexpected: { deeply: [null, 1, 'x'] } }),
      JSON.stringify('x'.repeat(10_000)),
    ];
    for (const route of routes) {
      const url = route.url.replace(/:[a-z_]+/g, () => newId());
      for (const body of route.method === 'GET' || route.method === 'DELETE' ? [undefined] : junk) {
        const response = await owner.request({
          method: route.method as 'GET',
          url: `${url}${route.method === 'GET' ? '?count=-5&paging_token=%00' : ''}`,
          payload: body,
          headers: body === undefined ? {} : { 'content-type': 'application/json' },
        });
        expect(response.statusCode, `${route.method} ${url} ${response.body.slice(0, 200)}`).toBeLessThan(
          500,
        );
        if (response.statusCode >= 400) expectClientError(response);
      }
    }
  });
});
