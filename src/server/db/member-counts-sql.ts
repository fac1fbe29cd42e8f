import { sql, type RawBuilder } from 'kysely';

/**
 * The PostgreSQL function behind the member-count triggers (`members_counts_apply`,
 * first made by migration 006, netted by 018), for a future migration that has to
 * define it again, e.g. because what counts as an active member changes. Migrations
 * that landed keep their own copy of the SQL (they are frozen); this builds the
 * same function as 018 left it, from one statement per transition table.
 */
export function memberCountsApplyFunction(): RawBuilder<unknown> {
  return sql.raw(`
    create or replace function members_counts_apply() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' then
        ${netCountsStatement()}
      elsif tg_op = 'DELETE' then
        ${countsStatement('old_rows', '-')}
      else
        ${countsStatement('new_rows', '+')}
      end if;
      return null;
    end
    $$
  `);
}

/** Adds or takes away the active members and owners in `rows`, once per organization. */
function countsStatement(rows: 'old_rows' | 'new_rows', sign: '+' | '-'): string {
  return `update organizations o set
          member_count = o.member_count ${sign} d.members,
          owner_count = o.owner_count ${sign} d.owners
        from (
          select org_id,
                 count(*) filter (where removed_at is null) as members,
                 count(*) filter (where removed_at is null and role = 'owner') as owners
          from ${rows} group by org_id
        ) d
        where o.id = d.org_id;`;
}

/** An update nets the old rows against the new ones: organizations whose counts did not move are not written. */
function netCountsStatement(): string {
  return `update organizations o set
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
        where o.id = d.org_id and (d.members <> 0 or d.owners <> 0);`;
}
