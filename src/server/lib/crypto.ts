import crypto from 'node:crypto';
import { busy } from './errors.ts';
import { ScryptPool } from './scrypt-pool.ts';

/** 256 random bits, URL-safe. Used for session ids, invitation and API key tokens. */
export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

export function sha256(value: string): string {
  return crypto.createHash('sha256').update(value).digest('hex');
}

export function newId(): string {
  return crypto.randomUUID();
}

const keyLength = 32;

/**
 * At most `running` password hashes at once (each scrypt at N=2^17 takes 128 MiB
 * and a core for a quarter of a second) and `waiting` more in line; beyond that the
 * caller gets a 429 with Retry-After at once, instead of every sign-in, memory
 * and the thread pool degrading together under a burst.
 */
export class HashQueue {
  private active = 0;
  private readonly queue: Array<() => void> = [];
  constructor(
    readonly running: number,
    readonly waiting: number,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.running) {
      if (this.queue.length >= this.waiting) {
        throw busy('Too many sign-ins at once. Try again in a moment.', 1);
      }
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await task();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }
}

const hashQueue = new HashQueue(2, 16);
const scryptPool = new ScryptPool();

/** Hash format: scrypt$<logN>$<r>$<p>$<salt b64>$<hash b64>, so costs can change later. */
export async function hashPassword(password: string, logN: number): Promise<string> {
  const salt = crypto.randomBytes(16);
  const N = 2 ** logN;
  const hash = await hashQueue.run(() =>
    scryptPool.hash({
      password: password.normalize('NFC'),
      salt,
      keyLength,
      options: { N, r: 8, p: 1, maxmem: 256 * N * 8 + 1024 * 1024 },
    }),
  );
  return ['scrypt', logN, 8, 1, salt.toString('base64'), hash.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, logN, r, p, salt, expected] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !expected) return false;
  const N = 2 ** Number(logN);
  const expectedBytes = Buffer.from(expected, 'base64');
  const actual = await hashQueue.run(() =>
    scryptPool.hash({
      password: password.normalize('NFC'),
      salt: Buffer.from(salt, 'base64'),
      keyLength: expectedBytes.length,
      options: { N, r: Number(r), p: Number(p), maxmem: 256 * N * Number(r) + 1024 * 1024 },
    }),
  );
  return crypto.timingSafeEqual(actual, expectedBytes);
}
