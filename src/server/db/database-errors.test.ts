import SQLite from 'better-sqlite3';
import pg from 'pg';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { setupOrganization } from '../test/actors.ts';
import { createTestApp, testDialect, type TestContext } from '../test/test-app.ts';
import { classifyDatabaseError } from './database-errors.ts';

/**
 * A database that is busy, full or refuses a value gives the caller a clear
 * answer (503 / 507 / 400) within the deadline, never a 500 or a hang, and
 * the server carries on once the trouble is gone.
 */
let t: TestContext | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const timeouts = { connectMs: 1_000, statementMs: 500, sqliteBusyMs: 300, readyMs: 1_000 };

describe('database deadlines and failures', () => {
  it('answers 503 database_unavailable within the deadline while another writer holds the lock, then recovers', async () => {
    t = await createTestApp({ databaseTimeouts: timeouts });
    const owner = await setupOrganization(t.app);
    const config = t.deps.config.database;
    let release: () => Promise<void>;
    if (config.kind === 'sqlite') {
      const other = new SQLite(config.path);
      other.exec('begin immediate');
      release = async () => {
        other.exec('rollback');
        other.close();
      };
    } else {
      const other = new pg.Client({ connectionString: config.url });
      await other.connect();
      await other.query('begin');
      await other.query(`lock table ${config.schema}.api_keys in access exclusive mode`);
      release = async () => {
        await other.query('rollback');
        await other.end();
      };
    }
    const started = Date.now();
    const blocked = await owner.request({ method: 'POST', url: '/api/v2/api_keys', payload: { name: 'ci' } });
    const elapsed = Date.now() - started;
    await release();
    expect(blocked.statusCode, blocked.body).toBe(503);
    expect(blocked.json()).toEqual({
      error: {
        code: 'database_unavailable',
        message: expect.stringMatching(/try again/),
        detail: blocked.json().error.message,
      },
    });
    expect(blocked.headers['retry-after']).toBe('5');
    expect(elapsed).toBeLessThan(5_000);
    const after = await owner.request({ method: 'POST', url: '/api/v2/api_keys', payload: { name: 'ci' } });
    expect(after.statusCode, after.body).toBe(201);
  });

  it.runIf(testDialect === 'postgres')('maps an encoding error of PostgreSQL to 400, never 500', async () => {
    t = await createTestApp();
    const error = await sql`select ${'a\u0000b'}::text as value`.execute(t.deps.database.db).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect((error as { code?: string }).code).toBe('22021');
    expect(classifyDatabaseError(error)).toMatchObject({ status: 400, code: 'validation_failed' });
  });

  it.runIf(testDialect === 'sqlite')(
    'answers 507 storage_full when the database file cannot grow (not "cannot rollback"), and recovers',
    async () => {
      t = await createTestApp();
      const owner = await setupOrganization(t.app);
      const db = t.deps.database.db;
      const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(db);
      await sql.raw(`pragma max_page_count = ${rows[0]!.page_count}`).execute(db);
      let full: Awaited<ReturnType<typeof owner.request>> | undefined;
      for (let i = 0; i < 300 && !full; i++) {
        const response = await owner.request({
          method: 'POST',
          url: '/api/v2/api_keys',
          payload: { name: `key ${i} ${'x'.repeat(90)}` },
        });
        expect([201, 507], response.body).toContain(response.statusCode);
        if (response.statusCode === 507) full = response;
      }
      expect(full, 'the database never filled up').toBeDefined();
      expect(full!.json()).toEqual({
        error: {
          code: 'storage_full',
          message: expect.stringMatching(/full/),
          detail: full!.json().error.message,
        },
      });
      await sql.raw('pragma max_page_count = 1073741823').execute(db);
      const after = await owner.request({
        method: 'POST',
        url: '/api/v2/api_keys',
        payload: { name: 'after' },
      });
      expect(after.statusCode, after.body).toBe(201);
    },
  );
});
