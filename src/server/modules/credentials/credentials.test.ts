import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from '../../config.ts';
import { createMailWorker } from '../../mail/worker.ts';
import { createSmtpReceiver, freeSmtpPort } from '../../mail/test-smtp-server.ts';
import { createTransport, smtpTransport } from '../../mail/transports.ts';
import { actorFor, setupOrganization, signIn, testPassword, type Actor } from '../../test/actors.ts';
import { cookieFrom, createTestApp, type TestContext } from '../../test/test-app.ts';

let t: TestContext;
const cleanups: (() => Promise<void>)[] = [];
async function start(overrides: Partial<Config> = {}) {
  t = await createTestApp(overrides);
}
beforeEach(async () => {
  await start();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await t.close();
});

const csrf = { 'x-requested-with': 'roster' };
const newPassword = 'quartz lantern velvet orbit';
const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const iphone =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

async function signInFrom(email: string, password: string, userAgent: string, ip: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v2/sessions',
    headers: { ...csrf, 'user-agent': userAgent },
    remoteAddress: ip,
    payload: { email, password },
  });
  expect(response.statusCode).toBe(200);
  return cookieFrom(response);
}

const userinfo = (cookie: string) =>
  t.app.inject({ method: 'GET', url: '/api/v2/userinfo', headers: { cookie } });

describe('password change', () => {
  it('needs the current password, enforces the policy, and ends every other session of the person', async () => {
    const owner = await setupOrganization(t.app);
    const laptop = await signInFrom(owner.email, testPassword, firefox, '203.0.113.7');
    const change = (payload: object) =>
      owner.request({ method: 'POST', url: '/api/v2/password_changes', payload });

    const wrong = await change({ current_password: 'not my password', new_password: newPassword });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('wrong_password');

    const weak = await change({ current_password: testPassword, new_password: 'password1234' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error).toMatchObject({ code: 'validation_failed' });
    expect(weak.json().error.message).toMatch(/new_password/);
    const short = await change({ current_password: testPassword, new_password: 'short pw' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toMatch(/new_password.*12/);
    // Made of the person's own name and organization: guessable.
    const personal = await change({ current_password: testPassword, new_password: 'olive owner acme' });
    expect(personal.statusCode).toBe(400);
    expect((await userinfo(laptop)).statusCode).toBe(200);

    const done = await change({ current_password: testPassword, new_password: newPassword });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ signed_out_sessions: 1 });
    expect((await userinfo(laptop)).statusCode).toBe(401);
    expect((await owner.request({ method: 'GET', url: '/api/v2/userinfo' })).statusCode).toBe(200);

    await expect(signIn(t.app, owner.email)).rejects.toThrow(/invalid_credentials/);
    expect(await signIn(t.app, owner.email, newPassword)).toMatch(/roster_session=/);
  });

  it('is refused to an API key', async () => {
    const owner = await setupOrganization(t.app);
    const key = (
      await owner.request({ method: 'POST', url: '/api/v2/api_keys', payload: { name: 'ci' } })
    ).json().result;
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v2/password_changes',
      headers: { authorization: `Bearer ${key.token}` },
      payload: { current_password: testPassword, new_password: newPassword },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('session_required');
  });
});

describe('forgot password', () => {
  async function deliverToDevMailbox() {
    await createMailWorker(t.deps, createTransport(t.deps)!).runOnce();
    return t.deps.database.db.selectFrom('dev_mailbox').selectAll().orderBy('created_at').execute();
  }
  const tokenIn = (text: string) => /reset-password\?token=([\w-]+)/.exec(text)?.[1];
  const requestReset = (email: string, ip = '198.51.100.1') =>
    t.app.inject({
      method: 'POST',
      url: '/api/v2/password_resets',
      headers: csrf,
      remoteAddress: ip,
      payload: { email },
    });
  const complete = (token: string, password: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v2/password_reset_completions',
      headers: csrf,
      payload: { token, password },
    });

  it('answers the same for every address, mails a single-use link, and a reset ends every session', async () => {
    const owner = await setupOrganization(t.app);
    const other = await signIn(t.app, owner.email);

    const known = await requestReset(owner.email.toUpperCase());
    const unknown = await requestReset('nobody@acme.test');
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.json()).toEqual(unknown.json());

    const mails = await deliverToDevMailbox();
    expect(mails.map((mail) => mail.to_address)).toEqual([owner.email]);
    const token = tokenIn(mails[0]!.text_body)!;
    // ≥ 128 bits, and only its hash is stored.
    expect(token).toMatch(/^[\w-]{43}$/);
    const stored = await t.deps.database.db.selectFrom('password_resets').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(token);

    const preview = await t.app.inject({
      method: 'POST',
      url: '/api/v2/password_reset_completions/preview',
      headers: csrf,
      payload: { token },
    });
    expect(preview.json()).toMatchObject({ email: owner.email });

    const weak = await complete(token, 'password1234');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toMatch(/password/);

    expect((await complete(token, newPassword)).statusCode).toBe(204);
    expect((await userinfo(other)).statusCode).toBe(401);
    expect((await owner.request({ method: 'GET', url: '/api/v2/userinfo' })).statusCode).toBe(401);
    await expect(signIn(t.app, owner.email)).rejects.toThrow(/invalid_credentials/);
    expect(await signIn(t.app, owner.email, newPassword)).toMatch(/roster_session=/);

    // Used, unknown and expired links all get one generic answer.
    const used = await complete(token, 'another fine passphrase');
    const bogus = await complete('x'.repeat(43), 'another fine passphrase');
    await requestReset(owner.email);
    const fresh = tokenIn((await deliverToDevMailbox()).at(-1)!.text_body)!;
    t.clock.advance(31 * 60_000);
    const expired = await complete(fresh, 'another fine passphrase');
    for (const response of [used, bogus, expired]) {
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual(used.json());
    }
    expect(used.json().error.code).toBe('invalid_reset_token');
  });

  it('makes older links useless when a new one is sent, and two parallel uses: exactly one wins', async () => {
    const owner = await setupOrganization(t.app);
    await requestReset(owner.email);
    await deliverToDevMailbox();
    t.clock.advance(1000);
    await requestReset(owner.email);
    const [first, second] = (await deliverToDevMailbox()).map((mail) => tokenIn(mail.text_body)!);
    expect((await complete(first!, newPassword)).statusCode).toBe(400);
    const results = await Promise.all([complete(second!, newPassword), complete(second!, newPassword)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([204, 400]);
  });

  it('is rate limited per address silently and per network address with a 429', async () => {
    const owner = await setupOrganization(t.app);
    for (let i = 0; i < 5; i++)
      expect((await requestReset(owner.email, `198.51.100.${i + 10}`)).statusCode).toBe(202);
    // Only the first three per hour are mailed; the answer does not change.
    expect(await deliverToDevMailbox()).toHaveLength(3);

    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await requestReset(`guess${i}@acme.test`, '192.0.2.9')).statusCode);
    expect(statuses).toEqual([...Array(10).fill(202), 429]);
  });

  it('is delivered over SMTP', async () => {
    await t.close();
    const receiver = createSmtpReceiver(await freeSmtpPort());
    await receiver.start();
    cleanups.push(() => receiver.stop());
    await start({ smtpUrl: receiver.url });
    const owner = await setupOrganization(t.app);
    await requestReset(owner.email);
    await createMailWorker(t.deps, smtpTransport(receiver.url, t.deps.config.mailFrom)).runOnce();
    expect(receiver.messages).toHaveLength(1);
    expect(receiver.messages[0]!.to).toEqual([owner.email]);
    const token = tokenIn(receiver.messages[0]!.text.replace(/=\r?\n/g, ''))!;
    expect((await complete(token, newPassword)).statusCode).toBe(204);
  });
});

