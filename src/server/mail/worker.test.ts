import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestApp, testDialect, type TestContext } from '../test/test-app.ts';
import { actorFor, setupOrganization, signIn, type Actor } from '../test/actors.ts';
import type { Config } from '../config.ts';
import { createDatabase } from '../db/database.ts';
import { withTransaction } from '../db/transaction.ts';
import * as outboxRepo from './outbox.repository.ts';
import { createSmtpReceiver, freeSmtpPort } from './test-smtp-server.ts';
import { createTransport, smtpTransport } from './transports.ts';
import { createMailWorker, retryDelayMs, type MailWorker } from './worker.ts';

let t: TestContext | undefined;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await t?.close();
  t = undefined;
});

async function smtpSetup(overrides: Partial<Config> = {}, options: { receiverUp?: boolean } = {}) {
  const receiver = createSmtpReceiver(await freeSmtpPort());
  if (options.receiverUp !== false) await receiver.start();
  cleanups.push(() => receiver.stop());
  t = await createTestApp({ smtpUrl: receiver.url, ...overrides });
  const worker = createMailWorker(t.deps, smtpTransport(receiver.url, t.deps.config.mailFrom));
  cleanups.push(() => worker.stop());
  const owner = await setupOrganization(t.app);
  return { receiver, worker, owner, t };
}

async function invite(owner: Actor, emails: string | string[]) {
  const response = await owner.request({
    method: 'POST',
    url: '/api/v2/organization_invitations',
    payload: { emails },
  });
  expect(response.statusCode).toBe(200);
  return response.json() as {
    results: { email: string; invitation_id: string; invite_link: string }[];
    delivery: string;
  };
}

async function deliveryStatuses(owner: Actor) {
  const response = await owner.request({ method: 'GET', url: '/api/v2/organization_invitations' });
  return Object.fromEntries(
    (response.json().results as { email: string; delivery_status: string }[]).map((row) => [
      row.email,
      row.delivery_status,
    ]),
  );
}

async function outbox(ctx: TestContext) {
  return ctx.deps.database.db.selectFrom('mail_outbox').selectAll().orderBy('created_at').execute();
}

