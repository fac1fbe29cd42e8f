import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { createDatabase, migrateToLatest } from './db/database.ts';

const config = loadConfig();
const database = createDatabase(config.database);
await migrateToLatest(database);

const app = await buildApp(
  { config, database },
  { staticRoot: config.env === 'production' ? config.staticDir : null, logger: true },
);

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  await app.close();
  await database.destroy();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
const where = config.database.kind === 'sqlite' ? `SQLite at ${config.database.path}` : 'PostgreSQL';
app.log.info(`Roster is running at ${config.publicUrl} (${where})`);
