import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  CompiledQuery,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type Driver,
  type Migration,
  type PostgresPool,
  type PostgresPoolClient,
  type SqliteDatabase,
} from 'kysely';
import type { Config } from '../config.ts';
import type { DialectName } from './dialect.ts';
import type { Database } from './schema.ts';
import { classifyDatabaseError, isConnectionFailure } from './database-errors.ts';
import * as m001 from './migrations/001-initial.ts';
import * as m005 from './migrations/005-active-member-indexes.ts';
import { memberCountsMigration } from './migrations/006-member-counts.ts';
import * as m011 from './migrations/011-credentials.ts';
import { searchIndexMigration } from './migrations/012-search-index.ts';
import * as m015 from './migrations/015-outbox-retry-window.ts';
import * as m016 from './migrations/016-service-accounts.ts';
import { activityAndAuditIndexesMigration } from './migrations/018-activity-and-audit-indexes.ts';
import { searchByOrganizationMigration } from './migrations/019-search-by-organization.ts';
import * as m020 from './migrations/020-scim.ts';
import * as m021 from './migrations/021-saml-sso.ts';
import * as m022 from './migrations/022-groups-and-cloud-roles.ts';
import { trigramIndexPerTextMigration } from './migrations/023-trigram-index-per-text.ts';
import { searchCountBucketsMigration } from './migrations/024-search-count-buckets.ts';

export type { DialectName };

export type AppDatabase = {
  db: Kysely<Database>;
  dialect: DialectName;
  /** PostgreSQL schema the connection works in (tests give each file its own). */
  schema?: string;
  destroy: () => Promise<void>;
  /** Connections now: open in all, checked out, idle, and requests waiting for one (metrics). */
  poolStats: () => PoolStats;
};

export type PoolStats = { size: number; inUse: number; idle: number; waiting: number };

/** Deadlines for every database call (see config.ts for the settings and defaults). */
export type DatabaseTimeouts = {
  /** PostgreSQL: opening a connection (or waiting for a free one in the pool). */
  connectMs: number;
  /** PostgreSQL: one statement, enforced by the server and, for a silent network, by the client. */
  statementMs: number;
  /** SQLite: how long a writer waits for another writer's lock. */
  sqliteBusyMs: number;
};

export const defaultDatabaseTimeouts: DatabaseTimeouts = {
  connectMs: 5_000,
  statementMs: 10_000,
  sqliteBusyMs: 5_000,
};

export type DatabaseOptions = {
  timeouts?: DatabaseTimeouts;
  /** A pooled connection failed while idle (PostgreSQL restart, failover, a network reset). */
  onConnectionError?: (error: Error) => void;
};

function migrations(dialect: DialectName): Record<string, Migration> {
  return {
    '001-initial': m001,
    '005-active-member-indexes': m005,
    '006-member-counts': memberCountsMigration(dialect),
    '011-credentials': m011,
    '012-search-index': searchIndexMigration(dialect),
    '015-outbox-retry-window': m015,
    '016-service-accounts': m016,
    '018-activity-and-audit-indexes': activityAndAuditIndexesMigration(dialect),
    '019-search-by-organization': searchByOrganizationMigration(dialect),
    '020-scim': m020,
    '021-saml-sso': m021,
    '022-groups-and-cloud-roles': m022,
    '023-trigram-index-per-text': trigramIndexPerTextMigration(dialect),
    '024-search-count-buckets': searchCountBucketsMigration(dialect),
  };
}

/**
 * SQLite transactions start with BEGIN IMMEDIATE so the write lock is taken up
 * front: two writers never both read "2 owners" and then both demote.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  /** SQLite has one connection, taken in turn: whether it is in use, and how many wait for it. */
  readonly usage = { inUse: 0, waiting: 0 };

  override async acquireConnection(): Promise<DatabaseConnection> {
    this.usage.waiting++;
    try {
      const connection = await super.acquireConnection();
      this.usage.inUse = 1;
      return connection;
    } finally {
      this.usage.waiting--;
    }
  }

  override async releaseConnection(): Promise<void> {
    this.usage.inUse = 0;
    await super.releaseConnection();
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  /**
   * SQLite rolls a transaction back by itself after some errors (SQLITE_FULL,
   * SQLITE_IOERR, SQLITE_NOMEM); rolling back again would throw "cannot
   * rollback - no transaction is active" and hide the error that matters.
   */
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await connection.executeQuery(CompiledQuery.raw('rollback'));
    } catch (error) {
      if (!/no transaction is active/.test(String(error))) throw error;
    }
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly driver: ImmediateSqliteDriver;
  constructor(sqliteConfig: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(sqliteConfig);
    this.driver = new ImmediateSqliteDriver(sqliteConfig);
  }
  override createDriver(): Driver {
    return this.driver;
  }
}