describe('your sessions', () => {
  it('lists device, address, signed in and last seen; signs out one or all others', async () => {
    const owner = await setupOrganization(t.app);
    const laptop = await signInFrom(owner.email, testPassword, firefox, '203.0.113.7');
    const phone = await signInFrom(owner.email, testPassword, iphone, '198.51.100.23');
    const me = actorFor(t.app, owner, laptop);

    const list = await me.request({ method: 'GET', url: '/api/v2/sessions' });
    expect(list.statusCode).toBe(200);
    const sessions = list.json().results as { id: string; device: string; ip: string; current: boolean }[];
    expect(sessions).toHaveLength(3);
    expect(sessions.filter((s) => s.current)).toEqual([
      expect.objectContaining({ device: 'Firefox 128 on Linux', ip: '203.0.113.7' }),
    ]);
    const phoneSession = sessions.find((s) => s.ip === '198.51.100.23')!;
    expect(phoneSession.device).toMatch(/^Mobile Safari 17 on iOS 17\.5/);
    expect(JSON.stringify(list.json())).not.toContain(phone.split('=')[1]);

    expect(
      (await me.request({ method: 'DELETE', url: `/api/v2/sessions/${phoneSession.id}` })).statusCode,
    ).toBe(204);
    expect((await userinfo(phone)).statusCode).toBe(401);
    expect(
      (await me.request({ method: 'DELETE', url: `/api/v2/sessions/${phoneSession.id}` })).statusCode,
    ).toBe(404);

    const others = await me.request({ method: 'POST', url: '/api/v2/sessions/sign_out_others' });
    expect(others.json()).toEqual({ signed_out_sessions: 1 });
    expect((await owner.request({ method: 'GET', url: '/api/v2/userinfo' })).statusCode).toBe(401);
    const left = (await me.request({ method: 'GET', url: '/api/v2/sessions' })).json().results;
    expect(left).toEqual([expect.objectContaining({ current: true })]);
  });

  it('cannot sign out someone else’s session', async () => {
    const owner = await setupOrganization(t.app);
    const acceptedBy = await t.app.inject({
      method: 'POST',
      url: '/api/v2/organization_invitations',
      headers: { cookie: owner.cookie, ...csrf },
      payload: { emails: ['cole@acme.test'] },
    });
    const link = acceptedBy.json().results[0].invite_link as string | undefined;
    const token = link ? new URL(link).searchParams.get('token') : null;
    expect(token).toBeTruthy();
    const accepted = await t.app.inject({
      method: 'POST',
      url: '/api/v2/invitation_acceptances',
      headers: csrf,
      payload: { token, name: 'Cole', password: testPassword },
    });
    const cole = actorFor(
      t.app,
      { memberId: '', email: 'cole@acme.test', orgId: owner.orgId },
      cookieFrom(accepted),
    );
    const ownerSession = (await owner.request({ method: 'GET', url: '/api/v2/sessions' })).json().results[0];
    const response = await cole.request({ method: 'DELETE', url: `/api/v2/sessions/${ownerSession.id}` });
    expect(response.statusCode).toBe(404);
    expect((await owner.request({ method: 'GET', url: '/api/v2/userinfo' })).statusCode).toBe(200);
  });
});