describe('mail delivery over SMTP', () => {
  it('delivers the invitation mail with organization, inviter, link and expiry, then keeps no link', async () => {
    const { receiver, worker, owner, t } = await smtpSetup();
    const { results } = await invite(owner, 'nia@x.com');
    expect(await deliveryStatuses(owner)).toEqual({ 'nia@x.com': 'queued' });

    expect(await worker.runOnce()).toEqual({ sent: 1, failed: 0 });
    expect(receiver.messages).toHaveLength(1);
    const [message] = receiver.messages;
    expect(message!.to).toEqual(['nia@x.com']);
    expect(message!.text).toContain(results[0]!.invite_link);
    expect(message!.text).toContain('Olive Owner');
    expect(message!.text).toContain('Acme');
    expect(message!.text).toMatch(/expires on Monday, 8 June 2026/);
    expect(message!.text).toMatch(/text\/html/);
    expect(message!.text).toMatch(/ignore this email/);

    expect(await deliveryStatuses(owner)).toEqual({ 'nia@x.com': 'sent' });
    const [row] = await outbox(t);
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
    const token = new URL(results[0]!.invite_link).searchParams.get('token')!;
    expect(row!.text_body).not.toContain(token);
    expect(row!.html_body).not.toContain(token);

    expect(await worker.runOnce()).toEqual({ sent: 0, failed: 0 });
    expect(receiver.messages).toHaveLength(1);
  });

  it('loses nothing while the SMTP server is down and delivers exactly once when it is back', async () => {
    const { receiver, worker, owner, t } = await smtpSetup({}, { receiverUp: false });
    const { results } = await invite(owner, ['a@x.com', 'b@x.com']);
    expect(results.map((r) => r.invitation_id)).toHaveLength(2);

    expect(await worker.runOnce()).toEqual({ sent: 0, failed: 0 });
    let rows = await outbox(t);
    expect(rows.map((row) => [row.status, row.attempts])).toEqual([
      ['pending', 1],
      ['pending', 1],
    ]);
    expect(rows[0]!.last_error).toMatch(/ECONNREFUSED|connect/i);
    // First retry 5 s later (MAIL_RETRY_SECONDS=5, then doubling).
    expect(rows[0]!.next_attempt_at).toBe(new Date(t.clock.now.getTime() + 5000).toISOString());

    await receiver.start();
    await worker.runOnce(); // not due yet
    expect(receiver.messages).toHaveLength(0);

    t.clock.advance(5000);
    expect(await worker.runOnce()).toEqual({ sent: 2, failed: 0 });
    t.clock.advance(3_600_000);
    await worker.runOnce();
    expect(receiver.messages.map((m) => m.to[0]).sort()).toEqual(['a@x.com', 'b@x.com']);
    rows = await outbox(t);
    expect(rows.map((row) => [row.status, row.attempts])).toEqual([
      ['sent', 2],
      ['sent', 2],
    ]);
    expect(await deliveryStatuses(owner)).toEqual({ 'a@x.com': 'sent', 'b@x.com': 'sent' });
  });

  it('two workers (two instances) share the outbox without sending anything twice', async () => {
    const { receiver, worker, owner, t } = await smtpSetup();
    const emails = Array.from({ length: 30 }, (_, i) => `p${i}@x.com`);
    await invite(owner, emails);
    // PostgreSQL: a second connection pool, as a second instance would have (FOR UPDATE SKIP LOCKED).
    // SQLite runs one instance; two workers there share its connection.
    const otherDatabase =
      testDialect === 'postgres' ? createDatabase(t.deps.config.database) : t.deps.database;
    if (otherDatabase !== t.deps.database) cleanups.push(() => otherDatabase.destroy());
    const other = createMailWorker(
      { config: t.deps.config, database: otherDatabase },
      smtpTransport(receiver.url, t.deps.config.mailFrom),
    );
    cleanups.push(() => other.stop());
    const [a, b] = await Promise.all([worker.runOnce(), other.runOnce()]);
    expect(a.sent + b.sent).toBe(30);
    expect(receiver.messages).toHaveLength(30);
    expect(new Set(receiver.messages.map((m) => m.to[0])).size).toBe(30);
  });

  it('a claim in progress and a concurrent claim take disjoint mail', async () => {
    const { owner, t } = await smtpSetup();
    await invite(
      owner,
      Array.from({ length: 6 }, (_, i) => `c${i}@x.com`),
    );
    const claim = (trx: Parameters<typeof outboxRepo.claimDue>[0]) =>
      outboxRepo.claimDue(trx, {
        now: t.clock.now.toISOString(),
        leaseUntil: new Date(t.clock.now.getTime() + 60_000).toISOString(),
        limit: 4,
        skipLocked: t.deps.database.dialect === 'postgres',
      });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let claimedFirst!: () => void;
    const firstClaimed = new Promise<void>((resolve) => (claimedFirst = resolve));
    const first = withTransaction(t.deps.database, async (trx) => {
      const rows = await claim(trx);
      claimedFirst();
      await gate; // still holding the claim (and, on PostgreSQL, the row locks)
      return rows;
    });
    await firstClaimed;
    const second = withTransaction(t.deps.database, claim);
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    const [a, b] = await Promise.all([first, second]);
    const ids = (rows: { id: string }[]) => rows.map((row) => row.id);
    expect(a).toHaveLength(4);
    expect(b).toHaveLength(2);
    expect(new Set([...ids(a), ...ids(b)]).size).toBe(6);
  });

  it('after the last retry fails the invitation shows delivery failed, and Resend queues it again', async () => {
    const { receiver, worker, owner, t } = await smtpSetup(
      { mailRetrySeconds: [1, 2], mailRetryWindowMs: 3000 },
      { receiverUp: false },
    );
    const { results } = await invite(owner, 'far@x.com');
    await worker.runOnce();
    t.clock.advance(1000);
    await worker.runOnce();
    t.clock.advance(2000);
    expect(await worker.runOnce()).toEqual({ sent: 0, failed: 1 });
    const [row] = await outbox(t);
    expect(row).toMatchObject({ status: 'failed', attempts: 3 });
    expect(row!.text_body).not.toContain(new URL(results[0]!.invite_link).searchParams.get('token')!);
    expect(await deliveryStatuses(owner)).toEqual({ 'far@x.com': 'failed' });

    t.clock.advance(60_000);
    await worker.runOnce();
    expect((await outbox(t)).filter((mail) => mail.status === 'pending')).toHaveLength(0);

    await receiver.start();
    const resent = await owner.request({
      method: 'POST',
      url: `/api/v2/organization_invitations/${results[0]!.invitation_id}/resend`,
    });
    expect(resent.json().result.invitation.delivery_status).toBe('queued');
    await worker.runOnce();
    expect(receiver.messages).toHaveLength(1);
    expect(receiver.messages[0]!.text).toContain(resent.json().result.invite_link);
    expect(await deliveryStatuses(owner)).toEqual({ 'far@x.com': 'sent' });
  });

  it('Resend and Revoke drop undelivered mail carrying the dead link', async () => {
    const { receiver, worker, owner } = await smtpSetup({}, { receiverUp: false });
    const { results } = await invite(owner, ['resent@x.com', 'revoked@x.com']);
    const [resentOne, revokedOne] = results;
    const resent = await owner.request({
      method: 'POST',
      url: `/api/v2/organization_invitations/${resentOne!.invitation_id}/resend`,
    });
    await owner.request({
      method: 'POST',
      url: `/api/v2/organization_invitations/${revokedOne!.invitation_id}/invalidate`,
    });
    await receiver.start();
    await worker.runOnce();
    expect(receiver.messages).toHaveLength(1);
    expect(receiver.messages[0]!.to).toEqual(['resent@x.com']);
    expect(receiver.messages[0]!.text).toContain(resent.json().result.invite_link);
    expect(receiver.messages[0]!.text).not.toContain(resentOne!.invite_link);
  });
});

