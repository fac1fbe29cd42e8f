import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { actorFor, createMember, createOrganization, signIn, testPassword } from '../test/actors.ts';
import { createTestApp, type TestContext } from '../test/test-app.ts';

let t: TestContext | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

type Line = Record<string, unknown> & { msg: string };

/** An app whose logger writes into `lines`, as the production server writes to stdout. */
async function loggingApp() {
  const lines: Line[] = [];
  const stream = new PassThrough();
  let pending = '';
  stream.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const complete = pending.split('\n');
    pending = complete.pop()!;
    lines.push(...complete.filter(Boolean).map((line) => JSON.parse(line) as Line));
  });
  t = await createTestApp({}, { logger: true, logStream: stream });
  return { t, lines, requests: () => lines.filter((line) => line.msg === 'request') };
}

describe('the request log', () => {
  it('writes one JSON line per request: id, method, route pattern, status, duration, principal', async () => {
    const { t, lines, requests } = await loggingApp();
    const orgId = await createOrganization(t.deps, 'Acme');
    const memberId = await createMember(t.deps, orgId, {
      name: 'Ann',
      email: 'ann@acme.test',
      role: 'owner',
    });
    const ann = actorFor(
      t.app,
      { memberId, email: 'ann@acme.test', orgId },
      await signIn(t.app, 'ann@acme.test'),
    );
    const before = requests().length;

    const response = await ann.request({
      method: 'GET',
      url: `/api/v2/organization_collaborators/${memberId}`,
      headers: { 'x-request-id': 'lb-7f3a' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-request-id']).toBe('lb-7f3a');
    await new Promise((resolve) => setImmediate(resolve));

    expect(requests()).toHaveLength(before + 1);
    const line = requests().at(-1)!;
    expect(line).toMatchObject({
      level: 30,
      reqId: 'lb-7f3a',
      method: 'GET',
      route: '/api/v2/organization_collaborators/:id',
      status: 200,
      member_id: memberId,
    });
    expect(typeof line.duration_ms).toBe('number');
    expect(line).not.toHaveProperty('path');
    // Fastify's own "incoming request" / "request completed" pair is gone.
    expect(lines.filter((entry) => /incoming request|request completed/.test(entry.msg))).toEqual([]);

    // Without a usable id from a proxy, each request gets its own.
    await ann.request({
      method: 'GET',
      url: '/api/v2/userinfo',
      headers: { 'x-request-id': 'bad id\u0000' },
    });
    await ann.request({ method: 'GET', url: '/api/v2/userinfo' });
    await new Promise((resolve) => setImmediate(resolve));
    const [a, b] = requests().slice(-2);
    expect(a!.reqId).toMatch(/^[0-9a-f-]{36}$/);
    expect(a!.reqId).not.toBe(b!.reqId);
  });

  it('never logs passwords, API keys, tokens or the query of a tokenised page', async () => {
    const { t, lines, requests } = await loggingApp();
    const orgId = await createOrganization(t.deps, 'Acme');
    const memberId = await createMember(t.deps, orgId, {
      name: 'Ann',
      email: 'ann@acme.test',
      role: 'owner',
    });
    const cookie = await signIn(t.app, 'ann@acme.test');
    const ann = actorFor(t.app, { memberId, email: 'ann@acme.test', orgId }, cookie);
    const created = await ann.request({
      method: 'POST',
      url: '/api/v2/api_keys',
      payload: { name: 'log test' },
    });
    const { id: keyId, token: apiKey } = created.json().result as { id: string; token: string };

    const viaKey = await t.app.inject({
      method: 'GET',
      url: '/api/v2/organization_collaborators?q=ann&paging_token=c2VjcmV0LXBhZ2luZy10b2tlbg',
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(viaKey.statusCode).toBeLessThan(500);
    const inviteToken = 'Zq3k9X_secret-invitation-token-0123456789';
    await t.app.inject({ method: 'GET', url: `/invitations/accept?token=${inviteToken}` });
    await t.app.inject({
      method: 'POST',
      url: '/api/v2/sessions',
      headers: { 'x-requested-with': 'roster' },
      payload: { email: 'ann@acme.test', password: `${testPassword}-wrong` },
    });
    await new Promise((resolve) => setImmediate(resolve));

    const keyLine = requests().find((line) => line.route === '/api/v2/organization_collaborators')!;
    expect(keyLine).toMatchObject({ member_id: memberId, api_key_id: keyId, status: viaKey.statusCode });
    expect(requests().find((line) => line.path === '/invitations/accept')).toMatchObject({ route: null });
    expect(
      requests()
        .filter((line) => line.route === '/api/v2/sessions')
        .at(-1),
    ).toMatchObject({ status: 401 });

    const log = JSON.stringify(lines);
    for (const secret of [
      apiKey,
      inviteToken,
      testPassword,
      'c2VjcmV0LXBhZ2luZy10b2tlbg',
      'q=ann',
      cookie.split('=')[1]!,
    ]) {
      expect(log, `the log contains ${secret}`).not.toContain(secret);
    }
  });
});
