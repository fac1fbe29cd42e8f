import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { createDatabase } from '../../db/database.ts';
import { createTestApp, createTestDatabase, type TestContext } from '../../test/test-app.ts';

/** /healthz and /readyz for load balancers: JSON always, never the console's index.html. */
let t: TestContext;
let staticRoot: string;
beforeAll(async () => {
  t = await createTestApp();
  staticRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-static-'));
  fs.writeFileSync(path.join(staticRoot, 'index.html'), '<!doctype html><title>Roster</title>');
});
afterAll(async () => {
  await t.close();
  fs.rmSync(staticRoot, { recursive: true, force: true });
});

describe('health endpoints', () => {
  it('answer JSON next to a built console, and unknown API paths never fall through to index.html', async () => {
    const app = await buildApp(t.deps, { staticRoot });
    try {
      const live = await app.inject({ method: 'GET', url: '/healthz' });
      expect(live.statusCode).toBe(200);
      expect(live.headers['content-type']).toMatch(/application\/json/);
      expect(live.json()).toEqual({ status: 'ok' });
      const ready = await app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode, ready.body).toBe(200);
      expect(ready.headers['content-type']).toMatch(/application\/json/);
      expect(ready.headers['cache-control']).toBe('no-store');
      expect(ready.json()).toEqual({ status: 'ok', database: 'ok', elapsed_ms: expect.any(Number) });
      for (const url of ['/api/v2/nothing_here', '/api', '/api/v3/x', '/healthz/deep', '/readyz/x?y=1']) {
        const response = await app.inject({ method: 'GET', url });
        expect(response.statusCode, url).toBe(404);
        expect(response.json(), url).toEqual({
          error: { code: 'not_found', message: expect.any(String), detail: expect.any(String) },
        });
      }
      // A client route still gets the console.
      const page = await app.inject({ method: 'GET', url: '/settings/members' });
      expect(page.headers['content-type']).toMatch(/text\/html/);
    } finally {
      await app.close();
    }
  });

  it('are public and ignore credentials and junk: no session, no CSRF, no 5xx', async () => {
    for (const url of ['/healthz', '/readyz']) {
      for (const headers of [
        {},
        { authorization: 'Bearer not-a-key' },
        { authorization: 'Basic x' },
        { cookie: 'roster_session=%00junk' },
      ]) {
        const response = await t.app.inject({ method: 'GET', url: `${url}?probe=%00`, headers });
        expect(response.statusCode, `${url} ${JSON.stringify(headers)}`).toBe(200);
      }
      const post = await t.app.inject({ method: 'POST', url, payload: {} });
      expect(post.statusCode).toBe(404);
      expect(post.json().error.code).toBe('not_found');
    }
  });

  it('readiness is 503 with a reason when migrations are not applied or the database is gone', async () => {
    const { config, drop } = await createTestDatabase();
    const database = createDatabase(config);
    const app = await buildApp({ ...t.deps, database });
    try {
      const pending = await app.inject({ method: 'GET', url: '/readyz' });
      expect(pending.statusCode, pending.body).toBe(503);
      expect(pending.json()).toMatchObject({ status: 'unavailable', database: 'migrations_pending' });
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      await database.destroy();
      const gone = await app.inject({ method: 'GET', url: '/readyz' });
      expect(gone.statusCode, gone.body).toBe(503);
      expect(gone.json()).toMatchObject({ status: 'unavailable', database: 'database_unavailable' });
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await drop();
    }
  });
});
