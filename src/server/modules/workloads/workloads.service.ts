import type { Workload, WorkloadKind, WorkloadPage, WorkloadStatus } from '#contract/workloads.ts';
import type { AppDeps } from '../../deps.ts';
import { newId } from '../../lib/crypto.ts';
import { conflict, forbidden, notFound } from '../../lib/errors.ts';
import { decodeCursor, keysetPage, pagingScope } from '../../lib/paging.ts';
import * as audit from '../audit/audit.repository.ts';
import type { AuditActor } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/auth.service.ts';
import { currentPrincipalUnderLock, underOrganizationLock } from '../members/owner-lock.ts';
import { requireWrite } from '../clouds/cloud-roles.ts';
import { cloudVisibility, requireVisibleCloud } from '../clouds/clouds.service.ts';
import * as repo from './workloads.repository.ts';

type Db = AppDeps['database']['db'];

export const workloadErrorCodes = { alreadyTerminated: 'workload_already_terminated' } as const;

function toWorkload(row: repo.WorkloadRow): Workload {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    status: row.status,
    cloud: { id: row.cloud_id, name: row.cloud_name },
    creator: { id: row.created_by, name: row.creator_name, removed: row.creator_removed_at !== null },
    created_at: row.created_at,
    terminated_at: row.terminated_at,
    duplicated_from: row.duplicated_from,
  };
}

/** Workloads are visible to whoever may use their cloud, `readonly` included (organization owners: all). */
function visibleTo(principal: Principal): repo.WorkloadFilters {
  return { orgId: principal.orgId, visibleTo: cloudVisibility(principal).memberId };
}

async function requireVisibleWorkload(db: Db, principal: Principal, id: string): Promise<repo.WorkloadRow> {
  const row = await repo.findVisibleWorkload(db, visibleTo(principal), id);
  if (!row) throw notFound('This workload');
  return row;
}

export async function listWorkloads(
  deps: AppDeps,
  principal: Principal,
  query: {
    cloud_id?: string;
    creator?: string;
    kind?: WorkloadKind;
    status?: WorkloadStatus;
    count: number;
    paging_token?: string;
  },
): Promise<WorkloadPage> {
  const db = deps.database.db;
  const sort = '-created_at';
  const filters: repo.WorkloadFilters = {
    ...visibleTo(principal),
    cloudId: query.cloud_id,
    creator: query.creator,
    kind: query.kind,
    status: query.status,
  };
  const scope = pagingScope(deps.config, { list: 'workloads', orgId: principal.orgId, sort, filters });
  const cursor = decodeCursor(query.paging_token, scope);
  const [rows, total] = await Promise.all([
    repo.listWorkloadsPage(db, filters, { cursor, limit: query.count }),
    repo.countWorkloads(db, filters),
  ]);
  const page = keysetPage(rows, { count: query.count, cursor, scope, value: (row) => row.created_at });
  return { results: page.rows.map(toWorkload), metadata: { total, ...page.metadata } };
}

async function insertWorkload(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  input: { cloudId: string; name: string; kind: WorkloadKind; duplicatedFrom: string | null },
): Promise<Workload> {
  const id = newId();
  const at = deps.config.now().toISOString();
  await underOrganizationLock(deps, principal.orgId, async (trx) => {
    // Checked under the lock: a grant revoked, a group left or a demotion a moment ago must stop this.
    const caller = await currentPrincipalUnderLock(trx, principal);
    const cloud = await requireVisibleCloud(trx, caller, input.cloudId);
    // A `readonly` collaborator sees the cloud and its workloads but creates nothing there.
    await requireWrite(trx, caller, cloud);
    await repo.insertWorkload(trx, {
      id,
      org_id: principal.orgId,
      cloud_id: input.cloudId,
      kind: input.kind,
      name: input.name,
      status: 'running',
      created_by: principal.memberId,
      created_at: at,
      terminated_at: null,
      duplicated_from: input.duplicatedFrom,
    });
    await audit.insertAuditEvent(trx, {
      orgId: principal.orgId,
      actor,
      action: input.duplicatedFrom ? 'workload.duplicated' : 'workload.created',
      targetType: 'workload',
      targetId: id,
      targetLabel: input.name,
      after: { kind: input.kind, cloud_id: input.cloudId, duplicated_from: input.duplicatedFrom },
      at,
    });
  });
  return toWorkload(await requireVisibleWorkload(deps.database.db, principal, id));
}

/** Records a workload on a cloud the caller may use. No compute is launched. */
export async function createWorkload(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  body: { cloud_id: string; name: string; kind: WorkloadKind },
): Promise<Workload> {
  return insertWorkload(deps, principal, actor, {
    cloudId: body.cloud_id,
    name: body.name,
    kind: body.kind,
    duplicatedFrom: null,
  });
}

/**
 * A copy that belongs to the person duplicating. Jobs and services come back
 * as workspaces: that is how someone takes over a removed member's work.
 */
export async function duplicateWorkload(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  id: string,
  name: string | undefined,
): Promise<Workload> {
  const original = await requireVisibleWorkload(deps.database.db, principal, id);
  return insertWorkload(deps, principal, actor, {
    cloudId: original.cloud_id,
    name: name ?? `${original.name} (copy)`.slice(0, 100),
    kind: 'workspace',
    duplicatedFrom: original.id,
  });
}

export async function terminateWorkload(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  id: string,
): Promise<Workload> {
  await underOrganizationLock(deps, principal.orgId, async (trx) => {
    // The role as it is once the lock is held: a demotion a moment ago must stop this.
    const caller = await currentPrincipalUnderLock(trx, principal);
    const workload = await requireVisibleWorkload(trx, caller, id);
    if (caller.role !== 'owner' && workload.created_by !== caller.memberId) {
      throw forbidden('Only the person who created this workload or an organization owner can terminate it.');
    }
    await requireWrite(trx, caller, await requireVisibleCloud(trx, caller, workload.cloud_id));
    const at = deps.config.now().toISOString();
    if (workload.status !== 'running' || !(await repo.terminateWorkload(trx, id, at))) {
      throw conflict(workloadErrorCodes.alreadyTerminated, `${workload.name} is already terminated.`);
    }
    await audit.insertAuditEvent(trx, {
      orgId: principal.orgId,
      actor,
      action: 'workload.terminated',
      targetType: 'workload',
      targetId: id,
      targetLabel: workload.name,
      before: { status: 'running' },
      after: { status: 'terminated' },
      at,
    });
  });
  return toWorkload(await requireVisibleWorkload(deps.database.db, principal, id));
}
