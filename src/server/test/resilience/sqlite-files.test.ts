import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killAllServers, startServer } from '../server-process.ts';

/**
 * SQLite file trouble at startup: a database file made read-only stops the
 * server with one clear line (not a crash in a later step), and nothing is
 * left behind that blocks the next start once the mode is fixed.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-files-'));
const file = path.join(dir, 'roster.db');
const env = {
  SQLITE_PATH: file,
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  SCRYPT_LOG_N: '10',
  STATIC_DIR: '/nonexistent',
  ROSTER_SECRET: crypto.randomBytes(32).toString('hex'),
};

afterAll(async () => {
  await killAllServers();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('SQLite file trouble', () => {
  it('a read-only database file: one clear message and exit; after chmod u+w it starts', async () => {
    const first = await startServer(env);
    await first.kill9();
    fs.chmodSync(file, 0o444);
    const failure = await startServer(env).then(
      () => undefined,
      (error: Error) => error.message,
    );
    expect(failure, 'the server started on a read-only file').toBeDefined();
    expect(failure).toMatch(/Roster cannot start: the SQLite database .* is read-only/);
    expect(failure).toMatch(/chmod u\+w/);
    expect(failure).not.toMatch(/\n\s+at /);
    for (const companion of [`${file}-wal`, `${file}-shm`]) {
      if (fs.existsSync(companion)) expect(fs.statSync(companion).mode & 0o200, companion).not.toBe(0);
    }
    fs.chmodSync(file, 0o644);
    const again = await startServer(env);
    expect((await fetch(`${again.url}/readyz`)).status).toBe(200);
    await again.kill9();
  });

  it('-wal/-shm files left read-only by an earlier start do not block the next one', async () => {
    for (const companion of [`${file}-wal`, `${file}-shm`]) {
      if (!fs.existsSync(companion)) fs.writeFileSync(companion, '');
    }
    fs.chmodSync(`${file}-shm`, 0o444);
    fs.chmodSync(`${file}-wal`, 0o444);
    const server = await startServer(env);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect(fs.statSync(`${file}-shm`).mode & 0o200).not.toBe(0);
    await server.kill9();
  });
});