describe('api key expiry and last use', () => {
  async function createKey(owner: Actor, payload: object) {
    return owner.request({ method: 'POST', url: '/api/v2/api_keys', payload });
  }

  it('expires after the chosen 30, 90 (default) or 365 days with 401 api_key_expired', async () => {
    const owner = await setupOrganization(t.app);
    const now = t.clock.now.getTime();
    const day = 86_400_000;
    const byDefault = (await createKey(owner, { name: 'default' })).json().result;
    expect(byDefault.expires_at).toBe(new Date(now + 90 * day).toISOString());
    const month = (await createKey(owner, { name: 'month', expires_in_days: 30 })).json().result;
    expect(month.expires_at).toBe(new Date(now + 30 * day).toISOString());
    const year = (await createKey(owner, { name: 'year', expires_in_days: 365 })).json().result;
    expect(year.expires_at).toBe(new Date(now + 365 * day).toISOString());
    const odd = await createKey(owner, { name: 'odd', expires_in_days: 45 });
    expect(odd.statusCode).toBe(400);
    expect(odd.json().error.message).toMatch(/expires_in_days/);

    const call = (token: string) =>
      t.app.inject({ method: 'GET', url: '/api/v2/userinfo', headers: { authorization: `Bearer ${token}` } });
    t.clock.advance(30 * day - 1000);
    expect((await call(month.token)).statusCode).toBe(200);
    t.clock.advance(1000);
    const expired = await call(month.token);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('api_key_expired');
    expect((await call(byDefault.token)).statusCode).toBe(200);
  });

  it('records when and from where each key was last used', async () => {
    const owner = await setupOrganization(t.app);
    const key = (await createKey(owner, { name: 'deploy' })).json().result;
    const listed = async () =>
      (await owner.request({ method: 'GET', url: '/api/v2/api_keys' })).json().results[0];
    expect(await listed()).toMatchObject({
      last_used_at: null,
      last_used_ip: null,
      expires_at: key.expires_at,
    });
    t.clock.advance(5000);
    await t.app.inject({
      method: 'GET',
      url: '/api/v2/userinfo',
      headers: { authorization: `Bearer ${key.token}` },
      remoteAddress: '192.0.2.44',
    });
    expect(await listed()).toMatchObject({
      last_used_at: t.clock.now.toISOString(),
      last_used_ip: '192.0.2.44',
    });
  });

  it('cannot be minted by another key (403), only from a signed-in session', async () => {
    const owner = await setupOrganization(t.app);
    const key = (await createKey(owner, { name: 'ci' })).json().result;
    const minted = await t.app.inject({
      method: 'POST',
      url: '/api/v2/api_keys',
      headers: { authorization: `Bearer ${key.token}` },
      payload: { name: 'second' },
    });
    expect(minted.statusCode).toBe(403);
    expect(minted.json().error.code).toBe('session_required');
    const keys = (await owner.request({ method: 'GET', url: '/api/v2/api_keys' })).json().results;
    expect(keys).toHaveLength(1);
  });
});

describe('password policy', () => {
  it('refuses a weak first-owner password at setup with a 400 naming the field', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v2/setup',
      headers: csrf,
      payload: {
        organization_name: 'Acme',
        name: 'Olive',
        email: 'olive@acme.test',
        password: 'password1234',
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/password/);
    expect((await t.app.inject({ method: 'GET', url: '/api/v2/setup' })).json().result).toEqual({
      setup_required: true,
    });
  });

  it('refuses a weak password when accepting an invitation, and the link still works after', async () => {
    const owner = await setupOrganization(t.app);
    const invited = await owner.request({
      method: 'POST',
      url: '/api/v2/organization_invitations',
      payload: { emails: ['dana@acme.test'] },
    });
    const token = new URL(invited.json().results[0].invite_link as string).searchParams.get('token');
    const accept = (password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v2/invitation_acceptances',
        headers: csrf,
        payload: { token, name: 'Dana', password },
      });
    const weak = await accept('qwertyuiop12');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toMatch(/password/);
    const tooLong = await accept('a'.repeat(201));
    expect(tooLong.statusCode).toBe(400);
    expect((await accept(newPassword)).statusCode).toBe(201);
  });
});
