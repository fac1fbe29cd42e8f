import { buildApp } from './app.ts';
import { developmentFeatures, loadConfig } from './config.ts';
import {
  checkSqliteFiles,
  createDatabase,
  describeStartupFailure,
  migrateToLatest,
  refreshPlannerStatistics,
} from './db/database.ts';
import { createTransport } from './mail/transports.ts';
import { createMailWorker } from './mail/worker.ts';
import { serveMetrics } from './plugins/metrics.ts';

const config = loadConfig();
// The app's logger once it exists; until then warnings go to stderr.
const logger: { current?: { warn: (obj: object, msg: string) => void } } = {};
const database = createDatabase(config.database, {
  timeouts: config.databaseTimeouts,
  onConnectionError: (error) =>
    (logger.current ?? { warn: (obj: object, msg: string) => console.warn(msg, obj) }).warn(
      { err: error },
      'database connection lost; requests answer 503 until it is back',
    ),
});
try {
  if (config.database.kind === 'sqlite') checkSqliteFiles(config.database.path);
  await migrateToLatest(database);
  await refreshPlannerStatistics(database);
} catch (error) {
  // One clear line for the operator, not a stack trace (and nothing left behind that blocks the next start).
  console.error(`Roster cannot start: ${describeStartupFailure(config.database, error)}`);
  await database.destroy().catch(() => undefined);
  process.exit(1);
}

const app = await buildApp(
  { config, database },
  { staticRoot: config.env === 'production' ? config.staticDir : null, logger: true },
);

logger.current = app.log;

if (developmentFeatures(config)) {
  app.log.warn(
    `DEVELOPMENT MODE (NODE_ENV=development, HOST=${config.host}): anyone who reaches this server can sign in ` +
      'as any member without a password, and the development mailbox is open. Never run it like this for real data.',
  );
} else if (config.env === 'development') {
  app.log.warn(
    `NODE_ENV=development but HOST=${config.host} is not a loopback address: the development features ` +
      '(sign in as anyone, the development mailbox) are OFF. Listen on 127.0.0.1 to use them.',
  );
} else {
  app.log.info(`Mode: ${config.env} (NODE_ENV=${config.env}); development features are off.`);
}

const transport = createTransport(app.deps);
const mailWorker = transport ? createMailWorker(app.deps, transport, { log: app.log }) : null;
if (!transport) {
  app.log.warn(
    'SMTP_URL is not set: invitation emails will NOT be sent. Owners must copy each invitation link ' +
      'and share it by hand. Set SMTP_URL (e.g. smtp://user:pass@mail.example.com:587) to send mail.',
  );
} else if (!config.smtpUrl) {
  app.log.info(
    `SMTP_URL is not set: invitation mail goes to the development mailbox, ${config.publicUrl}/dev/mailbox`,
  );
}

if (/^http:/.test(config.publicUrl) && !/^http:\/\/(localhost|127\.0\.0\.1)(:|\/|$)/.test(config.publicUrl)) {
  app.log.warn(
    `PUBLIC_URL is ${config.publicUrl}: session cookies are Secure outside localhost, so browsers will not ` +
      'keep them over plain http and sign-in will not stick. Serve Roster over https and set PUBLIC_URL to that address.',
  );
}

let metricsServer: { port: number; close: () => Promise<void> } | null = null;
let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  // Whatever SMTP or the database do, the process is gone within 10 s (orchestrators SIGKILL soon after).
  setTimeout(() => {
    app.log.error('shutdown took longer than 9 s; exiting now');
    process.exit(1);
  }, 9_000).unref();
  // The worker abandons its send in flight and gives the mail back; in parallel, requests drain.
  await Promise.all([mailWorker?.stop(), app.close(), metricsServer?.close()]);
  await database.destroy();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
if (app.metrics && config.metrics.port !== null) {
  metricsServer = await serveMetrics(app.metrics, { host: config.host, port: config.metrics.port });
  app.log.info(`Metrics at http://${config.host}:${metricsServer.port}/metrics`);
} else if (app.metrics) {
  app.log.info(`Metrics at ${config.publicUrl}/metrics`);
}
mailWorker?.start();
const where = config.database.kind === 'sqlite' ? `SQLite at ${config.database.path}` : 'PostgreSQL';
app.log.info(`Roster is running at ${config.publicUrl} (${where})`);
