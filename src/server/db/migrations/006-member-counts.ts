import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../dialect.ts';

/**
 * Keeps each organization's count of active members and owners on the
 * organization row, maintained by triggers so every path that writes members
 * (sign-up, removal, role change, seeding) keeps it right. The member list's
 * unfiltered and role-filtered totals then cost the same at 100k members as at
 * 10, instead of an index scan over every member.
 *
 * The triggers differ by dialect; what they maintain is the same.
 */
export function memberCountsMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('organizations')
        .addColumn('member_count', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable('organizations')
        .addColumn('owner_count', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await sql`
        update organizations set
          member_count = (select count(*) from members m where m.org_id = organizations.id and m.removed_at is null),
          owner_count = (select count(*) from members m where m.org_id = organizations.id and m.removed_at is null and m.role = 'owner')
      `.execute(db);
      if (dialect === 'sqlite') await sqliteTriggers(db);
      else await postgresTriggers(db);
    },
  };
}

async function sqliteTriggers(db: Kysely<unknown>) {
  // Row triggers: one cheap update of the organization row per member written.
  await sql`
    create trigger members_counts_insert after insert on members begin
      update organizations set
        member_count = member_count + (new.removed_at is null),
        owner_count = owner_count + (new.removed_at is null and new.role = 'owner')
      where id = new.org_id;
    end
  `.execute(db);
  await sql`
    create trigger members_counts_update after update of role, removed_at, org_id on members begin
      update organizations set
        member_count = member_count - (old.removed_at is null),
        owner_count = owner_count - (old.removed_at is null and old.role = 'owner')
      where id = old.org_id;
      update organizations set
        member_count = member_count + (new.removed_at is null),
        owner_count = owner_count + (new.removed_at is null and new.role = 'owner')
      where id = new.org_id;
    end
  `.execute(db);
  await sql`
    create trigger members_counts_delete after delete on members begin
      update organizations set
        member_count = member_count - (old.removed_at is null),
        owner_count = owner_count - (old.removed_at is null and old.role = 'owner')
      where id = old.org_id;
    end
  `.execute(db);
}

async function postgresTriggers(db: Kysely<unknown>) {
  // Statement triggers over transition tables: a bulk insert of 100k members
  // updates each organization row once, not 100k times.
  await sql`
    create function members_counts_apply() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') then
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
      end if;
      if tg_op in ('INSERT', 'UPDATE') then
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
  await sql`
    create trigger members_counts_insert after insert on members
    referencing new table as new_rows
    for each statement execute function members_counts_apply()
  `.execute(db);
  await sql`
    create trigger members_counts_update after update on members
    referencing old table as old_rows new table as new_rows
    for each statement execute function members_counts_apply()
  `.execute(db);
  await sql`
    create trigger members_counts_delete after delete on members
    referencing old table as old_rows
    for each statement execute function members_counts_apply()
  `.execute(db);
}
