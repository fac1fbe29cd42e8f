import { wholeList } from '#contract/pagination.ts';
import type {
  Cloud,
  CloudAccessEntry,
  CloudAccessPage,
  CloudPage,
  CreateCloudBody,
  GrantCloudAccessResult,
} from '#contract/clouds.ts';
import type { AppDeps } from '../../deps.ts';
import { newId } from '../../lib/crypto.ts';
import { badRequest, conflict, notFound } from '../../lib/errors.ts';
import { decodeCursor, keysetPage, pagingScope } from '../../lib/paging.ts';
import * as audit from '../audit/audit.repository.ts';
import type { AuditActor } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/auth.service.ts';
import * as members from '../members/members.repository.ts';
import { requireOwnerUnderLock, underOrganizationLock } from '../members/owner-lock.ts';
import * as repo from './clouds.repository.ts';

type Db = AppDeps['database']['db'];

export const cloudErrorCodes = {
  nameTaken: 'cloud_name_taken',
  organizationOwnerAccess: 'organization_owner_access',
  cloudOwnerAccess: 'cloud_owner_access',
  unknownMembers: 'unknown_members',
} as const;

const organizationOwnerReason =
  'Organization owners have access to every cloud. Change their role to collaborator to limit their access.';
const cloudOwnerReason = 'Owns this cloud. Transfer ownership or return it to the organization owners first.';

/**
 * Which clouds a principal may use. The role comes from this request's
 * principal (read from the database per request), so a demoted owner loses
 * implicit access on their very next request.
 */
export function cloudVisibility(principal: Principal): repo.CloudVisibility {
  return { orgId: principal.orgId, memberId: principal.role === 'owner' ? null : principal.memberId };
}

/** The cloud if the principal may use it; 404 otherwise (also for other organizations' ids). */
export async function requireVisibleCloud(db: Db, principal: Principal, id: string): Promise<repo.CloudRow> {
  const cloud = await repo.findVisibleCloud(db, cloudVisibility(principal), id);
  if (!cloud) throw notFound('This cloud');
  return cloud;
}

function toCloud(
  row: repo.CloudRow,
  principal: Principal,
  counts: { owners: number; granted: Map<string, number> },
): Cloud {
  const owner =
    row.owner_id && row.owner_user_id && row.owner_name !== null && row.owner_email !== null
      ? { id: row.owner_id, user_id: row.owner_user_id, name: row.owner_name, email: row.owner_email }
      : null;
  // Org owners are counted once; an explicit owner who is a collaborator without a grant adds one.
  const ownerExtra = owner && row.owner_role === 'collaborator' && row.owner_granted === 0 ? 1 : 0;
  return {
    id: row.id,
    name: row.name,
    provider: row.provider,
    region: row.region,
    owner,
    access_count: counts.owners + (counts.granted.get(row.id) ?? 0) + ownerExtra,
    your_access:
      principal.role === 'owner'
        ? 'organization_owner'
        : owner?.id === principal.memberId
          ? 'cloud_owner'
          : 'grant',
    created_at: row.created_at,
  };
}

async function toClouds(db: Db, principal: Principal, rows: repo.CloudRow[]): Promise<Cloud[]> {
  const [owners, granted] = await Promise.all([
    members.countOwners(db, principal.orgId),
    repo.countGrantedCollaborators(
      db,
      rows.map((row) => row.id),
    ),
  ]);
  return rows.map((row) => toCloud(row, principal, { owners, granted }));
}

export async function listClouds(
  deps: AppDeps,
  principal: Principal,
  query: { count: number; paging_token?: string },
): Promise<CloudPage> {
  const db = deps.database.db;
  const sort = 'name';
  const visibility = cloudVisibility(principal);
  const scope = pagingScope(deps.config, {
    list: 'clouds',
    orgId: principal.orgId,
    sort,
    filters: visibility,
  });
  const cursor = decodeCursor(query.paging_token, scope);
  const [rows, total] = await Promise.all([
    repo.listCloudsPage(db, visibility, { cursor, limit: query.count }),
    repo.countClouds(db, visibility),
  ]);
  const page = keysetPage(rows, { count: query.count, cursor, scope, value: (row) => row.name });
  return { results: await toClouds(db, principal, page.rows), metadata: { total, ...page.metadata } };
}

export async function getCloud(deps: AppDeps, principal: Principal, id: string): Promise<Cloud> {
  const db = deps.database.db;
  const row = await requireVisibleCloud(db, principal, id);
  const [cloud] = await toClouds(db, principal, [row]);
  return cloud!;
}