export function openSqlite(
  file: string,
  busyTimeoutMs = defaultDatabaseTimeouts.sqliteBusyMs,
): SQLite.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  try {
    sqlite.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return sqlite;
}

/**
 * Hands Kysely pooled PostgreSQL clients that never take the process down: an
 * error on a checked-out client is remembered instead of thrown as an
 * unhandled 'error' event, and a client whose connection failed (or whose
 * query outlived the deadline on a silent network) is destroyed on release
 * instead of going back to the pool. New connections are made on demand, so
 * the server recovers by itself when the database is back.
 */
function resilientPool(pool: pg.Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      let broken: Error | undefined;
      const onError = (error: Error) => {
        broken ??= error;
      };
      client.on('error', onError);
      const wrapped = {
        query(...args: unknown[]) {
          const result = (client.query as (...a: unknown[]) => unknown)(...args);
          if (result instanceof Promise) {
            return result.catch((error: unknown) => {
              if (isConnectionFailure(error)) broken ??= error as Error;
              throw error;
            });
          }
          return result;
        },
        release() {
          client.removeListener('error', onError);
          client.release(broken ?? false);
        },
      };
      return wrapped as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}

// Distinct statements the app runs are a few hundred; beyond this the oldest is dropped.
const statementCacheSize = 500;

/**
 * The connection Kysely sees: better-sqlite3 with its prepared statements kept
 * by SQL text. Kysely prepares every query it runs; preparing (parsing and
 * planning) cost more than running a page query. One connection runs one
 * statement at a time (Kysely's driver holds a lock per query and stream), so
 * a cached statement is never in use twice; SQLite re-prepares a statement by
 * itself when the schema changed.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      statements.clear();
      sqlite.close();
    },
    prepare: (text: string) => {
      let statement = statements.get(text);
      if (statement) return statement;
      statement = sqlite.prepare(text);
      if (statements.size >= statementCacheSize) statements.delete(statements.keys().next().value!);
      statements.set(text, statement);
      return statement;
    },
  };
}

const indexWalks = new WeakMap<Kysely<Database>, Kysely<Database>>();

/**
 * PostgreSQL: where to run a query that must walk an index in its order and
 * stop at a page (a search whose matches are many). The planner, left to its
 * guess of how many rows match '%fragment%', would rather collect every match
 * and sort; the query used to run in a transaction that forbids that first
 * (begin, the settings, the query, commit: three round trips more than the
 * query). This is a small pool of its own whose sessions forbid those plans
 * from the start. Undefined for SQLite and for a transaction's executor: set
 * the planner yourself there.
 */
export function indexWalkExecutor(db: Kysely<Database>): Kysely<Database> | undefined {
  return indexWalks.get(db);
}

export function createDatabase(config: Config['database'], options: DatabaseOptions = {}): AppDatabase {
  const timeouts = options.timeouts ?? defaultDatabaseTimeouts;
  if (config.kind === 'sqlite') {
    const dialect = new ImmediateSqliteDialect({
      database: async () => withStatementCache(openSqlite(config.path, timeouts.sqliteBusyMs)),
    });
    const db = new Kysely<Database>({ dialect });
    const usage = dialect.driver.usage;
    return {
      db,
      dialect: 'sqlite',
      destroy: () => db.destroy(),
      poolStats: () => ({ size: 1, inUse: usage.inUse, idle: 1 - usage.inUse, waiting: usage.waiting }),
    };
  }
  // Keep pg from turning numeric counts into strings we then forget to convert:
  // bigint (20) comes back as a JS number; counts here never exceed 2^53.
  pg.types.setTypeParser(20, (value) => Number(value));
  const schema = config.schema;
  const openPool = (max: number, settings: string[]) => {
    const pool = new pg.Pool({
      connectionString: config.url,
      max,
      connectionTimeoutMillis: timeouts.connectMs,
      statement_timeout: timeouts.statementMs,
      // The server cancels a slow statement itself; this catches the network that stopped answering.
      query_timeout: timeouts.statementMs + 1_000,
      idle_in_transaction_session_timeout: timeouts.statementMs * 3,
      keepAlive: true,
      // No parallel workers and no JIT compilation: Roster's queries are short and
      // indexed, and starting workers or compiling cost more than the query they
      // were planned for (decision 005: 10 ms of workers for a 2 ms walk, 128 ms of JIT).
      options: [
        '-c max_parallel_workers_per_gather=0',
        '-c jit=off',
        ...settings,
        ...(schema ? [`-c search_path=${schema}`] : []),
      ].join(' '),
    });
    // Without a listener an idle client's error (a restart, failover, pg_terminate_backend) ends the process.
    pool.on('error', (error) => options.onConnectionError?.(error));
    return pool;
  };
  const pool = openPool(10, []);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: resilientPool(pool) }) });
  // Sessions for index walks (see indexWalkExecutor): no sequential or bitmap scan, no sort.
  const walkPool = openPool(2, ['-c enable_seqscan=off', '-c enable_bitmapscan=off', '-c enable_sort=off']);
  const walks = new Kysely<Database>({ dialect: new PostgresDialect({ pool: resilientPool(walkPool) }) });
  indexWalks.set(db, walks);
  return {
    db,
    dialect: 'postgres',
    schema,
    destroy: async () => {
      await Promise.all([db.destroy(), walks.destroy()]);
    },
    poolStats: () => ({
      size: pool.totalCount,
      inUse: pool.totalCount - pool.idleCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
    }),
  };
}