describe('mail worker resilience', () => {
  it('keeps trying for the whole retry window: the delays double up to the cap, then the mail is failed', async () => {
    const config = { mailRetrySeconds: [5], mailRetryMaxDelayMs: 3_600_000 };
    const delays = Array.from({ length: 14 }, (_, i) => retryDelayMs(config, i + 1) / 1000);
    expect(delays).toEqual([5, 10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600, 3600, 3600, 3600]);

    const { worker, owner, t } = await smtpSetup({}, { receiverUp: false });
    await invite(owner, 'patient@x.com');
    // 71 hours of outage: the mail is still pending, never failed.
    for (let hours = 0; hours < 71; hours++) {
      await worker.runOnce();
      t.clock.advance(3_600_000);
    }
    // (Read the database directly: the owner's session has idled out over three days.)
    const invitation = () =>
      t!.deps.database.db.selectFrom('invitations').select('delivery_status').executeTakeFirstOrThrow();
    let [row] = await outbox(t);
    expect(row!.status).toBe('pending');
    expect(row!.attempts).toBeGreaterThan(10);
    expect(await invitation()).toEqual({ delivery_status: 'queued' });
    t.clock.advance(3_600_000);
    await worker.runOnce();
    [row] = await outbox(t);
    expect(row!.status).toBe('failed');
    expect(await invitation()).toEqual({ delivery_status: 'failed' });
  });

  it('every attempt at one mail carries the same Message-ID, unique to that mail', async () => {
    const { receiver, worker, owner, t } = await smtpSetup();
    await invite(owner, ['m1@x.com', 'm2@x.com']);
    await worker.runOnce();
    const rows = await outbox(t);
    const ids = receiver.messages.map((m) => /^Message-ID:\s*(\S+)/im.exec(m.raw)?.[1]);
    expect(ids.sort()).toEqual(rows.map((row) => `<${row.id}@localhost>`).sort());
  });

  it('stopping abandons a send the SMTP server never answers and gives the mail back without using an attempt', async () => {
    t = await createTestApp({ smtpUrl: 'smtp://127.0.0.1:1', mailLeaseMs: 600 });
    const owner = await setupOrganization(t.app);
    await invite(owner, 'stuck@x.com');
    let sends = 0;
    let renewed = false;
    const never = { send: () => new Promise<void>(() => void sends++), close: () => {} };
    const worker = createMailWorker(t.deps, never);
    const run = worker.runOnce();
    const [claimed] = await outbox(t);
    const firstLease = await vi.waitFor(async () => {
      const [row] = await outbox(t!);
      expect(row!.locked_until).not.toBeNull();
      return row!.locked_until!;
    });
    // The lease is renewed while the send hangs (the clock moves on).
    t.clock.advance(1000);
    await vi.waitFor(async () => {
      const [row] = await outbox(t!);
      expect(row!.locked_until! > firstLease).toBe(true);
      renewed = true;
    });
    const stoppedIn = Date.now();
    await worker.stop();
    await run;
    expect(Date.now() - stoppedIn).toBeLessThan(2000);
    expect(renewed).toBe(true);
    expect(sends).toBe(1);
    const [row] = await outbox(t);
    expect(claimed!.attempts).toBe(0);
    expect(row).toMatchObject({ status: 'pending', attempts: 0, locked_until: null });
  });
});

