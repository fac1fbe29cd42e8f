import crypto from 'node:crypto';
import { deriveKey } from '../lib/server-secret.ts';

/**
 * Queued mail holds a live invitation link until it is delivered. Its bodies are
 * stored sealed with AES-256-GCM under deriveKey(secret, 'outbox'), bound to the
 * outbox row's id, so a copy of the database alone cannot accept an invitation
 * (docs/decisions/004). Only the mail worker opens them, right before sending.
 */
const prefix = 'enc:v1:';
const keys = new WeakMap<Buffer, Buffer>();

function keyOf(secret: Buffer): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = deriveKey(secret, 'outbox');
    keys.set(secret, key);
  }
  return key;
}

export function sealMailBody(secret: Buffer, mailId: string, body: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', keyOf(secret), iv);
  cipher.setAAD(Buffer.from(mailId, 'utf8'));
  const sealed = Buffer.concat([cipher.update(body, 'utf8'), cipher.final()]);
  return `${prefix}${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${sealed.toString('base64url')}`;
}

/** The clear body; bodies stored before sealing existed (or already redacted after delivery) pass through. */
export function openMailBody(secret: Buffer, mailId: string, stored: string): string {
  if (!stored.startsWith(prefix)) return stored;
  const [iv, tag, sealed] = stored.slice(prefix.length).split('.');
  const decipher = crypto.createDecipheriv('aes-256-gcm', keyOf(secret), Buffer.from(iv ?? '', 'base64url'));
  decipher.setAAD(Buffer.from(mailId, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag ?? '', 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(sealed ?? '', 'base64url')), decipher.final()]).toString(
    'utf8',
  );
}