/** The PostgreSQL schema our tables live in: the configured one, else the connection's current one. */
async function migrationSchema(database: AppDatabase): Promise<string | undefined> {
  if (database.dialect !== 'postgres') return undefined;
  if (database.schema) return database.schema;
  const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db);
  return result.rows[0]?.schema;
}

export async function migrateToLatest(database: AppDatabase): Promise<void> {
  // Kysely looks for its lock table across all schemas unless told which one;
  // another schema's table (a neighbouring app, a search_path in DATABASE_URL)
  // would make it skip creating ours.
  const schema = await migrationSchema(database);
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations(database.dialect) },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}

/**
 * SQLite: gather planner statistics where they are missing or stale, so a
 * search over a large organization reads the covering index instead of every
 * row. Run once at startup (it may write, so never on a request's path).
 * PostgreSQL keeps its own statistics.
 */
export async function refreshPlannerStatistics(database: AppDatabase): Promise<void> {
  if (database.dialect === 'sqlite') await sql`pragma optimize = 0x10002`.execute(database.db);
}

/**
 * Before opening a SQLite file: refuse one that was made read-only (its mode
 * has no write bit) with a clear message, before SQLite creates -wal/-shm
 * files beside it (they would inherit its read-only mode and block the next
 * start after the mode is fixed). -wal/-shm files left read-only by such a
 * start are given the database file's mode back.
 */
export function checkSqliteFiles(file: string): void {
  if (file === ':memory:' || !fs.existsSync(file)) return;
  const mode = fs.statSync(file).mode & 0o777;
  if ((mode & 0o200) === 0) {
    throw new Error(
      `the SQLite database ${file} is read-only (mode ${mode.toString(8)}). Roster needs to write to it: ` +
        `make it writable (chmod u+w ${file}) or point SQLITE_PATH at a writable copy.`,
    );
  }
  for (const companion of [`${file}-wal`, `${file}-shm`]) {
    if (fs.existsSync(companion) && (fs.statSync(companion).mode & 0o200) === 0)
      fs.chmodSync(companion, mode);
  }
}

/** One line an operator can act on when the database stops the server from starting. */
export function describeStartupFailure(config: Config['database'], error: unknown): string {
  const where = config.kind === 'sqlite' ? `the SQLite database ${config.path}` : 'PostgreSQL (DATABASE_URL)';
  const failure = classifyDatabaseError(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (failure?.code === 'storage_full')
    return `${where} has no room left: the disk is full (${detail}). Free space and start again.`;
  if (failure?.code === 'database_read_only')
    return `${where} is read-only (${detail}). Make it writable and start again.`;
  if (failure?.code === 'database_unavailable') return `${where} is not reachable (${detail}).`;
  if (/^the SQLite database/.test(detail)) return detail;
  return `${where}: ${detail}`;
}

/** For /readyz: migrations this build knows that the database has not applied. */
export async function pendingMigrations(database: AppDatabase): Promise<string[]> {
  const schema = await migrationSchema(database);
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations(database.dialect) },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const all = await migrator.getMigrations();
  return all.filter((migration) => !migration.executedAt).map((migration) => migration.name);
}

/** For /readyz: one round trip to the database. */
export async function pingDatabase(database: AppDatabase): Promise<void> {
  await sql`select 1`.execute(database.db);
}