describe('Retry now for a failed invitation', () => {
  const retry = (owner: Actor, id: string) =>
    owner.request({ method: 'POST', url: `/api/v2/organization_invitations/${id}/retry_delivery` });

  /** A receiver that refuses every recipient until told otherwise, and an invitation whose mail failed for good. */
  async function failedInvitation() {
    const ctx = await smtpSetup({ mailRetrySeconds: [1, 2], mailRetryWindowMs: 3000 });
    ctx.receiver.behaviour.refuse = true;
    const { results } = await invite(ctx.owner, 'refused@x.com');
    const invitation = results[0]!;
    await ctx.worker.runOnce();
    // Not failed yet: nothing to retry.
    const early = await retry(ctx.owner, invitation.invitation_id);
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'delivery_not_failed' });
    ctx.t.clock.advance(1000);
    await ctx.worker.runOnce();
    ctx.t.clock.advance(2000);
    expect(await ctx.worker.runOnce()).toEqual({ sent: 0, failed: 1 });
    expect(await deliveryStatuses(ctx.owner)).toEqual({ 'refused@x.com': 'failed' });
    const [row] = await outbox(ctx.t);
    expect(row).toMatchObject({ status: 'failed', attempts: 3 });
    expect(row!.last_error).toMatch(/550|refused/i);
    expect(ctx.receiver.messages).toHaveLength(0);
    return { ...ctx, invitation };
  }

  it('sends the same mail again at once with a fresh retry window, audited, and only for failed mail', async () => {
    const { receiver, worker, owner, t, invitation } = await failedInvitation();

    // Retry while the server still refuses: the retry window starts again, so one failure does not fail it.
    const retried = await retry(owner, invitation.invitation_id);
    expect(retried.statusCode).toBe(200);
    expect(retried.json().result).toMatchObject({ id: invitation.invitation_id, delivery_status: 'queued' });
    let [row] = await outbox(t);
    expect(row).toMatchObject({ status: 'pending', attempts: 0, next_attempt_at: t.clock.now.toISOString() });
    expect(await worker.runOnce()).toEqual({ sent: 0, failed: 0 });
    [row] = await outbox(t);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(await deliveryStatuses(owner)).toEqual({ 'refused@x.com': 'queued' });

    // The receiver accepts again: the next attempt delivers the original link, with the row's Message-ID.
    receiver.behaviour.refuse = false;
    t.clock.advance(1000);
    expect(await worker.runOnce()).toEqual({ sent: 1, failed: 0 });
    expect(receiver.messages).toHaveLength(1);
    expect(receiver.messages[0]!.text).toContain(invitation.invite_link);
    expect(receiver.messages[0]!.messageId).toBe(`<${row!.id}@localhost>`);
    expect(await deliveryStatuses(owner)).toEqual({ 'refused@x.com': 'sent' });

    // Delivered now: nothing to retry.
    const again = await retry(owner, invitation.invitation_id);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'delivery_not_failed', message: expect.any(String) });

    const events = await owner.request({ method: 'GET', url: '/api/v2/audit_events' });
    const retriedEvents = (events.json().results as { action: string; target: { id: string } }[]).filter(
      (event) => event.action === 'invitation.delivery_retried',
    );
    expect(retriedEvents.map((event) => event.target.id)).toEqual([invitation.invitation_id]);
  });

  it('an expired invitation is not retried (Resend sends a new link); unknown ids are 404', async () => {
    const { owner, t, invitation } = await failedInvitation();
    t.clock.advance(8 * 24 * 3_600_000);
    // Sign in again: the owner's session idled out over the week.
    const fresh = actorFor(t.app, owner, await signIn(t.app, owner.email));
    const expired = await retry(fresh, invitation.invitation_id);
    expect(expired.statusCode).toBe(409);
    expect(expired.json().error).toMatchObject({ code: 'invitation_expired' });
    expect((await outbox(t))[0]).toMatchObject({ status: 'failed' });
    expect((await retry(fresh, 'no-such-invitation')).statusCode).toBe(404);
  });

  it('Revoke drops the failed mail with its sealed link', async () => {
    const { owner, t, invitation } = await failedInvitation();
    await owner.request({
      method: 'POST',
      url: `/api/v2/organization_invitations/${invitation.invitation_id}/invalidate`,
    });
    expect(await outbox(t)).toEqual([]);
  });
});

