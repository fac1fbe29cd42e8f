import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../dialect.ts';

/**
 * Owner essentials at scale:
 *  - `members.last_active_at`: the member's latest session or API-key use,
 *    written by the same throttled "last seen" touch (at most once a minute per
 *    session or key), so the Members page can sort by it from an index.
 *    `''` means never (not NULL): a keyset cursor is a plain text value, and
 *    `''` sorts before every timestamp, so "Never" comes last newest-first.
 *  - audit indexes for the filters the console offers (actor, action, target),
 *    each ending in (created_at, id) so a filtered page is a range seek.
 *  - PostgreSQL: the member-count trigger writes the organization row only when
 *    a count really changes; a "last active" touch must not queue behind (or
 *    hold) the organization lock every role change takes.
 */
export function activityAndAuditIndexesMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('members')
        .addColumn('last_active_at', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await sql`
        update members set last_active_at = coalesce((
          select max(t) from (
            select max(s.last_seen_at) as t from sessions s where s.member_id = members.id
            union all
            select max(k.last_used_at) as t from api_keys k where k.member_id = members.id
          ) activity
        ), '')
      `.execute(db);
      await db.schema
        .createIndex('members_active_last_active')
        .on('members')
        .columns(['org_id', 'last_active_at', 'id'])
        .where(sql.ref('removed_at'), 'is', null)
        .execute();
      for (const column of ['actor_member_id', 'action', 'target_id']) {
        await db.schema
          .createIndex(`audit_events_org_${column}_created`)
          .on('audit_events')
          .columns(['org_id', column, 'created_at', 'id'])
          .execute();
      }
      if (dialect === 'postgres') await postgresNetCounts(db);
    },
  };
}

async function postgresNetCounts(db: Kysely<unknown>) {
  // Inserts and deletes keep the statements of migration 006; an update nets the
  // old rows against the new ones and touches only organizations whose counts moved.
  await sql`
    create or replace function members_counts_apply() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' then
        update organizations o set
          member_count = o.member_count + d.members,
          owner_count = o.owner_count + d.owners
        from (
          select org_id,
                 coalesce(sum(sign) filter (where removed_at is null), 0) as members,
                 coalesce(sum(sign) filter (where removed_at is null and role = 'owner'), 0) as owners
          from (
            select org_id, -1 as sign, removed_at, role from old_rows
            union all
            select org_id, 1 as sign, removed_at, role from new_rows
          ) changes
          group by org_id
        ) d
        where o.id = d.org_id and (d.members <> 0 or d.owners <> 0);
      elsif tg_op = 'DELETE' then
        update organizations o set
          member_count = o.member_count - d.members,
          owner_count = o.owner_count - d.owners
        from (
          select org_id,
                 count(*) filter (where removed_at is null) as members,
                 count(*) filter (where removed_at is null and role = 'owner') as owners
          from old_rows group by org_id
        ) d
        where o.id = d.org_id;
      else
        update organizations o set
          member_count = o.member_count + d.members,
          owner_count = o.owner_count + d.owners
        from (
          select org_id,
                 count(*) filter (where removed_at is null) as members,
                 count(*) filter (where removed_at is null and role = 'owner') as owners
          from new_rows group by org_id
        ) d
        where o.id = d.org_id;
      end if;
      return null;
    end
    $$
  `.execute(db);
}
