import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

/**
 * What removal touches besides the membership itself: workloads (counted, never
 * changed), explicitly owned clouds, cloud grants, API keys and sessions.
 */

export type WorkloadCountRow = {
  kind: 'workspace' | 'job' | 'service';
  status: 'running' | 'terminated';
  n: number;
};

export async function countWorkloadsByCreator(
  db: Db,
  orgId: string,
  memberIds: string[],
): Promise<WorkloadCountRow[]> {
  if (memberIds.length === 0) return [];
  const rows = await db
    .selectFrom('workloads')
    .select(['kind', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('org_id', '=', orgId)
    .where('created_by', 'in', memberIds)
    .groupBy(['kind', 'status'])
    .execute();
  return rows.map((row) => ({ ...row, n: Number(row.n) }));
}

export async function listCloudsOwnedBy(db: Db, orgId: string, memberIds: string[]) {
  if (memberIds.length === 0) return [];
  return db
    .selectFrom('clouds')
    .select(['id', 'name', 'owner_member_id'])
    .where('org_id', '=', orgId)
    .where('owner_member_id', 'in', memberIds)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function countCloudGrants(db: Db, memberIds: string[]): Promise<number> {
  if (memberIds.length === 0) return 0;
  const row = await db
    .selectFrom('cloud_grants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('member_id', 'in', memberIds)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function deleteCloudGrantsOfMembers(db: Db, memberIds: string[]): Promise<number> {
  if (memberIds.length === 0) return 0;
  const result = await db.deleteFrom('cloud_grants').where('member_id', 'in', memberIds).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function countActiveApiKeys(db: Db, memberIds: string[]): Promise<number> {
  if (memberIds.length === 0) return 0;
  const row = await db
    .selectFrom('api_keys')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('member_id', 'in', memberIds)
    .where('revoked_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Sessions that would still let someone in: not expired and not idle past the limit. */
export async function countActiveSessions(
  db: Db,
  memberIds: string[],
  window: { now: string; idleSince: string },
): Promise<number> {
  if (memberIds.length === 0) return 0;
  const row = await db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('member_id', 'in', memberIds)
    .where('expires_at', '>', window.now)
    .where('last_seen_at', '>', window.idleSince)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
