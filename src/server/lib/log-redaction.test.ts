import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { createDatabase, migrateToLatest } from '../db/database.ts';
import { createTestDatabase } from '../test/test-app.ts';
import { redactUrl } from './log-redaction.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function loggingApp() {
  const { config: dbConfig, drop } = await createTestDatabase();
  const database = createDatabase(dbConfig);
  await migrateToLatest(database);
  const lines: string[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  const config = { ...loadConfig({ NODE_ENV: 'test', SCRYPT_LOG_N: '10' }), database: dbConfig };
  const app = await buildApp({ config, database }, { logger: true, logStream: stream });
  cleanups.push(async () => {
    await app.close();
    await database.destroy();
    await drop();
  });
  return { app, lines };
}

describe('the request log', () => {
  it('never contains the token of an invitation link', async () => {
    const { app, lines } = await loggingApp();
    const token = 'Zq3k9X_secret-invitation-token-0123456789';
    await app.inject({ method: 'GET', url: `/invitations/accept?token=${token}` });
    await app.inject({ method: 'GET', url: `/invitations/accept?utm=mail&token=${token}&x=1` });
    await app.inject({
      method: 'POST',
      url: `/api/v2/invitation_acceptances/preview?token=${token}`,
      headers: { 'x-requested-with': 'roster' },
      payload: { token },
    });
    const log = lines.join('\n');
    // The page is logged by its path, the API call by its route pattern; no query string at all.
    const requests = lines.map((line) => JSON.parse(line)).filter((line) => line.msg === 'request');
    expect(requests.map((line) => line.path ?? line.route)).toEqual([
      '/invitations/accept',
      '/invitations/accept',
      '/api/v2/invitation_acceptances/preview',
    ]);
    expect(log).not.toContain('utm=mail');
    expect(log).not.toContain(token);
    expect(log).not.toContain(token.slice(0, 12));
  });

  it('redacts every token-like query value and keeps the rest', () => {
    expect(redactUrl('/api/v2/organization_collaborators?q=ann&paging_token=abc')).toBe(
      '/api/v2/organization_collaborators?q=ann&paging_token=abc',
    );
    expect(redactUrl('/reset?reset_token=s3cr3t&Token=x&%74oken=y')).toBe(
      '/reset?reset_token=[redacted]&Token=[redacted]&%74oken=[redacted]',
    );
    expect(redactUrl('/settings/members')).toBe('/settings/members');
  });
});
