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
} from 'kysely';
import type { Config } from '../config.ts';
import type { Database } from './schema.ts';
import * as m001 from './migrations/001-initial.ts';
import * as m005 from './migrations/005-active-member-indexes.ts';
import { memberCountsMigration } from './migrations/006-member-counts.ts';

export type DialectName = 'sqlite' | 'postgres';

export type AppDatabase = {
  db: Kysely<Database>;
  dialect: DialectName;
  /** PostgreSQL schema the connection works in (tests give each file its own). */
  schema?: string;
  destroy: () => Promise<void>;
};

function migrations(dialect: DialectName): Record<string, Migration> {
  return {
    '001-initial': m001,
    '005-active-member-indexes': m005,
    '006-member-counts': memberCountsMigration(dialect),
  };
}

/**
 * SQLite transactions start with BEGIN IMMEDIATE so the write lock is taken up
 * front: two writers never both read "2 owners" and then both demote.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly sqliteConfig: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(sqliteConfig);
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.sqliteConfig);
  }
}

export function openSqlite(file: string): SQLite.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}

export function createDatabase(config: Config['database']): AppDatabase {
  if (config.kind === 'sqlite') {
    const db = new Kysely<Database>({
      dialect: new ImmediateSqliteDialect({ database: async () => openSqlite(config.path) }),
    });
    return { db, dialect: 'sqlite', destroy: () => db.destroy() };
  }
  // Keep pg from turning numeric counts into strings we then forget to convert:
  // bigint (20) comes back as a JS number; counts here never exceed 2^53.
  pg.types.setTypeParser(20, (value) => Number(value));
  const schema = config.schema;
  const pool = new pg.Pool({
    connectionString: config.url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', schema, destroy: () => db.destroy() };
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
