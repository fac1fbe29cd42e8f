import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { Config } from '../config.ts';

/**
 * Reads a database from outside the server (as an operator would after a
 * crash) and lists every way it is inconsistent. An empty list means: the
 * storage engine reports no damage, every reference points at an existing row,
 * and every change the product makes together with its audit event is either
 * wholly there or wholly absent.
 */

type Row = Record<string, unknown>;
type Query = (text: string) => Promise<Row[]>;

async function withConnection<T>(
  database: Config['database'],
  work: (query: Query) => Promise<T>,
): Promise<T> {
  if (database.kind === 'sqlite') {
    // A separate connection while the server runs: WAL lets it read a committed snapshot.
    const sqlite = new SQLite(database.path, { fileMustExist: true });
    try {
      return await work(async (text) => sqlite.prepare(text).all() as Row[]);
    } finally {
      sqlite.close();
    }
  }
  const client = new pg.Client({
    connectionString: database.url,
    ...(database.schema ? { options: `-c search_path=${database.schema}` } : {}),
  });
  await client.connect();
  try {
    return await work(async (text) => (await client.query(text)).rows as Row[]);
  } finally {
    await client.end();
  }
}

/** What the storage engine itself says: SQLite's own checks; PostgreSQL's foreign keys re-checked row by row. */
async function storageProblems(database: Config['database'], query: Query): Promise<string[]> {
  const problems: string[] = [];
  if (database.kind === 'sqlite') {
    const integrity = (await query('pragma integrity_check')).map((row) => String(row.integrity_check));
    if (integrity.join() !== 'ok') problems.push(`integrity_check: ${integrity.join('; ')}`);
    for (const row of await query('pragma foreign_key_check')) {
      problems.push(`foreign_key_check: ${row.table} row ${String(row.rowid)} → missing ${row.parent}`);
    }
    // Without a journal that survives the process (OFF, MEMORY), a kill in the
    // middle of a commit can tear a transaction; the write stream only catches
    // that when the kill lands inside the few microseconds of the commit.
    const [mode] = await query('pragma journal_mode');
    if (mode?.journal_mode !== 'wal') problems.push(`journal_mode is ${String(mode?.journal_mode)}, not wal`);
    return problems;
  }

  const schema = database.schema ?? 'public';
  const foreignKeys = await query(`
    select c.conname as name, child.relname as child, parent.relname as parent,
      array(select a.attname from unnest(c.conkey) with ordinality k(attnum, n)
            join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum order by k.n)::text[] as child_columns,
      array(select a.attname from unnest(c.confkey) with ordinality k(attnum, n)
            join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.attnum order by k.n)::text[] as parent_columns
    from pg_constraint c
    join pg_class child on child.oid = c.conrelid
    join pg_class parent on parent.oid = c.confrelid
    join pg_namespace ns on ns.oid = c.connamespace
    where c.contype = 'f' and ns.nspname = '${schema}'`);
  if (foreignKeys.length === 0)
    problems.push(`no foreign keys found in schema ${schema}: nothing was checked`);
  for (const fk of foreignKeys) {
    const childColumns = fk.child_columns as string[];
    const parentColumns = fk.parent_columns as string[];
    const present = childColumns.map((column) => `c."${column}" is not null`).join(' and ');
    const matches = childColumns.map((column, i) => `p."${parentColumns[i]}" = c."${column}"`).join(' and ');
    const [orphans] = await query(
      `select count(*)::int as n from "${schema}"."${fk.child as string}" c
       where ${present} and not exists (select 1 from "${schema}"."${fk.parent as string}" p where ${matches})`,
    );
    if (Number(orphans?.n) > 0) problems.push(`${fk.name}: ${orphans!.n} rows of ${fk.child} point nowhere`);
  }
  for (const row of await query(`
    select conname from pg_constraint c join pg_namespace ns on ns.oid = c.connamespace
    where ns.nspname = '${schema}' and not c.convalidated`)) {
    problems.push(`constraint ${row.conname} is not validated`);
  }
  for (const row of await query(`
    select i.indexrelid::regclass::text as name from pg_index i
    join pg_class t on t.oid = i.indrelid join pg_namespace ns on ns.oid = t.relnamespace
    where ns.nspname = '${schema}' and not (i.indisvalid and i.indisready)`)) {
    problems.push(`index ${row.name} is not valid`);
  }
  return problems;
}

