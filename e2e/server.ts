/**
 * Launches one Roster for the journeys, as production runs it:
 *   - a fresh SQLite database in a scratch directory (wiped on every start),
 *   - an in-process SMTP receiver that writes each message to <runDir>/mail/<n>.json (+ .eml),
 *   - `src/server/main.ts` with NODE_ENV=production serving the built console from dist/,
 *   - a seeding control endpoint on 127.0.0.1 (test code only, never part of the product):
 *       POST /members  { members: [{ name, email, role?, created_at? }] } → { members: [{ id, user_id, email, name, role }] }
 *     It inserts through the members repository into the (single) organization,
 *     so journeys can have people before invitations exist.
 *       POST /bulk-members { count, prefix, domain } → { inserted }
 *     Many people at once (multi-row inserts in one transaction, no password):
 *     "<prefix> 00001" <prefix>.00001@<domain>, joined in 2020, so they sort after
 *     everyone else by name, email and join date and leave other journeys' pages alone.
 *       POST /organizations { name, owner: { name, email } } → { organization_id, owner: { id, email } }
 *     A second organization with its own owner (password as every seeded person), for
 *     journeys that change organization-wide settings (SSO required) without touching
 *     the one every other journey shares.
 *   - a SAML identity provider for the SSO journey (src/server/test/saml-idp.ts, samlify with
 *     its own key pair) on E2E_PORT + 3: /idp/metadata, and /idp/sso, a sign-in form that
 *     answers Roster's AuthnRequest with a signed response posted to the ACS.
 *
 * Usage: E2E_PORT=3210 npx tsx e2e/server.ts   (playwright.config.ts starts it)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import type { PermissionLevel } from '#contract/roles.ts';
import { createDatabase } from '../src/server/db/database.ts';
import { hashPassword, newId } from '../src/server/lib/crypto.ts';
import { createOrganizationWithOwner, insertMembers } from '../src/server/db/seed.ts';
import { startTestIdpServer } from '../src/server/test/saml-idp.ts';
import * as members from '../src/server/modules/members/members.repository.ts';
import { e2ePassword, rosterServer } from './env.ts';
import { parseMail, type ReceivedMail } from './mail.ts';

const root = path.resolve(import.meta.dirname, '..');
const server = rosterServer(Number(process.env.E2E_PORT ?? 3210));
const scryptLogN = 12;

function log(message: string) {
  process.stderr.write(`[e2e server :${server.port}] ${message}\n`);
}

// ---- the build under test -------------------------------------------------
const distIndex = path.join(root, 'dist', 'index.html');
if (!fs.existsSync(distIndex)) {
  log('dist/ is missing: run `npm run build` first (npm test does).');
  process.exit(1);
}
const newestSource = newestMtime([path.join(root, 'src', 'client'), path.join(root, 'index.html')]);
if (newestSource > fs.statSync(distIndex).mtimeMs) {
  log('WARNING: dist/ is older than src/client — the journeys test the last build. Run `npm run build`.');
}

// ---- scratch directory ----------------------------------------------------
fs.rmSync(server.runDir, { recursive: true, force: true });
fs.mkdirSync(server.mailDir, { recursive: true });
const sqlitePath = path.join(server.runDir, 'roster.db');

// ---- SMTP receiver --------------------------------------------------------
let received = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onAuth: (_auth, _session, callback) => callback(null, { user: 'e2e' }),
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const n = ++received;
      const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
      const mail: ReceivedMail = {
        n,
        from,
        to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
        ...parseMail(raw),
        receivedAt: new Date().toISOString(),
      };
      const name = String(n).padStart(4, '0');
      fs.writeFileSync(path.join(server.mailDir, `${name}.eml`), raw);
      // Written last and renamed into place, so readers never see half a message.
      const json = path.join(server.mailDir, `${name}.json`);
      fs.writeFileSync(`${json}.tmp`, JSON.stringify(mail, null, 2));
      fs.renameSync(`${json}.tmp`, json);
      callback();
    });
  },
});
await new Promise<void>((resolve, reject) => {
  smtp.once('error', reject);
  smtp.listen(server.smtpPort, '127.0.0.1', () => resolve());
});

// ---- seeding control ------------------------------------------------------
const database = createDatabase({ kind: 'sqlite', path: sqlitePath });
const passwordHash = hashPassword(e2ePassword, scryptLogN);

type SeedMember = { name: string; email: string; role?: PermissionLevel; created_at?: string };

async function seedMembers(input: SeedMember[]) {
  const org = await database.db
    .selectFrom('organizations')
    .select('id')
    .orderBy('created_at')
    .executeTakeFirst();
  if (!org) throw Object.assign(new Error('No organization yet: run setup first.'), { status: 409 });
  const hash = await passwordHash;
  const created = [];
  for (const member of input) {
    const row = {
      id: newId(),
      user_id: newId(),
      org_id: org.id,
      email: member.email.normalize('NFC').toLowerCase(),
      name: member.name,
      role: member.role ?? ('collaborator' as const),
      password_hash: hash,
      created_at: member.created_at ?? new Date().toISOString(),
      invited_by: null,
    };
    await members.insertMember(database.db, row);
    created.push({ id: row.id, user_id: row.user_id, email: row.email, name: row.name, role: row.role });
  }
  return created;
}

async function seedBulk(input: { count: number; prefix: string; domain: string }) {
  const org = await database.db
    .selectFrom('organizations')
    .select('id')
    .orderBy('created_at')
    .executeTakeFirst();
  if (!org) throw Object.assign(new Error('No organization yet: run setup first.'), { status: 409 });
  const rows = Array.from({ length: input.count }, (_, index) => {
    const n = String(index + 1).padStart(5, '0');
    return {
      id: newId(),
      user_id: newId(),
      org_id: org.id,
      email: `${input.prefix.toLowerCase().replace(/[^a-z0-9]+/g, '.')}.${n}@${input.domain}`,
      name: `${input.prefix} ${n}`,
      role: 'collaborator' as const,
      password_hash: null,
      created_at: new Date(Date.UTC(2020, 0, 1) + index * 1000).toISOString(),
      removed_at: null,
      invited_by: null,
    };
  });
  await database.db.transaction().execute((trx) => insertMembers(trx, rows));
  return { inserted: rows.length };
}

async function seedOrganization(input: { name: string; owner: { name: string; email: string } }) {
  const { orgId } = await createOrganizationWithOwner(database, {
    organizationName: input.name,
    name: input.owner.name,
    email: input.owner.email.normalize('NFC'),
    passwordHash: await passwordHash,
  });
  return { organization_id: orgId, owner: { email: input.owner.email.toLowerCase() } };
}

const controlRoutes = new Set(['/members', '/bulk-members', '/organizations']);
const control = http.createServer((request, response) => {
  const reply = (status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  if (request.method !== 'POST' || !controlRoutes.has(request.url ?? ''))
    return reply(404, { error: 'not found' });
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    void (async () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
        if (request.url === '/organizations') {
          reply(
            201,
            await seedOrganization(body as { name: string; owner: { name: string; email: string } }),
          );
          return;
        }
        if (request.url === '/bulk-members') {
          reply(201, await seedBulk(body as { count: number; prefix: string; domain: string }));
          return;
        }
        reply(201, { members: await seedMembers((body as { members: SeedMember[] }).members) });
      } catch (error) {
        const status = (error as { status?: number }).status ?? 500;
        reply(status, { error: error instanceof Error ? error.message : String(error) });
      }
    })();
  });
});
await new Promise<void>((resolve, reject) => {
  control.once('error', reject);
  control.listen(server.port + 2, '127.0.0.1', () => resolve());
});

// ---- SAML identity provider -------------------------------------------------
// Roster's SP entity id is its metadata URL: the IdP reads each AuthnRequest's issuer there.
const idp = await startTestIdpServer({
  port: server.port + 3,
  spMetadataUrl: (issuer) => issuer,
});

// ---- the app --------------------------------------------------------------
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'production',
  PORT: String(server.port),
  HOST: '127.0.0.1',
  PUBLIC_URL: server.url,
  SQLITE_PATH: sqlitePath,
  STATIC_DIR: path.join(root, 'dist'),
  SMTP_URL: `smtp://127.0.0.1:${server.smtpPort}`,
  MAIL_FROM: 'Roster <roster@e2e.test>',
  MAIL_RETRY_SECONDS: '1,2,5',
  MAIL_POLL_MS: '200',
  // Journeys invite and sign in far more often than people do.
  INVITE_REQUESTS_PER_OWNER_PER_DAY: '100000',
  INVITE_REQUESTS_PER_ORG_PER_DAY: '100000',
  INVITE_ACCEPT_ATTEMPTS_PER_IP: '100000',
  SCRYPT_LOG_N: String(scryptLogN),
  LOGIN_MAX_ATTEMPTS: '10000',
  LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
};
delete env.DATABASE_URL;
const app = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
  cwd: root,
  env,
  stdio: ['ignore', 'inherit', 'inherit'],
});
log(
  `Roster ${server.url} · SMTP :${server.smtpPort} · mail ${server.mailDir} · control ${server.controlUrl} · IdP ${idp.url}`,
);

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  if (app.exitCode === null) app.kill('SIGTERM');
  smtp.close(() => undefined);
  control.close();
  await idp.close().catch(() => undefined);
  await database.destroy().catch(() => undefined);
  process.exit(code);
}
app.on('exit', (code, signal) => {
  if (!stopping) log(`the app exited (${signal ?? code})`);
  void stop(code ?? 1);
});
process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));

function newestMtime(paths: string[]): number {
  let newest = 0;
  for (const entry of paths) {
    const stat = fs.statSync(entry);
    if (stat.isDirectory()) {
      newest = Math.max(newest, newestMtime(fs.readdirSync(entry).map((name) => path.join(entry, name))));
    } else if (!/\.test\.tsx?$/.test(entry)) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  }
  return newest;
}
