import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScryptPool } from './scrypt-pool.ts';

const options = { N: 2 ** 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const hashOf = (pool: ScryptPool, password: string, salt = crypto.randomBytes(16)) =>
  pool.hash({ password, salt, keyLength: 32, options });

describe('scrypt pool', () => {
  it('derives the same keys as scrypt itself, several at once', async () => {
    const pool = new ScryptPool();
    const inputs = ['correct horse', 'battery staple', 'é composed', 'third in line'].map((password) => ({
      password,
      salt: crypto.randomBytes(16),
    }));
    const keys = await Promise.all(inputs.map(({ password, salt }) => hashOf(pool, password, salt)));
    expect(keys.map((key) => key.toString('hex'))).toEqual(
      inputs.map(({ password, salt }) => crypto.scryptSync(password, salt, 32, options).toString('hex')),
    );
  });

  it('hashes in a process of lower priority than the server', async () => {
    const pool = new ScryptPool(13);
    await hashOf(pool, 'x');
    expect(pool.processId).not.toBe(process.pid);
    expect(os.getPriority(pool.processId)).toBe(13);
  });

  it('answers a failed hash with an error and goes on hashing in the same process', async () => {
    const pool = new ScryptPool();
    await hashOf(pool, 'warm');
    const running = pool.processId;
    // Over maxmem: scrypt refuses the parameters.
    await expect(
      pool.hash({
        password: 'x',
        salt: crypto.randomBytes(16),
        keyLength: 32,
        options: { ...options, maxmem: 1024 },
      }),
    ).rejects.toThrow(/memory limit/);
    const salt = crypto.randomBytes(16);
    expect((await hashOf(pool, 'y', salt)).equals(crypto.scryptSync('y', salt, 32, options))).toBe(true);
    expect(pool.processId).toBe(running);
  });

  it('fails the hashes a dead process took with it, and starts a new one for the next', async () => {
    const pool = new ScryptPool();
    await hashOf(pool, 'warm');
    const first = pool.processId!;
    const lost = hashOf(pool, 'lost', crypto.randomBytes(16));
    process.kill(first, 'SIGKILL');
    await expect(lost).rejects.toThrow(/exited/);
    const salt = crypto.randomBytes(16);
    expect((await hashOf(pool, 'after', salt)).equals(crypto.scryptSync('after', salt, 32, options))).toBe(
      true,
    );
    expect(pool.processId).not.toBe(first);
  });
});

describe('scrypt pool in a script', () => {
  it('keeps a script alive while its hash is in flight, and lets it end once idle', () => {
    // A script whose only pending work is a hash: it must print the key and end by itself.
    const script = [
      `import { ScryptPool } from ${JSON.stringify(path.join(import.meta.dirname, 'scrypt-pool.ts'))};`,
      `const key = await new ScryptPool().hash({ password: 'p', salt: Buffer.alloc(16), keyLength: 8,`,
      `  options: { N: 1024, r: 8, p: 1, maxmem: 32 * 1024 * 1024 } });`,
      `console.log(key.toString('hex'));`,
    ].join('\n');
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'scrypt-pool-'));
    const file = path.join(folder, 'script.mts');
    fs.writeFileSync(file, script);
    const run = spawnSync(path.resolve('node_modules/.bin/tsx'), [file], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    fs.rmSync(folder, { recursive: true, force: true });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(
      crypto.scryptSync('p', Buffer.alloc(16), 8, { N: 1024, r: 8, p: 1 }).toString('hex'),
    );
  });
});
