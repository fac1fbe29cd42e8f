import type { LightMyRequestResponse, RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { newId } from '../lib/crypto.ts';
import { actorFor, setupOrganization, testPassword, type Actor } from './actors.ts';
import { cookieFrom, createTestApp, type TestContext } from './test-app.ts';

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
  expect(body, label).toEqual({
    error: { code: expect.any(String), message: expect.any(String), detail: body.error?.message },
  });
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
    const browserLandings = new Set(['GET /api/v2/sso/:org/login', 'POST /api/v2/sso/:org/acs']);
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
        if (response.statusCode < 400) continue;
        // The SSO browser landings (an identity provider sends people there) may refuse with a page;
        // everything else, and anything they answer that is not a page, is the one JSON error body.
        const page = String(response.headers['content-type']).startsWith('text/html');
        if (!(page && browserLandings.has(`${route.method} ${route.url}`))) expectClientError(response);
      }
    }
  });
});

/**
 * NUL reaches no SQL (PostgreSQL refuses it with an encoding error; SQLite
 * would store a look-alike), and names, search terms and emails carry no
 * control characters or bidirectional overrides: 400 naming the field, on
 * both databases, at every position a string can take.
 */
describe('NUL and control characters', () => {
  const nul = '\u0000';
  beforeAll(async () => {
    // The junk sweep above signs the owner out (DELETE /sessions); sign in again.
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v2/sessions',
      headers: { 'x-requested-with': 'roster' },
      payload: { email: owner.email, password: testPassword },
    });
    owner = actorFor(t.app, owner, cookieFrom(signIn));
  });
  const evil = [
    '\u0000',
    '\u0007',
    '\u001b[31m',
    '\t',
    '\n',
    '\u0085',
    '\u009b',
    '\u202e',
    '\u2066',
    '\u2028',
  ];

  it('rejects NUL in every path parameter of every route with 400, never 5xx', async () => {
    const routes: { method: string; url: string }[] = [];
    const probe = await buildApp(t.deps, {
      onRoute: (route: RouteOptions) => {
        for (const method of [route.method].flat()) {
          if (route.url.startsWith('/api/v2/') && method !== 'HEAD' && route.url.includes(':')) {
            routes.push({ method, url: route.url });
          }
        }
      },
    });
    await probe.close();
    expect(routes.length).toBeGreaterThan(8);
    for (const route of routes) {
      const url = route.url.replace(/:[a-z_]+/g, () => `${newId().slice(0, 10)}%00x`);
      const response = await owner.request({
        method: route.method as 'GET',
        url,
        payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
      });
      const error = expectClientError(response, 400);
      expect(error.message, `${route.method} ${url}`).toMatch(/NUL/);
    }
  });

  it('rejects NUL in every query parameter that reaches SQL with 400', async () => {
    const cases: [string, string][] = [
      ['/api/v2/organization_collaborators', 'q'],
      ['/api/v2/organization_collaborators', 'email'],
      ['/api/v2/organization_collaborators', 'paging_token'],
      ['/api/v2/audit_events', 'action'],
      ['/api/v2/audit_events', 'actor'],
      ['/api/v2/audit_events', 'paging_token'],
      ['/api/v2/workloads', 'cloud_id'],
      ['/api/v2/workloads', 'creator'],
      ['/api/v2/clouds', 'paging_token'],
      ['/api/v2/organization_invitations', 'paging_token'],
    ];
    for (const [path, field] of cases) {
      const response = await owner.request({ method: 'GET', url: `${path}?${field}=a%00b` });
      const error = expectClientError(response, 400);
      expect(error.message, `${path} ${field}`).toMatch(new RegExp(field));
    }
  });

  it('answers 400, not 5xx, to a crafted paging token that carries NUL to the database', async () => {
    for (const sort of ['name', 'email', '-created_at']) {
      const token = Buffer.from(JSON.stringify([sort, `a${nul}b`, `c${nul}d`, 'next'])).toString('base64url');
      const response = await owner.request({
        method: 'GET',
        url: `/api/v2/organization_collaborators?sort=${sort}&paging_token=${token}`,
      });
      // The token is refused as a token, or the database's encoding error is the client's fault
      // (SQLite can compare NUL, so an accepted token reads a page there).
      expect([200, 400], response.body.slice(0, 300)).toContain(response.statusCode);
      if (response.statusCode === 400) expectClientError(response, 400);
    }
  });

  it('rejects NUL in every body string with 400 naming the field, anonymous routes included', async () => {
    const anonymous = (url: string, payload: unknown) =>
      t.app.inject({
        method: 'POST',
        url,
        payload: payload as object,
        headers: { 'x-requested-with': 'roster' },
      });
    const cases: [string, Record<string, unknown>, string, boolean][] = [
      ['/api/v2/sessions', { email: 'a@b.test', password: 'correct horse' }, 'email', true],
      [
        '/api/v2/setup',
        { organization_name: 'Org', name: 'Ada', email: 'a@b.test', password: 'correct horse battery' },
        'organization_name',
        true,
      ],
      [
        '/api/v2/setup',
        { organization_name: 'Org', name: 'Ada', email: 'a@b.test', password: 'correct horse battery' },
        'email',
        true,
      ],
      ['/api/v2/invitation_acceptances/preview', { token: 'abc' }, 'token', true],
      [
        '/api/v2/invitation_acceptances',
        { token: 'abc', name: 'Ada', password: 'correct horse battery' },
        'token',
        true,
      ],
      [
        '/api/v2/invitation_acceptances',
        { token: 'abc', name: 'Ada', password: 'correct horse battery' },
        'name',
        true,
      ],
      ['/api/v2/api_keys', { name: 'ci' }, 'name', false],
      ['/api/v2/clouds', { name: 'c', provider: 'aws', region: 'eu-west-1' }, 'name', false],
      ['/api/v2/clouds', { name: 'c', provider: 'aws', region: 'eu-west-1' }, 'region', false],
      ['/api/v2/organization_collaborators/batch_delete', { ids: ['x'] }, 'ids.0', false],
      ['/api/v2/organization_invitations', { emails: 'a@b.test' }, 'emails', false],
      ['/api/v2/organization_invitations', { emails: ['a@b.test'] }, 'emails.0', false],
      ['/api/v2/organization_invitations', { emails: 'a@b.test', cloud_ids: ['x'] }, 'cloud_ids.0', false],
      ['/api/v2/workloads', { cloud_id: 'x', name: 'w' }, 'cloud_id', false],
      ['/api/v2/workloads', { cloud_id: 'x', name: 'w' }, 'name', false],
    ];
    for (const [url, valid, field, isAnonymous] of cases) {
      const body = structuredClone(valid);
      const [key, index] = field.split('.') as [string, string | undefined];
      if (index === undefined) body[key] = `${String(body[key])}${nul}x`;
      else (body[key] as string[])[Number(index)] = `x${nul}y`;
      const response = isAnonymous
        ? await anonymous(url, body)
        : await send({ url, body: JSON.stringify(body) });
      const error = expectClientError(response, 400);
      expect(error.message, `${url} ${field}`).toContain(field);
    }
  });

  it('rejects control characters and bidi overrides in every name, search term and email, naming the field', async () => {
    const cloud = await send({
      url: '/api/v2/clouds',
      body: JSON.stringify({ name: 'Control', provider: 'aws', region: 'eu-west-1' }),
    });
    expect(cloud.statusCode, cloud.body).toBe(201);
    const cloudId = cloud.json().result.id as string;
    const bodyCases: [string, 'POST' | 'PATCH', (value: string) => unknown, string][] = [
      ['/api/v2/api_keys', 'POST', (v) => ({ name: v }), 'name'],
      ['/api/v2/clouds', 'POST', (v) => ({ name: v, provider: 'aws', region: 'eu' }), 'name'],
      [`/api/v2/clouds/${cloudId}`, 'PATCH', (v) => ({ name: v }), 'name'],
      ['/api/v2/workloads', 'POST', (v) => ({ cloud_id: cloudId, name: v }), 'name'],
      ['/api/v2/sessions', 'POST', (v) => ({ email: v, password: 'correct horse' }), 'email'],
      [
        '/api/v2/setup',
        'POST',
        (v) => ({ organization_name: v, name: 'A', email: 'a@b.test', password: 'correct horse battery' }),
        'organization_name',
      ],
      [
        '/api/v2/setup',
        'POST',
        (v) => ({ organization_name: 'O', name: v, email: 'a@b.test', password: 'correct horse battery' }),
        'name',
      ],
      [
        '/api/v2/invitation_acceptances',
        'POST',
        (v) => ({ token: 'abc', name: v, password: 'correct horse battery' }),
        'name',
      ],
      ['/api/v2/organization_invitations', 'POST', (v) => ({ emails: [v] }), 'emails'],
    ];
    for (const character of evil) {
      const value = `x${character}y@acme.test`;
      for (const [url, method, body, field] of bodyCases) {
        const response = await send({ method, url, body: JSON.stringify(body(value)) });
        const error = expectClientError(response, 400);
        expect(error.message, `${method} ${url} ${JSON.stringify(character)}`).toContain(field);
      }
      for (const [path, field] of [
        ['/api/v2/organization_collaborators', 'q'],
        ['/api/v2/organization_collaborators', 'email'],
        [`/api/v2/clouds/${cloudId}/collaborators`, 'q'],
      ] as const) {
        const response = await owner.request({
          method: 'GET',
          url: `${path}?${field}=${encodeURIComponent(value)}`,
        });
        const error = expectClientError(response, 400);
        expect(error.message, `${path} ${JSON.stringify(character)}`).toContain(field);
      }
    }
    // A pasted list of addresses may span lines, but not carry other controls.
    const lines = await send({
      url: '/api/v2/organization_invitations',
      body: JSON.stringify({ emails: 'one@acme.test\r\n\ttwo@acme.test' }),
    });
    expect(lines.statusCode, lines.body).toBe(200);
    const hidden = await send({
      url: '/api/v2/organization_invitations',
      body: JSON.stringify({ emails: 'one@acme.test\u202e, two@acme.test' }),
    });
    expect(expectClientError(hidden, 400).message).toContain('emails');
    // Ordinary letters of any script stay welcome.
    const name = await send({
      url: '/api/v2/api_keys',
      body: JSON.stringify({ name: 'Schlüssel ключ 鍵 مفتاح' }),
    });
    expect(name.statusCode, name.body).toBe(201);
  });
});
