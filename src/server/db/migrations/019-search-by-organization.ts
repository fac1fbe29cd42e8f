import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { trigramSchema } from '../trigram-schema.ts';

/**
 * The search index, per organization: a search only ever reads its own
 * organization's entries, so a fragment a million members of another
 * organization share costs nothing here.
 *  - SQLite: an FTS5 trigram table over active members only, whose rowid is
 *    `organization rowid << 32 | member rowid`: one organization's entries are
 *    one rowid range, and FTS5 seeks to it in every trigram's list. Exact
 *    (case_sensitive: search_text is folded already), so a match is exactly the
 *    substring match and a count needs no table rows. Contentless (it stores no
 *    copy of the text); triggers keep it in step with inserts, updates
 *    (removal included) and deletes. Replaces migration 012's members_fts.
 *  - PostgreSQL: the trigram GIN index gains org_id as its first column
 *    (btree_gin), so the organization is part of the index search.
 */
export function searchByOrganizationMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect === 'sqlite') await sqlite(db);
      else await postgres(db);
    },
  };
}

/** `organization rowid << 32 | member rowid` of a member row (`new` or `old` in a trigger). */
const key = (row: 'new' | 'old') =>
  sql.raw(`((select rowid from organizations where id = ${row}.org_id) << 32) | ${row}.rowid`);

async function sqlite(db: Kysely<unknown>) {
  for (const trigger of ['members_fts_insert', 'members_fts_delete', 'members_fts_update']) {
    await sql`drop trigger if exists ${sql.id(trigger)}`.execute(db);
  }
  await sql`drop table if exists members_fts`.execute(db);
  await sql`
    create virtual table members_search using fts5(
      search_text, content = '', contentless_delete = 1, tokenize = 'trigram case_sensitive 1'
    )
  `.execute(db);
  await sql`
    insert into members_search(rowid, search_text)
    select (o.rowid << 32) | m.rowid, m.search_text
    from members m join organizations o on o.id = m.org_id
    where m.removed_at is null
  `.execute(db);
  await sql`
    create trigger members_search_insert after insert on members when new.removed_at is null begin
      insert into members_search(rowid, search_text) values (${key('new')}, new.search_text);
    end
  `.execute(db);
  await sql`
    create trigger members_search_delete after delete on members when old.removed_at is null begin
      delete from members_search where rowid = ${key('old')};
    end
  `.execute(db);
  await sql`
    create trigger members_search_update after update of search_text, removed_at, org_id on members begin
      delete from members_search where old.removed_at is null and rowid = ${key('old')};
      insert into members_search(rowid, search_text)
      select ${key('new')}, new.search_text where new.removed_at is null;
    end
  `.execute(db);
}

async function postgres(db: Kysely<unknown>) {
  // Extensions are per database while tests give each file its own schema: create once, under a lock.
  await sql`select pg_advisory_xact_lock(hashtext('roster:btree_gin'))`.execute(db);
  await sql`create extension if not exists btree_gin with schema public`.execute(db);
  const schema = await trigramSchema(db);
  await sql`drop index if exists members_active_search_trgm`.execute(db);
  await sql`
    create index members_active_org_search_trgm on members
    using gin (org_id, search_text ${sql.id(schema)}.gin_trgm_ops) where removed_at is null
  `.execute(db);
}
