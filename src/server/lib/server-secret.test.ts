import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveKey, readOrCreateSecretFile } from './server-secret.ts';

describe('server secret', () => {
  it('is generated once at first run, private to the owner, and read back on the next start', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-secret-'));
    const file = path.join(dir, 'nested', 'secret.key');
    const first = readOrCreateSecretFile(file);
    expect(first).toHaveLength(32);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(readOrCreateSecretFile(file).equals(first)).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a truncated key file instead of running with a weak secret', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-secret-'));
    const file = path.join(dir, 'secret.key');
    fs.writeFileSync(file, 'short');
    expect(() => readOrCreateSecretFile(file)).toThrow(/shorter than 32 bytes/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('derives a different key per purpose', () => {
    const secret = Buffer.alloc(32, 7);
    expect(deriveKey(secret, 'a').equals(deriveKey(secret, 'b'))).toBe(false);
    expect(deriveKey(secret, 'a').equals(deriveKey(secret, 'a'))).toBe(true);
  });
});
