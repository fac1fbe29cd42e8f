import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The server secret keys what must not be forgeable or readable from a copy of
 * the database alone (queued invitation links, paging tokens). It comes from
 * ROSTER_SECRET, else from a file generated at first run beside the data; all
 * instances behind one load balancer must share it.
 */
export function readOrCreateSecretFile(file: string): Buffer {
  try {
    return decodeSecret(fs.readFileSync(file, 'utf8'), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const secret = crypto.randomBytes(32);
  try {
    // 'wx': two processes starting at once never overwrite each other's secret.
    fs.writeFileSync(file, `${secret.toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return decodeSecret(fs.readFileSync(file, 'utf8'), file);
  }
}

function decodeSecret(text: string, file: string): Buffer {
  const secret = Buffer.from(text.trim(), 'base64url');
  if (secret.length < 32) throw new Error(`The server secret in ${file} is shorter than 32 bytes.`);
  return secret;
}

/** A secret given as text (ROSTER_SECRET): any length ≥ 32 characters, stretched to 32 bytes. */
export function secretFromText(text: string): Buffer {
  return crypto.createHash('sha256').update(text, 'utf8').digest();
}

const derivedKeys = new WeakMap<Buffer, Map<string, Buffer>>();

/**
 * One independent key per purpose, so a key leaked from one use says nothing
 * of the others. Derived once per secret and purpose (paging tokens ask on
 * every list request).
 */
export function deriveKey(secret: Buffer, purpose: string): Buffer {
  let keys = derivedKeys.get(secret);
  if (!keys) derivedKeys.set(secret, (keys = new Map()));
  let key = keys.get(purpose);
  if (!key) {
    key = Buffer.from(crypto.hkdfSync('sha256', secret, Buffer.alloc(0), `roster:${purpose}`, 32));
    keys.set(purpose, key);
  }
  return key;
}
