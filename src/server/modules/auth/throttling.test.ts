import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { setupOrganization, testPassword } from '../../test/actors.ts';

let t: TestContext | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** The load balancer in front of Roster: the only peer allowed to say who the client is. */
const proxy = '10.0.0.5';
const stranger = '203.0.113.66';
const person = '198.51.100.7';

function trustProxy(value: string) {
  return loadConfig({ NODE_ENV: 'test', TRUST_PROXY: value }).trustProxy;
}

async function signInFrom(
  context: TestContext,
  input: { email: string; password: string; forwardedFor?: string; peer?: string },
) {
  return context.app.inject({
    method: 'POST',
    url: '/api/v2/sessions',
    headers: {
      'x-requested-with': 'roster',
      ...(input.forwardedFor ? { 'x-forwarded-for': input.forwardedFor } : {}),
    },
    remoteAddress: input.peer ?? proxy,
    payload: { email: input.email, password: input.password },
  });
}

describe('sign-in throttling', () => {
  it('a stranger’s failures never lock the person out of their own address', async () => {
    t = await createTestApp({ trustProxy: trustProxy('1') });
    const owner = await setupOrganization(t.app);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const response = await signInFrom(t, {
        email: owner.email,
        password: 'wrong password!!',
        forwardedFor: stranger,
      });
      statuses.push(response.statusCode);
    }
    // The stranger is cut off after 10 failures …
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
    // … even with the right password, from their address …
    expect(
      (await signInFrom(t, { email: owner.email, password: testPassword, forwardedFor: stranger }))
        .statusCode,
    ).toBe(429);
    // … while the person, from their own address, gets in.
    const own = await signInFrom(t, { email: owner.email, password: testPassword, forwardedFor: person });
    expect(own.statusCode).toBe(200);
    expect(own.headers['set-cookie']).toBeDefined();
  });

  it('a request the address limit refused never counts against the email', async () => {
    t = await createTestApp({ trustProxy: trustProxy('1') });
    const owner = await setupOrganization(t.app);
    // The stranger uses up their address on other emails …
    for (let i = 0; i < 10; i++) {
      const response = await signInFrom(t, {
        email: `guess${i}@acme.test`,
        password: 'wrong password!!',
        forwardedFor: stranger,
      });
      expect(response.statusCode).toBe(401);
    }
    // … then hammers the owner's email: every attempt refused by the address limit.
    for (let i = 0; i < 20; i++) {
      const response = await signInFrom(t, {
        email: owner.email,
        password: 'wrong password!!',
        forwardedFor: stranger,
      });
      expect(response.statusCode).toBe(429);
    }
    expect(
      (await signInFrom(t, { email: owner.email, password: testPassword, forwardedFor: person })).statusCode,
    ).toBe(200);
    // And the person still has their full allowance of typos from their address.
    for (let i = 0; i < 9; i++) {
      const typo = await signInFrom(t, {
        email: owner.email,
        password: 'typo password!!',
        forwardedFor: person,
      });
      expect(typo.statusCode).toBe(401);
    }
    expect(
      (await signInFrom(t, { email: owner.email, password: testPassword, forwardedFor: person })).statusCode,
    ).toBe(200);
  });
});

describe('TRUST_PROXY', () => {
  it('accepts false, true, a hop count, or addresses and CIDRs; refuses anything else', () => {
    expect(trustProxy('false')).toBe(false);
    expect(trustProxy('true')).toBe(true);
    expect(trustProxy('2')).toBe(2);
    expect(trustProxy('10.0.0.0/8, 192.168.1.7,fd00::/8')).toEqual(['10.0.0.0/8', '192.168.1.7', 'fd00::/8']);
    expect(loadConfig({ NODE_ENV: 'test' }).trustProxy).toBe(false);
    for (const bad of ['yes', '10.0.0.0/33', 'example.com', '10.0.0.0/8,,', '-1']) {
      expect(() => loadConfig({ NODE_ENV: 'test', TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
    }
  });

  it('with a hop count, takes the client address the last proxy saw, not a forged one', async () => {
    t = await createTestApp({ trustProxy: trustProxy('1') });
    const owner = await setupOrganization(t.app);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      // The client forges a new address each time; the proxy appends the real one.
      const response = await signInFrom(t, {
        email: `guess${i}@acme.test`,
        password: 'wrong password!!',
        forwardedFor: `192.0.2.${i + 1}, ${stranger}`,
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
    // The audit log records the client's real address too.
    const key = await owner.request({
      method: 'POST',
      url: '/api/v2/api_keys',
      headers: { 'x-forwarded-for': `192.0.2.200, ${person}` },
      remoteAddress: proxy,
      payload: { name: 'ci' },
    });
    expect(key.statusCode).toBe(201);
    const audit = await owner.request({ method: 'GET', url: '/api/v2/audit_events' });
    expect(JSON.stringify(audit.json())).toContain(person);
    expect(JSON.stringify(audit.json())).not.toContain('192.0.2.200');
  });

  it('with CIDRs, believes X-Forwarded-For only from a listed peer', async () => {
    t = await createTestApp({ trustProxy: trustProxy('10.0.0.0/8') });
    await setupOrganization(t.app);
    // From the trusted load balancer: each forwarded client is counted on its own.
    for (let i = 0; i < 12; i++) {
      const response = await signInFrom(t, {
        email: 'nobody@acme.test',
        password: 'wrong password!!',
        forwardedFor: `192.0.2.${i + 1}`,
        peer: proxy,
      });
      expect(response.statusCode).toBe(401);
    }
    // From anywhere else, X-Forwarded-For is ignored: rotating it does not escape the limit.
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const response = await signInFrom(t, {
        email: `guess${i}@acme.test`,
        password: 'wrong password!!',
        forwardedFor: `192.0.2.${i + 100}`,
        peer: stranger,
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
  });
});
