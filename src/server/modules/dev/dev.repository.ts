import type { Kysely } from 'kysely';
import type { PermissionLevel } from '#contract/roles.ts';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

export async function listOrganizations(db: Db, limit: number) {
  return db
    .selectFrom('organizations')
    .select(['id', 'name'])
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The earliest active members of a role: the demo's founders and first hires. */
export async function listEarliestMembers(db: Db, orgId: string, role: PermissionLevel, limit: number) {
  return db
    .selectFrom('members')
    .select(['id', 'name', 'email', 'role'])
    .where('org_id', '=', orgId)
    .where('role', '=', role)
    .where('removed_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function findActiveMember(db: Db, id: string) {
  return db
    .selectFrom('members')
    .select(['id'])
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
}
