/**
 * npm run dev: the console with hot reload on a seeded demo database.
 *
 * - database: ./data/dev.db (never the production ./data/roster.db), migrated,
 *   and seeded with the demo organizations when empty;
 * - API: `tsx watch src/server/main.ts` on 3001, NODE_ENV=development;
 * - console: Vite on 3000, which proxies /api to the API (vite.config.ts).
 *
 * Ports: ROSTER_DEV_PORT (console, default 3000), ROSTER_API_PORT (API, default 3001).
 * Ctrl-C stops both; if either stops on its own, the other is stopped too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { loadConfig } from '../src/server/config.ts';
import { createDatabase, migrateToLatest } from '../src/server/db/database.ts';
import { isEmpty, seedDemo } from '../src/server/db/seed.ts';
import { hashPassword, randomToken } from '../src/server/lib/crypto.ts';

const root = path.resolve(import.meta.dirname, '..');
const webPort = Number(process.env.ROSTER_DEV_PORT ?? 3000);
const apiPort = Number(process.env.ROSTER_API_PORT ?? 3001);
const sqlitePath = process.env.ROSTER_DEV_SQLITE_PATH ?? './data/dev.db';
const publicUrl = `http://localhost:${webPort}`;

const apiEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'development',
  PORT: String(apiPort),
  PUBLIC_URL: publicUrl,
  SQLITE_PATH: sqlitePath,
};
// Development always runs on its own SQLite file, never on a DATABASE_URL meant for something else.
delete apiEnv.DATABASE_URL;

async function prepareDatabase(): Promise<void> {
  const config = loadConfig(apiEnv);
  const database = createDatabase(config.database);
  try {
    await migrateToLatest(database);
    if (!(await isEmpty(database))) {
      console.log(`[dev] Using ${sqlitePath} (delete it to start again from the demo).`);
      return;
    }
    const password = randomToken(12);
    const summary = await seedDemo(database, {
      passwordHash: await hashPassword(password, config.scryptLogN),
    });
    const credentials = path.join(path.dirname(path.resolve(root, sqlitePath)), 'dev-credentials.txt');
    fs.writeFileSync(
      credentials,
      `Demo accounts of ${sqlitePath} (development only)\n` +
        summary.accounts
          .map((account) => `${account.email} (${account.role}, ${account.orgName})`)
          .join('\n') +
        `\nPassword of every demo account: ${password}\n`,
    );
    console.log(`[dev] Seeded the demo into ${sqlitePath}:`);
    for (const org of summary.organizations) console.log(`[dev]   ${org.name}: ${org.members} members`);
    console.log(
      `[dev]   ${summary.clouds} clouds, ${summary.workloads} workloads, ${summary.invitations} invitations`,
    );
    console.log(`[dev] Sign in from the list on the login page, or with any demo email and the password`);
    console.log(`[dev]   ${password}   (also written to ${path.relative(root, credentials)})`);
  } finally {
    await database.destroy();
  }
}

const colors = { api: '\x1b[36m', web: '\x1b[35m' } as const;
const reset = '\x1b[0m';

function start(
  name: keyof typeof colors,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): ChildProcess {
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = process.stdout.isTTY ? `${colors[name]}[${name}]${reset} ` : `[${name}] `;
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream! }).on('line', (line) => console.log(prefix + line));
  }
  return child;
}

await prepareDatabase();

const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
const children = [
  start('api', bin('tsx'), ['watch', '--clear-screen=false', 'src/server/main.ts'], apiEnv),
  start('web', bin('vite'), ['--port', String(webPort), '--strictPort'], {
    ...process.env,
    PORT: String(webPort),
    ROSTER_API_PORT: String(apiPort),
  }),
];
console.log(
  `[dev] Console: ${publicUrl}  (API on http://localhost:${apiPort}, docs at ${publicUrl}/api/docs)`,
);

let stopping = false;
let exitCode = 0;
function stopAll(code: number) {
  if (stopping) {
    // A second Ctrl-C: do not wait any longer.
    for (const child of children) child.kill('SIGKILL');
    return;
  }
  stopping = true;
  exitCode = code;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  // Never hang on a child that ignores SIGTERM.
  setTimeout(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  }, 5000).unref();
}

for (const child of children) {
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.log(`[dev] ${child.spawnargs.join(' ')} stopped (${signal ?? code}); stopping the rest.`);
      stopAll(code ?? 1);
    }
    if (children.every((each) => each.exitCode !== null || each.signalCode !== null)) process.exit(exitCode);
  });
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
