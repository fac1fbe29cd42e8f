import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { trigramSchema } from '../trigram-schema.ts';
import { foldSearchText } from '../search-text.ts';

/**
 * Substring search over an index instead of a scan of every member:
 *  - search_text is re-folded (NFKD, marks dropped, lower-cased) so accents
 *    match either way; only rows with non-ASCII text can change;
 *  - SQLite: an FTS5 table with the trigram tokenizer over members.search_text
 *    (external content, kept in sync by triggers);
 *  - PostgreSQL: a pg_trgm GIN index on the active members' search_text.
 *    The extension is per database while tests use a schema per file, so it is
 *    created once (under an advisory lock, in `public`) and its operator class
 *    referenced by the schema it actually lives in.
 */
export function searchIndexMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await refold(db, dialect);
      if (dialect === 'sqlite') await sqliteFts(db);
      else await postgresTrigram(db);
    },
  };
}

async function refold(db: Kysely<unknown>, dialect: DialectName) {
  const nonAscii = dialect === 'sqlite' ? sql`search_text glob '*[^ -~]*'` : sql`search_text ~ '[^ -~]'`;
  const rows = await sql<{ id: string; name: string; email: string; search_text: string }>`
    select id, name, email, search_text from members where ${nonAscii}
  `.execute(db);
  for (const row of rows.rows) {
    const folded = foldSearchText(`${row.name} ${row.email}`);
    if (folded !== row.search_text) {
      await sql`update members set search_text = ${folded} where id = ${row.id}`.execute(db);
    }
  }
}

async function sqliteFts(db: Kysely<unknown>) {
  await sql`
    create virtual table members_fts using fts5(
      search_text, content = 'members', content_rowid = 'rowid', tokenize = 'trigram'
    )
  `.execute(db);
  await sql`insert into members_fts(members_fts) values ('rebuild')`.execute(db);
  await sql`
    create trigger members_fts_insert after insert on members begin
      insert into members_fts(rowid, search_text) values (new.rowid, new.search_text);
    end
  `.execute(db);
  await sql`
    create trigger members_fts_delete after delete on members begin
      insert into members_fts(members_fts, rowid, search_text) values ('delete', old.rowid, old.search_text);
    end
  `.execute(db);
  await sql`
    create trigger members_fts_update after update of search_text on members begin
      insert into members_fts(members_fts, rowid, search_text) values ('delete', old.rowid, old.search_text);
      insert into members_fts(rowid, search_text) values (new.rowid, new.search_text);
    end
  `.execute(db);
}

async function postgresTrigram(db: Kysely<unknown>) {
  await sql`select pg_advisory_xact_lock(hashtext('roster:pg_trgm'))`.execute(db);
  await sql`create extension if not exists pg_trgm with schema public`.execute(db);
  const schema = await trigramSchema(db);
  await sql`
    create index members_active_search_trgm on members
    using gin (search_text ${sql.id(schema)}.gin_trgm_ops) where removed_at is null
  `.execute(db);
}
