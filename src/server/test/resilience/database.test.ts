import crypto from 'node:crypto';
import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, killAllServers, startServer, type ServerProcess } from '../server-process.ts';

/**
 * The real server on PostgreSQL behind a TCP proxy this test controls: the
 * database goes away (connections reset, port closed), goes silent (packets
 * stop, nothing closes) or has its backends terminated. The server must stay
 * up, answer 503 database_unavailable within its deadlines meanwhile, report
 * not-ready, and recover by itself. The machine's PostgreSQL is never touched
 * beyond one schema of its own.
 */

const postgresUrl = process.env.ROSTER_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const upstream = new URL(postgresUrl);

/** Forwards TCP to PostgreSQL; can cut every connection, refuse new ones, or go silent. */
class DatabaseProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private silent = false;
  constructor(readonly port: number) {}

  async start(): Promise<void> {
    this.silent = false;
    const server = net.createServer((client) => {
      this.track(client);
      if (this.silent) return; // accept, then never answer
      const database = net.connect(Number(upstream.port || 5432), upstream.hostname);
      this.track(database);
      client.pipe(database);
      database.pipe(client);
      const close = () => {
        client.destroy();
        database.destroy();
      };
      client.on('error', close).on('close', close);
      database.on('error', close).on('close', close);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  private track(socket: net.Socket) {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }

  /** The database is gone: every connection reset, the port refuses. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The network goes silent: open connections stop carrying bytes, new ones connect but hear nothing. */
  pause(): void {
    this.silent = true;
    for (const socket of this.sockets) {
      socket.unpipe();
      socket.pause();
    }
  }
}

type Probe = { status: number; code?: string; ms: number };

let proxy: DatabaseProxy;
let server: ServerProcess;
let schema: string;
let applicationName: string;
let cookie: string;

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function alive(): boolean {
  try {
    process.kill(server.pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function probe(path = '/api/v2/organization_collaborators'): Promise<Probe> {
  const started = Date.now();
  try {
    const response = await fetch(`${server.url}${path}`, {
      headers: { cookie },
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    let code: string | undefined;
    try {
      code = (JSON.parse(text) as { error?: { code?: string }; database?: string }).error?.code;
    } catch {
      code = undefined;
    }
    return { status: response.status, code, ms: Date.now() - started };
  } catch (error) {
    return { status: 0, code: String(error), ms: Date.now() - started };
  }
}

/** Requests from a few clients at once until stopped; every answer is kept. */
function load(clients = 4) {
  const answers: Probe[] = [];
  let running = true;
  const loops = Array.from({ length: clients }, async () => {
    while (running) {
      answers.push(await probe());
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
  return {
    answers,
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return answers;
    },
  };
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms.\n${server.output().slice(-3000)}`);
}

const recovered = async () => (await probe()).status === 200 && (await probe('/readyz')).status === 200;

beforeAll(async () => {
  schema = `r_${crypto.randomBytes(6).toString('hex')}`;
  applicationName = `roster_${schema}`;
  await admin((client) => client.query(`create schema ${schema}`));
  proxy = new DatabaseProxy(await freePort());
  await proxy.start();
  const url = new URL(postgresUrl);
  url.host = `127.0.0.1:${proxy.port}`;
  url.searchParams.set('application_name', applicationName);
  url.searchParams.set('options', `-c search_path=${schema}`);
  server = await startServer({
    DATABASE_URL: url.toString(),
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    SCRYPT_LOG_N: '10',
    STATIC_DIR: '/nonexistent',
    ROSTER_SECRET: crypto.randomBytes(32).toString('hex'),
    DATABASE_CONNECT_TIMEOUT_MS: '1000',
    DATABASE_STATEMENT_TIMEOUT_MS: '2000',
    READY_TIMEOUT_MS: '1000',
  });
  const setup = await fetch(`${server.url}/api/v2/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'roster' },
    body: JSON.stringify({
      organization_name: 'Resilient',
      name: 'Olive Owner',
      email: 'olive@resilient.test',
      password: 'correct horse battery staple',
    }),
  });
  expect(setup.status, await setup.clone().text()).toBe(201);
  cookie = setup.headers.get('set-cookie')!.split(';')[0]!;
  expect((await probe()).status).toBe(200);
});

afterAll(async () => {
  await killAllServers();
  await proxy?.cut();
  if (schema) await admin((client) => client.query(`drop schema if exists ${schema} cascade`));
});

describe('PostgreSQL goes away and comes back', () => {
  it('connections cut under load: 503 database_unavailable, no exit, /readyz 503, recovery within seconds', async () => {
    const traffic = load();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await proxy.cut();
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const ready = await probe('/readyz');
    const live = await probe('/healthz');
    const during = await probe();
    const answers = await traffic.stop();

    expect(alive(), `the server exited:\n${server.output().slice(-3000)}`).toBe(true);
    expect(during, JSON.stringify(during)).toMatchObject({ status: 503, code: 'database_unavailable' });
    expect(during.ms).toBeLessThan(3_000);
    expect(ready.status).toBe(503);
    expect(live.status).toBe(200);
    const statuses = new Set(answers.map((answer) => answer.status));
    expect([...statuses].sort(), JSON.stringify(answers.filter((a) => a.status !== 200).slice(0, 5))).toEqual(
      [200, 503],
    );
    const unavailable = answers.filter((answer) => answer.status === 503);
    expect(unavailable.every((answer) => answer.code === 'database_unavailable')).toBe(true);

    await proxy.start();
    const took = await waitFor('recovery after the database came back', recovered);
    expect(took).toBeLessThan(10_000);
    expect(alive()).toBe(true);
  });

  it('a silent network (nothing closes): 503 within the deadline, not a hang; recovers', async () => {
    proxy.pause();
    const started = Date.now();
    const answers = await Promise.all([probe(), probe(), probe('/readyz')]);
    const elapsed = Date.now() - started;
    expect(alive(), `the server exited:\n${server.output().slice(-3000)}`).toBe(true);
    expect(answers[0], JSON.stringify(answers)).toMatchObject({ status: 503, code: 'database_unavailable' });
    expect(answers[1], JSON.stringify(answers)).toMatchObject({ status: 503, code: 'database_unavailable' });
    expect(answers[2]!.status).toBe(503);
    // Statement deadline 2 s (+1 s client margin), connect deadline 1 s.
    expect(elapsed).toBeLessThan(6_000);

    await proxy.cut();
    await proxy.start();
    const took = await waitFor('recovery after the network answered again', recovered);
    expect(took).toBeLessThan(10_000);
  });

  it("survives pg_terminate_backend of the server's connections, idle and under load", async () => {
    const terminate = () =>
      admin((client) =>
        client.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [
          applicationName,
        ]),
      );
    // Idle pooled connections: on old code this was an unhandled 'error' event and the process died.
    expect((await probe()).status).toBe(200);
    const idle = await terminate();
    expect(idle.rowCount).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(alive(), `the server exited:\n${server.output().slice(-3000)}`).toBe(true);
    await waitFor('answers after idle connections were terminated', recovered, 5_000);

    const traffic = load();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await terminate();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await terminate();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const answers = await traffic.stop();
    expect(alive(), `the server exited:\n${server.output().slice(-3000)}`).toBe(true);
    const bad = answers.filter((answer) => answer.status !== 200 && answer.status !== 503);
    expect(bad, JSON.stringify(bad.slice(0, 5))).toEqual([]);
    await waitFor('answers after busy connections were terminated', recovered, 5_000);
  });
});
