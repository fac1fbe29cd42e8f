import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type BuildOptions } from '../app.ts';
import type { AppDeps, TestSeams } from '../deps.ts';
import { loadConfig, type Config } from '../config.ts';
import { createDatabase, migrateToLatest, type AppDatabase } from '../db/database.ts';

/**
 * A fresh app on a fresh database for one test file. SQLite by default; set
 * ROSTER_TEST_DB=postgres to run the same suite on PostgreSQL, each file in its
 * own schema so files run in parallel.
 */
export const testDialect: 'sqlite' | 'postgres' =
  process.env.ROSTER_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

const postgresUrl = process.env.ROSTER_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type TestClock = { now: Date; advance: (ms: number) => void };

export type TestContext = {
  app: FastifyInstance;
  deps: AppDeps;
  clock: TestClock;
  /**
   * The first instance's seams: set a hook to step into its next request (it
   * usually clears itself). Second instances have their own, empty ones.
   */
  seams: TestSeams;
  /** A second app instance on the same database, as behind a load balancer. */
  startSecondInstance: () => Promise<FastifyInstance>;
  close: () => Promise<void>;
};

export async function createTestDatabase(): Promise<{
  config: Config['database'];
  drop: () => Promise<void>;
}> {
  const suffix = crypto.randomBytes(6).toString('hex');
  if (testDialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-test-'));
    return {
      config: { kind: 'sqlite', path: path.join(dir, `${suffix}.db`) },
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const schema = `t_${suffix}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  return {
    config: { kind: 'postgres', url: postgresUrl, schema },
    drop: async () => {
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`drop schema ${schema} cascade`);
      await client.end();
    },
  };
}

/** An app whose requests pass through `seams`: the only way deps get test seams. */
export function buildTestInstance(
  deps: Omit<AppDeps, 'testSeams'>,
  seams: TestSeams,
  build: BuildOptions = {},
): Promise<FastifyInstance> {
  return buildApp({ ...deps, testSeams: seams }, build);
}

export async function createTestApp(
  overrides: Partial<Config> = {},
  build: BuildOptions = {},
): Promise<TestContext> {
  const { config: dbConfig, drop } = await createTestDatabase();
  const clock: TestClock = {
    now: new Date('2026-06-01T12:00:00.000Z'),
    advance(ms) {
      this.now = new Date(this.now.getTime() + ms);
    },
  };
  const config: Config = {
    ...loadConfig({ NODE_ENV: 'test', SCRYPT_LOG_N: '10' }),
    ...overrides,
    database: dbConfig,
    now: () => clock.now,
  };
  const databases: AppDatabase[] = [];
  const apps: FastifyInstance[] = [];
  const start = async () => {
    const database = createDatabase(dbConfig, { timeouts: config.databaseTimeouts });
    databases.push(database);
    const app = await buildTestInstance({ config, database }, {}, build);
    apps.push(app);
    return app;
  };
  await migrateToLatest((await start()).deps.database);
  const app = apps[0]!;
  return {
    app,
    deps: app.deps,
    clock,
    seams: app.deps.testSeams!,
    startSecondInstance: start,
    close: async () => {
      for (const instance of apps) await instance.close();
      for (const database of databases) await database.destroy();
      await drop();
    },
  };
}

export function cookieFrom(response: LightMyRequestResponse): string {
  const header = response.headers['set-cookie'];
  const first = Array.isArray(header) ? header[0] : header;
  if (!first) throw new Error(`No session cookie in response ${response.statusCode}: ${response.body}`);
  return first.split(';')[0]!;
}
