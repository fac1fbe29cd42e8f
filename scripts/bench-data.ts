/**
 * The datasets `npm run bench` measures, seeded once and kept: a SQLite file
 * per size under node_modules/.cache/roster-bench, and a schema per size in
 * the PostgreSQL database `roster_bench`. Both are named by a hash of the
 * migrations (and of the seeding code), so a schema change seeds afresh and
 * anything else reuses what is there. Seeding is `npm run seed`'s code: an
 * organization with its owner, then fillOrganization.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../src/server/config.ts';
import { createDatabase, migrateToLatest, type AppDatabase } from '../src/server/db/database.ts';
import { createOrganizationWithOwner, fillOrganization } from '../src/server/db/seed.ts';
import { hashPassword, newId, randomToken, sha256 } from '../src/server/lib/crypto.ts';

const root = path.resolve(import.meta.dirname, '..');
export const cacheRoot = path.join(root, 'node_modules', '.cache', 'roster-bench');
export const benchPostgresUrl =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/roster_bench';

export type DatasetKind = 'sqlite' | 'postgres';

export type Dataset = {
  kind: DatasetKind;
  members: number;
  database: Config['database'];
  orgId: string;
  email: string;
  password: string;
  apiKey: string;
};

/** Changes whenever a migration or the seeding code does: datasets are reused only under the same key. */
export function schemaKey(): string {
  const hash = crypto.createHash('sha256').update('bench-data v1');
  const migrations = path.join(root, 'src/server/db/migrations');
  for (const file of fs.readdirSync(migrations).sort()) {
    hash.update(file).update(fs.readFileSync(path.join(migrations, file)));
  }
  hash.update(fs.readFileSync(path.join(root, 'src/server/db/seed.ts')));
  return hash.digest('hex').slice(0, 12);
}

type Meta = Omit<Dataset, 'kind' | 'database'>;

async function seed(database: AppDatabase, members: number): Promise<Meta> {
  await migrateToLatest(database);
  const password = randomToken(12);
  const email = 'owner@bench.example';
  const { orgId, ownerId } = await createOrganizationWithOwner(database, {
    organizationName: `Bench ${members}`,
    name: 'Bench Owner',
    email,
    // The production cost (SCRYPT_LOG_N default): the sign-in burst measures it.
    passwordHash: await hashPassword(password, 17),
  });
  await fillOrganization(database, orgId, members - 1, { seed: 7 });
  const apiKey = `rst_${randomToken()}`;
  await database.db
    .insertInto('api_keys')
    .values({
      id: newId(),
      member_id: ownerId,
      name: 'bench',
      prefix: apiKey.slice(0, 10),
      token_hash: sha256(apiKey),
      created_at: new Date().toISOString(),
      last_used_at: null,
      revoked_at: null,
      expires_at: null,
      last_used_ip: null,
    })
    .execute();
  return { members, orgId, email, password, apiKey };
}

export type Prepared = { dataset: Dataset; seededSeconds: number | null };

/** The SQLite dataset of this size: reused from the cache, or seeded into it. */
export async function sqliteDataset(members: number, key: string): Promise<Prepared> {
  const folder = path.join(cacheRoot, `sqlite-${key}`);
  const file = path.join(folder, `roster-${members}.db`);
  const metaFile = `${file}.json`;
  if (fs.existsSync(metaFile) && fs.existsSync(file)) {
    const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as Meta;
    return {
      dataset: { kind: 'sqlite', database: { kind: 'sqlite', path: file }, ...meta },
      seededSeconds: null,
    };
  }
  // Another schema's files are of no use any more.
  if (fs.existsSync(cacheRoot)) {
    for (const entry of fs.readdirSync(cacheRoot)) {
      if (entry.startsWith('sqlite-') && entry !== `sqlite-${key}`) {
        fs.rmSync(path.join(cacheRoot, entry), { recursive: true, force: true });
      }
    }
  }
  fs.mkdirSync(folder, { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
  const started = performance.now();
  const database = createDatabase({ kind: 'sqlite', path: file });
  let meta: Meta;
  try {
    meta = await seed(database, members);
    // Planner statistics and a merged search index, as a long-running server would have them.
    await sql`analyze`.execute(database.db);
    await sql`insert into members_search(members_search) values ('optimize')`.execute(database.db);
  } finally {
    await database.destroy();
  }
  fs.writeFileSync(metaFile, JSON.stringify(meta));
  const seededSeconds = (performance.now() - started) / 1000;
  return { dataset: { kind: 'sqlite', database: { kind: 'sqlite', path: file }, ...meta }, seededSeconds };
}

/** The PostgreSQL dataset of this size: a schema of `roster_bench`, reused or seeded. */
export async function postgresDataset(members: number, key: string): Promise<Prepared> {
  const url = new URL(benchPostgresUrl);
  const name = url.pathname.slice(1);
  const admin = new pg.Client({
    connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).href,
  });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await admin.query(`create database ${pg.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
  const schema = `bench_${members}_${key}`;
  const client = new pg.Client({ connectionString: benchPostgresUrl });
  await client.connect();
  try {
    const found = await client
      .query<{ meta: Meta }>(`select meta from ${pg.escapeIdentifier(schema)}.bench_meta limit 1`)
      .catch(() => undefined);
    const database: Config['database'] = { kind: 'postgres', url: benchPostgresUrl, schema };
    if (found?.rows[0])
      return { dataset: { kind: 'postgres', database, ...found.rows[0].meta }, seededSeconds: null };

    const stale = await client.query<{ nspname: string }>(
      `select nspname from pg_namespace where nspname like $1 and nspname <> $2`,
      [`bench\\_${members}\\_%`, schema],
    );
    for (const row of stale.rows)
      await client.query(`drop schema ${pg.escapeIdentifier(row.nspname)} cascade`);
    await client.query(`drop schema if exists ${pg.escapeIdentifier(schema)} cascade`);
    await client.query(`create schema ${pg.escapeIdentifier(schema)}`);
    const started = performance.now();
    const app = createDatabase(database);
    let meta: Meta;
    try {
      meta = await seed(app, members);
    } finally {
      await app.destroy();
    }
    // Statistics and a visibility map, as autovacuum leaves a long-running database (index-only scans need it).
    await client.query(`vacuum analyze ${pg.escapeIdentifier(schema)}.members`);
    await client.query(`create table ${pg.escapeIdentifier(schema)}.bench_meta (meta jsonb not null)`);
    await client.query(`insert into ${pg.escapeIdentifier(schema)}.bench_meta values ($1)`, [
      JSON.stringify(meta),
    ]);
    return {
      dataset: { kind: 'postgres', database, ...meta },
      seededSeconds: (performance.now() - started) / 1000,
    };
  } finally {
    await client.end();
  }
}