describe('without SMTP', () => {
  it('in production, invitations say links are shared by hand and nothing is queued', async () => {
    t = await createTestApp({ env: 'production', smtpUrl: undefined });
    const owner = await setupOrganization(t.app);
    const response = await invite(owner, 'hand@x.com');
    expect(response.delivery).toBe('manual');
    expect(response.results[0]!.invite_link).toMatch(/token=/);
    expect(await deliveryStatuses(owner)).toEqual({ 'hand@x.com': 'manual' });
    expect(await outbox(t)).toEqual([]);
    expect(createTransport(t.deps)).toBeNull();
    const delivery = await owner.request({ method: 'GET', url: '/api/v2/organization_invitations/delivery' });
    expect(delivery.json().result).toEqual({ mode: 'manual' });
  });

  it('in development, mail lands in the development mailbox at GET /api/v2/dev/mailbox', async () => {
    t = await createTestApp({ env: 'development', smtpUrl: undefined });
    const owner = await setupOrganization(t.app);
    const { results } = await invite(owner, 'dev@x.com');
    const worker: MailWorker = createMailWorker(t.deps, createTransport(t.deps)!);
    cleanups.push(() => worker.stop());
    await worker.runOnce();
    const mailbox = await t.app.inject({ method: 'GET', url: '/api/v2/dev/mailbox' });
    expect(mailbox.statusCode).toBe(200);
    const [mail] = mailbox.json().results;
    expect(mail).toMatchObject({ to: 'dev@x.com' });
    expect(mail.text_body).toContain(results[0]!.invite_link);
    expect(await deliveryStatuses(owner)).toEqual({ 'dev@x.com': 'sent' });
  });

  it('the development mailbox does not exist outside development', async () => {
    t = await createTestApp();
    const response = await t.app.inject({ method: 'GET', url: '/api/v2/dev/mailbox' });
    expect(response.statusCode).toBe(404);
  });
});

describe('the queued invitation link at rest', () => {
  it('is sealed in the outbox row until the worker sends it, and the mail still carries a working link', async () => {
    const { receiver, worker, owner, t } = await smtpSetup();
    const { results } = await invite(owner, 'nia@x.com');
    const link = results[0]!.invite_link;
    const token = new URL(link).searchParams.get('token')!;

    // A copy of the database while the mail is pending: no token, no link, in any column.
    const [pending] = await outbox(t);
    expect(pending!.status).toBe('pending');
    const row = JSON.stringify(pending);
    expect(row).not.toContain(token);
    expect(row).not.toContain(encodeURIComponent(token));
    expect(row).not.toContain('/invitations/accept');
    expect(pending!.text_body).toMatch(/^enc:v1:/);

    // Another server secret cannot open it.
    const { openMailBody } = await import('./outbox-crypto.ts');
    expect(() => openMailBody(Buffer.alloc(32, 7), pending!.id, pending!.text_body)).toThrow();

    expect(await worker.runOnce()).toEqual({ sent: 1, failed: 0 });
    const [message] = receiver.messages;
    expect(message!.text).toContain(link);
    const delivered = new URL(/https?:\/\/\S+token=[\w-]+/.exec(message!.text)![0]);
    const accepted = await t.app.inject({
      method: 'POST',
      url: '/api/v2/invitation_acceptances',
      headers: { 'x-requested-with': 'roster' },
      payload: { token: delivered.searchParams.get('token'), name: 'Nia', password: 'correct horse battery' },
    });
    expect(accepted.statusCode).toBe(201);
  });
});