/**
 * Rules that hold only if each transaction is all-or-nothing: every change
 * below writes its audit event in the same transaction, so a torn or
 * half-recovered transaction shows up as a change without its event (or the
 * reverse). And the organization never ends up without an owner.
 */
async function domainProblems(query: Query): Promise<string[]> {
  const problems: string[] = [];
  for (const row of await query(`
    select o.id from organizations o where not exists (
      select 1 from members m where m.org_id = o.id and m.role = 'owner' and m.removed_at is null)`)) {
    problems.push(`organization ${row.id} has no owner`);
  }

  const events = await query(
    "select action, target_id from audit_events where action in ('api_key.created', 'api_key.revoked', " +
      "'invitation.created', 'invitation.accepted', 'member.role_changed')",
  );
  const count = (action: string, targetId: unknown) =>
    events.filter((event) => event.action === action && event.target_id === targetId).length;
  const targets = (action: string) =>
    new Set(events.filter((event) => event.action === action).map((event) => event.target_id));

  const keys = await query('select id, revoked_at from api_keys');
  const keyIds = new Set(keys.map((key) => key.id));
  for (const key of keys) {
    if (count('api_key.created', key.id) !== 1) problems.push(`api key ${key.id}: no single creation event`);
    const revokedEvents = count('api_key.revoked', key.id);
    if (revokedEvents !== (key.revoked_at === null ? 0 : 1)) {
      problems.push(
        `api key ${key.id}: revoked_at ${String(key.revoked_at)} but ${revokedEvents} revocation events`,
      );
    }
  }
  for (const id of targets('api_key.created')) {
    if (!keyIds.has(id)) problems.push(`creation event for api key ${String(id)}, which does not exist`);
  }

  const invitations = await query('select id, email, role, accepted_member_id from invitations');
  const members = await query('select id, email, role from members');
  const memberById = new Map(members.map((member) => [member.id, member]));
  const acceptedInto = new Map(invitations.map((invitation) => [invitation.accepted_member_id, invitation]));
  const invitationIds = new Set(invitations.map((invitation) => invitation.id));
  for (const invitation of invitations) {
    if (count('invitation.created', invitation.id) !== 1) {
      problems.push(`invitation ${invitation.id}: no single creation event`);
    }
    const accepted = invitation.accepted_member_id !== null;
    if (count('invitation.accepted', invitation.id) !== (accepted ? 1 : 0)) {
      problems.push(`invitation ${invitation.id}: accepted=${accepted} disagrees with its events`);
    }
    const member = accepted ? memberById.get(invitation.accepted_member_id) : undefined;
    if (accepted && member?.email !== invitation.email) {
      problems.push(
        `invitation ${invitation.id} accepted into member ${String(invitation.accepted_member_id)}, who is missing`,
      );
    }
  }
  for (const action of ['invitation.created', 'invitation.accepted']) {
    for (const id of targets(action)) {
      if (!invitationIds.has(id))
        problems.push(`${action} event for invitation ${String(id)}, which does not exist`);
    }
  }

  // A role change writes the new role and its event together and is never a
  // no-op, so a member's role is their initial role flipped once per event.
  const flip = (role: unknown) => (role === 'owner' ? 'collaborator' : 'owner');
  for (const member of members) {
    const invitation = acceptedInto.get(member.id);
    let expected: unknown = invitation ? invitation.role : 'owner'; // not invited: the setup owner
    for (let i = count('member.role_changed', member.id); i > 0; i--) expected = flip(expected);
    if (member.role !== expected) {
      problems.push(
        `member ${member.email}: role ${String(member.role)}, but its events say ${String(expected)}`,
      );
    }
  }
  return problems;
}

export type DatabaseReport = {
  problems: string[];
  /** Ids of the API keys that are not revoked, as stored (not as the server reports them). */
  activeApiKeyIds: Set<string>;
};

export async function inspectDatabase(database: Config['database']): Promise<DatabaseReport> {
  return withConnection(database, async (query) => ({
    problems: [...(await storageProblems(database, query)), ...(await domainProblems(query))],
    activeApiKeyIds: new Set(
      (await query('select id from api_keys where revoked_at is null')).map((row) => String(row.id)),
    ),
  }));
}