async function requireUniqueName(trx: Db, orgId: string, name: string, exceptId?: string): Promise<void> {
  const existing = await repo.findCloudByName(trx, orgId, name);
  if (existing && existing.id !== exceptId) {
    throw conflict(cloudErrorCodes.nameTaken, `A cloud named "${name}" already exists. Choose another name.`);
  }
}

/** Registers a cloud; the person registering it becomes its explicit owner. */
export async function createCloud(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  body: CreateCloudBody,
): Promise<Cloud> {
  const id = newId();
  const at = deps.config.now().toISOString();
  await underOrganizationLock(deps, principal.orgId, async (trx) => {
    await requireOwnerUnderLock(trx, principal);
    await requireUniqueName(trx, principal.orgId, body.name);
    await repo.insertCloud(trx, {
      id,
      org_id: principal.orgId,
      name: body.name,
      provider: body.provider,
      region: body.region,
      owner_member_id: principal.memberId,
      created_by: principal.memberId,
      created_at: at,
    });
    await audit.insertAuditEvent(trx, {
      orgId: principal.orgId,
      actor,
      action: 'cloud.created',
      targetType: 'cloud',
      targetId: id,
      targetLabel: body.name,
      after: { name: body.name, provider: body.provider, region: body.region, owner: principal.email },
      at,
    });
  });
  return getCloud(deps, principal, id);
}

export async function renameCloud(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  id: string,
  name: string,
): Promise<Cloud> {
  await underOrganizationLock(deps, principal.orgId, async (trx) => {
    await requireOwnerUnderLock(trx, principal);
    const cloud = await requireVisibleCloud(trx, principal, id);
    if (cloud.name === name) return;
    await requireUniqueName(trx, principal.orgId, name, id);
    await repo.renameCloud(trx, id, name);
    await audit.insertAuditEvent(trx, {
      orgId: principal.orgId,
      actor,
      action: 'cloud.renamed',
      targetType: 'cloud',
      targetId: id,
      targetLabel: name,
      before: { name: cloud.name },
      after: { name },
      at: deps.config.now().toISOString(),
    });
  });
  return getCloud(deps, principal, id);
}

function toAccessEntry(row: repo.AccessRow, ownerMemberId: string | null): CloudAccessEntry {
  const source =
    row.role === 'owner' ? 'organization_owner' : row.id === ownerMemberId ? 'cloud_owner' : 'grant';
  return {
    id: row.id,
    user_id: row.user_id,
    name: row.name,
    email: row.email,
    permission_level: row.role,
    source,
    grant: row.granted_at
      ? {
          granted_by:
            row.granted_by_id && row.granted_by_user_id && row.granted_by_name && row.granted_by_email
              ? {
                  id: row.granted_by_id,
                  user_id: row.granted_by_user_id,
                  name: row.granted_by_name,
                  email: row.granted_by_email,
                  removed: row.granted_by_removed_at !== null,
                }
              : null,
          granted_at: row.granted_at,
        }
      : null,
    removal_blocked_reason:
      source === 'organization_owner'
        ? organizationOwnerReason
        : source === 'cloud_owner'
          ? cloudOwnerReason
          : null,
  };
}

/** Who can use the cloud and why, ordered by name. */
export async function listCloudAccess(
  deps: AppDeps,
  principal: Principal,
  id: string,
  query: { q?: string; count: number; paging_token?: string },
): Promise<CloudAccessPage> {
  const db = deps.database.db;
  const cloud = await requireVisibleCloud(db, principal, id);
  const scope = pagingScope(deps.config, {
    list: 'cloud_access',
    orgId: principal.orgId,
    sort: 'name',
    filters: { cloudId: id, q: query.q || undefined },
  });
  const cursor = decodeCursor(query.paging_token, scope);
  // A removed explicit owner no longer counts: ownership is implicit again.
  const ownerMemberId = cloud.owner_id;
  const filters = { orgId: principal.orgId, cloudId: id, ownerMemberId, q: query.q || undefined };
  const [rows, total] = await Promise.all([
    repo.listAccessPage(db, filters, { cursor, limit: query.count }),
    repo.countAccess(db, filters),
  ]);
  const page = keysetPage(rows, {
    count: query.count,
    cursor,
    scope,
    value: (row) => row.search_text,
  });
  return {
    results: page.rows.map((row) => toAccessEntry(row, ownerMemberId)),
    metadata: { total, ...page.metadata },
  };
}

