import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase } from '../../db/database.ts';
import { createSmtpReceiver, freeSmtpPort } from '../../mail/test-smtp-server.ts';
import { databaseEnv, killAllServers, startServer, type ServerProcess } from '../server-process.ts';
import { createTestDatabase } from '../test-app.ts';

/**
 * The mail worker of the real server (a child process) against SMTP receivers
 * that misbehave: one that never answers (SIGTERM must still end the process
 * within 10 s), one that is killed under (kill -9 mid-transaction: at most one
 * duplicate, with the same Message-ID), and one that is down for 12 seconds
 * (the default retry policy delivers everything after it returns).
 */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await killAllServers();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function database() {
  const { config, drop } = await createTestDatabase();
  cleanups.push(drop);
  return config;
}

function serverEnv(
  db: Awaited<ReturnType<typeof database>>,
  smtpUrl: string,
  extra: Record<string, string> = {},
) {
  return {
    ...databaseEnv(db),
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    SCRYPT_LOG_N: '10',
    STATIC_DIR: '/nonexistent',
    SMTP_URL: smtpUrl,
    MAIL_POLL_MS: '200',
    ...extra,
  };
}

/** Sets the organization up and invites `emails`; the API key is returned for later calls. */
async function invite(server: ServerProcess, emails: string[]) {
  const setup = await fetch(`${server.url}/api/v2/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'roster' },
    body: JSON.stringify({
      organization_name: 'Mailco',
      name: 'Olive Owner',
      email: 'olive@mail.test',
      password: 'correct horse battery staple',
    }),
  });
  expect(setup.status).toBe(201);
  const cookie = setup.headers.get('set-cookie')!.split(';')[0]!;
  const key = await fetch(`${server.url}/api/v2/api_keys`, {
    method: 'POST',
    headers: { cookie, 'x-requested-with': 'roster', 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'mail test' }),
  });
  expect(key.status).toBe(201);
  const { token } = ((await key.json()) as { result: { token: string } }).result;
  const invited = await fetch(`${server.url}/api/v2/organization_invitations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ emails }),
  });
  expect(invited.status).toBe(200);
}

async function outboxRows(db: Awaited<ReturnType<typeof database>>) {
  const handle = createDatabase(db);
  try {
    return await handle.db.selectFrom('mail_outbox').selectAll().execute();
  } finally {
    await handle.destroy();
  }
}

describe('mail worker of the real server', () => {
  it('SIGTERM while the SMTP server never answers: the process exits within 10 s and the mail is given back', async () => {
    const connected: net.Socket[] = [];
    const silent = net.createServer((socket) => connected.push(socket)); // accepts, never greets
    const port = await freeSmtpPort();
    await new Promise<void>((resolve) => silent.listen(port, '127.0.0.1', () => resolve()));
    cleanups.push(async () => {
      for (const socket of connected) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });
    const db = await database();
    const server = await startServer(serverEnv(db, `smtp://127.0.0.1:${port}`));
    await invite(server, ['waiting@mail.test']);
    await until('the worker to connect', () => connected.length > 0, 10_000);

    const signalled = Date.now();
    process.kill(server.pid, 'SIGTERM');
    await until('the process to exit', () => !alive(server.pid), 15_000);
    const exitMs = Date.now() - signalled;
    expect(exitMs, server.output()).toBeLessThan(10_000);

    const [row] = await outboxRows(db);
    expect(row).toMatchObject({ status: 'pending', attempts: 0, locked_until: null });
  });

  it('kill -9 inside an SMTP transaction: after restart the mail arrives once more at most, with the same Message-ID', async () => {
    const smtp = createSmtpReceiver(await freeSmtpPort());
    smtp.behaviour.stall = true;
    await smtp.start();
    cleanups.push(() => smtp.stop());
    const db = await database();
    const env = serverEnv(db, smtp.url, { MAIL_LEASE_SECONDS: '2' });
    const first = await startServer(env);
    await invite(first, ['twice@mail.test']);
    await until('the message data to arrive', () => smtp.messages.length > 0, 10_000);
    await first.kill9();

    smtp.behaviour.stall = false;
    const second = await startServer(env);
    await until(
      'the mail to be marked sent',
      async () => (await outboxRows(db))[0]?.status === 'sent',
      20_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${second.output()}`);
    });
    const [row] = await outboxRows(db);
    expect(smtp.messages.length).toBeLessThanOrEqual(2);
    expect(new Set(smtp.messages.map((m) => m.messageId))).toEqual(new Set([`<${row!.id}@localhost>`]));
    // The attempt the crash interrupted was not counted.
    expect(row!.attempts).toBe(1);
  });

  it('a 12-second SMTP outage with the default retry policy: every mail is delivered after recovery', async () => {
    const smtp = createSmtpReceiver(await freeSmtpPort());
    cleanups.push(() => smtp.stop());
    const db = await database();
    const server = await startServer(serverEnv(db, smtp.url, { INVITE_REQUESTS_PER_OWNER_PER_DAY: '1000' }));
    const emails = Array.from({ length: 20 }, (_, i) => `outage${i}@mail.test`);
    await invite(server, emails);
    await new Promise((resolve) => setTimeout(resolve, 12_000));
    const during = await outboxRows(db);
    expect(during.filter((row) => row.status === 'failed')).toEqual([]);
    await smtp.start();
    await until(
      'every mail to be delivered',
      async () => (await outboxRows(db)).every((row) => row.status === 'sent') || undefined,
      45_000,
    );
    expect(smtp.messages.map((m) => m.to[0]).sort()).toEqual([...emails].sort());
  }, 90_000);
});
