import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.ts';

/**
 * The real server (src/server/main.ts) as a child process, for tests that must
 * kill it the way an operating system would. Node runs the entry point itself
 * (no npx or shell in between), so SIGKILL reaches the process that holds the
 * database connection.
 */

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const running = new Set<ChildProcess>();

export type ServerProcess = {
  url: string;
  pid: number;
  /** SIGKILL: no shutdown handler runs, no connection is closed cleanly. */
  kill9: () => Promise<void>;
  /** What the server printed, for failure messages. */
  output: () => string;
};

/** A port nobody listens on right now (loopback only). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The environment that points the server at `database`. A PostgreSQL schema
 * travels in the connection string: `pg` sends `options` at connection start,
 * so every pooled connection works in that schema.
 */
export function databaseEnv(database: Config['database']): Record<string, string> {
  if (database.kind === 'sqlite') return { SQLITE_PATH: database.path };
  if (!database.schema) return { DATABASE_URL: database.url };
  const separator = database.url.includes('?') ? '&' : '?';
  const options = encodeURIComponent(`-c search_path=${database.schema}`);
  return { DATABASE_URL: `${database.url}${separator}options=${options}` };
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts the server on a free port and resolves once it answers HTTP. */
export async function startServer(
  env: Record<string, string>,
  { readyTimeoutMs = 20_000 } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: repoRoot,
    // Only what the server needs: nothing of the test runner's own database settings leaks in.
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: url,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);

  const server: ServerProcess = {
    url,
    pid: child.pid!,
    kill9: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
    output: () => output,
  };

  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `The server exited before answering (${child.exitCode ?? child.signalCode}):\n${output}`,
      );
    }
    try {
      const response = await fetch(`${url}/api/v2/setup`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return server;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await server.kill9();
  throw new Error(`The server did not answer within ${readyTimeoutMs} ms:\n${output}`);
}

/** Kills every server this module started that is still alive (test teardown, even after a failure). */
export async function killAllServers(): Promise<void> {
  await Promise.all(
    [...running].map(async (child) => {
      child.kill('SIGKILL');
      await exited(child);
    }),
  );
}