/** Grants existing, active members access; granting someone who already has a grant changes nothing. */
export async function grantCloudAccess(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  id: string,
  userIds: string[],
): Promise<GrantCloudAccessResult> {
  const wanted = [...new Set(userIds)];
  return underOrganizationLock(deps, principal.orgId, async (trx) => {
    await requireOwnerUnderLock(trx, principal);
    const cloud = await requireVisibleCloud(trx, principal, id);
    const members = await repo.findActiveMembersByUserIds(trx, principal.orgId, wanted);
    const found = new Set(members.map((member) => member.user_id));
    const unknown = wanted.filter((userId) => !found.has(userId));
    if (unknown.length > 0) {
      throw badRequest(
        cloudErrorCodes.unknownMembers,
        `These user_ids are not active members of your organization: ${unknown.join(', ')}.`,
      );
    }
    const granted = await repo.findGrantedMemberIds(
      trx,
      id,
      members.map((member) => member.id),
    );
    const fresh = members.filter((member) => !granted.has(member.id));
    const at = deps.config.now().toISOString();
    await repo.insertGrants(
      trx,
      fresh.map((member) => ({
        cloud_id: id,
        member_id: member.id,
        granted_by: principal.memberId,
        created_at: at,
      })),
    );
    for (const member of fresh) {
      await audit.insertAuditEvent(trx, {
        orgId: principal.orgId,
        actor,
        action: 'cloud.access_granted',
        targetType: 'cloud',
        targetId: id,
        targetLabel: cloud.name,
        after: { member_id: member.id, email: member.email, name: member.name },
        at,
      });
    }
    const byUserId = new Map(members.map((member) => [member.user_id, member]));
    return wholeList(
      wanted.map((userId) => {
        const member = byUserId.get(userId)!;
        return {
          user_id: userId,
          name: member.name,
          outcome: granted.has(member.id) ? ('already_granted' as const) : ('granted' as const),
        };
      }),
    );
  });
}

export async function revokeCloudAccess(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  id: string,
  userId: string,
): Promise<void> {
  await underOrganizationLock(deps, principal.orgId, async (trx) => {
    await requireOwnerUnderLock(trx, principal);
    const cloud = await requireVisibleCloud(trx, principal, id);
    const member = await members.findActiveMemberByUserId(trx, principal.orgId, userId);
    if (!member) throw notFound('This member');
    if (member.role === 'owner') {
      throw conflict(
        cloudErrorCodes.organizationOwnerAccess,
        `${member.name} is an organization owner. ${organizationOwnerReason}`,
      );
    }
    if (member.id === cloud.owner_id) {
      throw conflict(
        cloudErrorCodes.cloudOwnerAccess,
        `${member.name} owns this cloud. Transfer ownership or return it to the organization owners first.`,
      );
    }
    const grant = await repo.findGrant(trx, id, member.id);
    if (!grant) throw notFound(`Access for ${member.name} on this cloud`);
    await repo.deleteGrant(trx, id, member.id);
    await audit.insertAuditEvent(trx, {
      orgId: principal.orgId,
      actor,
      action: 'cloud.access_revoked',
      targetType: 'cloud',
      targetId: id,
      targetLabel: cloud.name,
      before: { member_id: member.id, email: member.email, name: member.name },
      at: deps.config.now().toISOString(),
    });
  });
}

/** Makes a member the explicit owner, or (null) returns ownership to the organization owners. */
export async function transferCloudOwnership(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  id: string,
  userId: string | null,
): Promise<Cloud> {
  await underOrganizationLock(deps, principal.orgId, async (trx) => {
    await requireOwnerUnderLock(trx, principal);
    const cloud = await requireVisibleCloud(trx, principal, id);
    let next: repo.ActiveMember | null = null;
    if (userId !== null) {
      next = (await members.findActiveMemberByUserId(trx, principal.orgId, userId)) ?? null;
      if (!next) {
        throw badRequest(
          cloudErrorCodes.unknownMembers,
          `The user_id ${userId} is not an active member of your organization.`,
        );
      }
    }
    if ((next?.id ?? null) === cloud.owner_id) return;
    await repo.setCloudOwner(trx, id, next?.id ?? null);
    const describe = (person: { id: string; email: string | null; name: string | null } | null) =>
      person
        ? { owner_member_id: person.id, email: person.email, name: person.name }
        : { owner: 'organization' };
    await audit.insertAuditEvent(trx, {
      orgId: principal.orgId,
      actor,
      action: 'cloud.ownership_transferred',
      targetType: 'cloud',
      targetId: id,
      targetLabel: cloud.name,
      before: describe(
        cloud.owner_id ? { id: cloud.owner_id, email: cloud.owner_email, name: cloud.owner_name } : null,
      ),
      after: describe(next),
      at: deps.config.now().toISOString(),
    });
  });
  return getCloud(deps, principal, id);
}
