import type { Kysely } from 'kysely';
import type { Database, WorkloadTable } from '../../db/schema.ts';
import { afterCursor } from '../../db/keyset.ts';
import { keysetDirection, type Cursor } from '../../lib/paging.ts';
import { grantedTo } from '../clouds/cloud-access.repository.ts';

type Db = Kysely<Database>;

export type WorkloadRow = Pick<
  WorkloadTable,
  | 'id'
  | 'kind'
  | 'name'
  | 'status'
  | 'cloud_id'
  | 'created_by'
  | 'created_at'
  | 'terminated_at'
  | 'duplicated_from'
> & {
  cloud_name: string;
  creator_name: string;
  creator_removed_at: string | null;
};

export type WorkloadFilters = {
  orgId: string;
  /** Only workloads on clouds this member owns or was granted (directly or through a group); null for organization owners (all). */
  visibleTo: string | null;
  cloudId?: string;
  creator?: string;
  kind?: WorkloadTable['kind'];
  status?: WorkloadTable['status'];
};

function filtered(db: Db, filters: WorkloadFilters) {
  const memberId = filters.visibleTo;
  return db
    .selectFrom('workloads as w')
    .innerJoin('clouds as c', 'c.id', 'w.cloud_id')
    .innerJoin('members as m', 'm.id', 'w.created_by')
    .where('w.org_id', '=', filters.orgId)
    .$if(memberId !== null, (qb) =>
      qb.where((eb) => eb.or([eb('c.owner_member_id', '=', memberId!), grantedTo('w.cloud_id', memberId!)])),
    )
    .$if(filters.cloudId !== undefined, (qb) => qb.where('w.cloud_id', '=', filters.cloudId!))
    .$if(filters.creator !== undefined, (qb) => qb.where('w.created_by', '=', filters.creator!))
    .$if(filters.kind !== undefined, (qb) => qb.where('w.kind', '=', filters.kind!))
    .$if(filters.status !== undefined, (qb) => qb.where('w.status', '=', filters.status!));
}

const columns = [
  'w.id',
  'w.kind',
  'w.name',
  'w.status',
  'w.cloud_id',
  'w.created_by',
  'w.created_at',
  'w.terminated_at',
  'w.duplicated_from',
  'c.name as cloud_name',
  'm.name as creator_name',
  'm.removed_at as creator_removed_at',
] as const;

export async function countWorkloads(db: Db, filters: WorkloadFilters): Promise<number> {
  const row = await filtered(db, filters)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Keyset page, newest first by (created_at, id); reads `limit + 1` rows. */
export async function listWorkloadsPage(
  db: Db,
  filters: WorkloadFilters,
  page: { cursor?: Cursor; limit: number },
): Promise<WorkloadRow[]> {
  const { comparison, order } = keysetDirection(true, page.cursor);
  const cursor = page.cursor;
  return filtered(db, filters)
    .select(columns)
    .$if(cursor !== undefined, (qb) =>
      qb.where((eb) => afterCursor(eb, 'w.created_at', 'w.id', comparison, cursor!)),
    )
    .orderBy('w.created_at', order)
    .orderBy('w.id', order)
    .limit(page.limit + 1)
    .execute();
}

export async function findVisibleWorkload(
  db: Db,
  filters: WorkloadFilters,
  id: string,
): Promise<WorkloadRow | undefined> {
  return filtered(db, filters).select(columns).where('w.id', '=', id).executeTakeFirst();
}

export async function insertWorkload(db: Db, workload: WorkloadTable): Promise<void> {
  await db.insertInto('workloads').values(workload).execute();
}

/** Marks a running workload terminated; false when it was not running (someone else got there first). */
export async function terminateWorkload(db: Db, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('workloads')
    .set({ status: 'terminated', terminated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
