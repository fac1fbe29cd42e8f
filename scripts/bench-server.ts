/**
 * The servers `npm run bench` measures, in their own process so the load
 * generator does not share their event loop: one Roster app per database, and
 * a bare Fastify route answering the same JSON body as Roster's first page.
 * Configuration arrives as JSON in BENCH_SERVER_CONFIG; prints one JSON line
 * `{ ready: true, bareBytes }` once everything listens on 127.0.0.1.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { createDatabase, refreshPlannerStatistics } from '../src/server/db/database.ts';

export type BenchServerConfig = {
  rosters: { port: number; sqlitePath: string; staticRoot: string | null }[];
  bare: { port: number; copyFrom: { rosterIndex: number; url: string; apiKey: string } };
};

const setup = JSON.parse(process.env.BENCH_SERVER_CONFIG ?? '') as BenchServerConfig;

const apps: FastifyInstance[] = [];
for (const roster of setup.rosters) {
  const config = loadConfig({
    NODE_ENV: 'production',
    PORT: String(roster.port),
    PUBLIC_URL: `http://localhost:${roster.port}`,
    SQLITE_PATH: roster.sqlitePath,
    LOG_LEVEL: 'silent',
  });
  // Started as src/server/main.ts starts the server (the database is already migrated).
  const database = createDatabase(config.database);
  await refreshPlannerStatistics(database);
  const app = await buildApp({ config, database }, { staticRoot: roster.staticRoot, logger: false });
  await app.listen({ port: roster.port, host: '127.0.0.1' });
  apps.push(app);
}

const source = apps[setup.bare.copyFrom.rosterIndex]!;
const sample = await source.inject({
  method: 'GET',
  url: setup.bare.copyFrom.url,
  headers: { authorization: `Bearer ${setup.bare.copyFrom.apiKey}` },
});
if (sample.statusCode !== 200) throw new Error(`Sample request failed: ${sample.statusCode} ${sample.body}`);
const payload: unknown = sample.json();

const bare = Fastify({ logger: false });
bare.get('/bare', async () => payload);
await bare.listen({ port: setup.bare.port, host: '127.0.0.1' });

console.log(JSON.stringify({ ready: true, bareBytes: JSON.stringify(payload).length }));

async function shutdown() {
  await bare.close();
  for (const app of apps) {
    await app.close();
    await app.deps.database.destroy();
  }
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
