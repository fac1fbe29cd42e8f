import { wholeList } from '#contract/pagination.ts';
import type {
  Cloud,
  CloudAccessEntry,
  CloudAccessPage,
  CloudAccessSourceDetail,
  CloudPage,
  CloudRole,
  CreateCloudBody,
  GrantCloudAccessResult,
} from '#contract/clouds.ts';
import type { AppDeps } from '../../deps.ts';
import type { Trx } from '../../db/transaction.ts';
import { newId } from '../../lib/crypto.ts';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { decodeCursor, keysetPage, pagingScope } from '../../lib/paging.ts';
import * as audit from '../audit/audit.repository.ts';
import type { AuditActor } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/auth.service.ts';
import * as members from '../members/members.repository.ts';
import {
  currentPrincipalUnderLock,
  requireOwnerUnderLock,
  underOrganizationLock,
} from '../members/owner-lock.ts';
import * as access from './cloud-access.repository.ts';
import {
  createBlockedReason,
  loadGrants,
  requireCloudOwner,
  roleOf,
  type AccessSubject,
} from './cloud-roles.ts';
import * as repo from './clouds.repository.ts';

type Db = AppDeps['database']['db'];

export const cloudErrorCodes = {
  nameTaken: 'cloud_name_taken',
  organizationOwnerAccess: 'organization_owner_access',
  cloudOwnerAccess: 'cloud_owner_access',
  unknownMembers: 'unknown_members',
  /** 409 on the platform's POST …/collaborators/users: the person can already use the cloud. */
  alreadyHasPermissions: 'already_has_permissions',
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
  yours: CloudAccessSourceDetail[],
  counts: { owners: number; explicit: Map<string, number> },
): Cloud {
  const owner =
    row.owner_id && row.owner_user_id && row.owner_name !== null && row.owner_email !== null
      ? { id: row.owner_id, user_id: row.owner_user_id, name: row.owner_name, email: row.owner_email }
      : null;
  // A visible cloud always has a source; the fallback keeps the type honest.
  const role = roleOf(yours) ?? 'readonly';
  return {
    id: row.id,
    name: row.name,
    provider: row.provider,
    region: row.region,
    owner,
    // Organization owners once, then every collaborator with explicit access once.
    access_count: counts.owners + (counts.explicit.get(row.id) ?? 0),
    your_access: yours[0]?.type ?? 'grant',
    your_role: role,
    your_sources: yours,
    create_blocked_reason: createBlockedReason(row.name, role, yours),
    created_at: row.created_at,
  };
}

async function toClouds(db: Db, principal: Principal, rows: repo.CloudRow[]): Promise<Cloud[]> {
  const cloudIds = rows.map((row) => row.id);
  const [owners, explicit, grants] = await Promise.all([
    members.countOwners(db, principal.orgId),
    access.countExplicitCollaborators(db, cloudIds),
    loadGrants(db, { cloudIds, memberIds: [principal.memberId] }),
  ]);
  const caller: AccessSubject = { id: principal.memberId, role: principal.role };
  return rows.map((row) => toCloud(row, grants.sources(caller, row), { owners, explicit }));
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

type CloudOfAccess = { id: string; name: string; owner_id: string | null };

function toAccessEntry(row: repo.ActiveMember, sources: CloudAccessSourceDetail[]): CloudAccessEntry {
  const direct = sources.find((source) => source.type === 'grant');
  const isOrgOwner = sources.some((source) => source.type === 'organization_owner');
  const isCloudOwner = sources.some((source) => source.type === 'cloud_owner');
  return {
    id: row.id,
    user_id: row.user_id,
    name: row.name,
    email: row.email,
    permission_level: row.role,
    source: sources[0]?.type ?? 'grant',
    role: roleOf(sources) ?? 'readonly',
    sources,
    grant: direct
      ? { role: direct.role, granted_by: direct.granted_by, granted_at: direct.granted_at }
      : null,
    removal_blocked_reason: isOrgOwner ? organizationOwnerReason : isCloudOwner ? cloudOwnerReason : null,
  };
}

/** Access entries of these members on one cloud, in their order; members without access are left out. */
async function accessEntries(
  db: Db,
  cloud: CloudOfAccess,
  rows: repo.ActiveMember[],
): Promise<CloudAccessEntry[]> {
  const grants = await loadGrants(db, { cloudIds: [cloud.id], memberIds: rows.map((row) => row.id) });
  return rows.flatMap((row) => {
    const sources = grants.sources(row, cloud);
    return sources.length > 0 ? [toAccessEntry(row, sources)] : [];
  });
}

/**
 * The cloud, if the caller may manage who uses it: organization owners, its
 * explicit owner and `owner` grantees (direct or through a group). Others who
 * can see the cloud get 403; those who cannot, 404.
 */
async function requireManagedCloud(db: Db, principal: Principal, id: string): Promise<repo.CloudRow> {
  const cloud = await requireVisibleCloud(db, principal, id);
  await requireCloudOwner(db, principal, cloud);
  return cloud;
}

/** Under the organization lock: the caller as they are now, and the cloud they must own (role `owner`). */
export async function managedCloudUnderLock(trx: Trx, principal: Principal, id: string) {
  const caller = await currentPrincipalUnderLock(trx, principal);
  const cloud = await repo.findVisibleCloud(trx, cloudVisibility(caller), id);
  if (!cloud) {
    // Demoted while this request waited: it was allowed when sent, and is refused, not lost.
    if (principal.role === 'owner' && caller.role !== 'owner') {
      throw forbidden('You are no longer an owner of this organization.');
    }
    throw notFound('This cloud');
  }
  await requireCloudOwner(trx, caller, cloud);
  return { caller, cloud };
}

/** Who can use the cloud and why, ordered by name. */
export async function listCloudAccess(
  deps: AppDeps,
  principal: Principal,
  id: string,
  query: { q?: string; count: number; paging_token?: string },
): Promise<CloudAccessPage> {
  const db = deps.database.db;
  const cloud = await requireManagedCloud(db, principal, id);
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
    results: await accessEntries(db, cloud, page.rows),
    metadata: { total, ...page.metadata },
  };
}

/** One person's access entry on a cloud, or null when they have none. */
export async function accessEntryOf(db: Db, cloud: CloudOfAccess, member: repo.ActiveMember) {
  return (await accessEntries(db, cloud, [member]))[0] ?? null;
}

/**
 * Grants existing, active members direct access with a role. Without a role:
 * `write` for new grants and existing grants unchanged; with one, existing
 * grants change to it.
 */
export async function grantCloudAccess(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  id: string,
  userIds: string[],
  role?: CloudRole,
): Promise<GrantCloudAccessResult> {
  const wanted = [...new Set(userIds)];
  return underOrganizationLock(deps, principal.orgId, async (trx) => {
    const { cloud } = await managedCloudUnderLock(trx, principal, id);
    const found = await repo.findActiveMembersByUserIds(trx, principal.orgId, wanted);
    const foundIds = new Set(found.map((member) => member.user_id));
    const unknown = wanted.filter((userId) => !foundIds.has(userId));
    if (unknown.length > 0) {
      throw badRequest(
        cloudErrorCodes.unknownMembers,
        `These user_ids are not active members of your organization: ${unknown.join(', ')}.`,
      );
    }
    const at = deps.config.now().toISOString();
    const outcomes = await applyDirectGrants(trx, deps, principal, actor, cloud, found, role, at);
    const byUserId = new Map(found.map((member) => [member.user_id, member]));
    return wholeList(
      wanted.map((userId) => {
        const member = byUserId.get(userId)!;
        return { user_id: userId, name: member.name, outcome: outcomes.get(member.id)! };
      }),
    );
  });
}

/** Writes direct grants (new: `role ?? 'write'`; existing: changed to `role` when given), audited. */
async function applyDirectGrants(
  trx: Trx,
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  cloud: CloudOfAccess,
  targets: repo.ActiveMember[],
  role: CloudRole | undefined,
  at: string,
): Promise<Map<string, GrantCloudAccessResult['results'][number]['outcome']>> {
  const existing = new Map(
    (await access.listDirectGrants(trx, { cloudIds: [cloud.id], memberIds: targets.map((t) => t.id) })).map(
      (grant) => [grant.member_id, grant],
    ),
  );
  const outcomes = new Map<string, GrantCloudAccessResult['results'][number]['outcome']>();
  for (const member of targets) {
    const current = existing.get(member.id);
    if (!current) {
      await repo.insertGrants(trx, [
        {
          cloud_id: cloud.id,
          member_id: member.id,
          role: role ?? 'write',
          granted_by: principal.memberId,
          created_at: at,
        },
      ]);
      outcomes.set(member.id, 'granted');
      await audit.insertAuditEvent(trx, {
        orgId: principal.orgId,
        actor,
        action: 'cloud.access_granted',
        targetType: 'cloud',
        targetId: cloud.id,
        targetLabel: cloud.name,
        after: { member_id: member.id, email: member.email, name: member.name, role: role ?? 'write' },
        at,
      });
    } else if (role !== undefined && current.role !== role) {
      await access.updateGrantRole(trx, cloud.id, member.id, role);
      outcomes.set(member.id, 'role_changed');
      await audit.insertAuditEvent(trx, {
        orgId: principal.orgId,
        actor,
        action: 'cloud.access_role_changed',
        targetType: 'cloud',
        targetId: cloud.id,
        targetLabel: cloud.name,
        before: { member_id: member.id, email: member.email, name: member.name, role: current.role },
        after: { member_id: member.id, email: member.email, name: member.name, role },
        at,
      });
    } else {
      outcomes.set(member.id, 'already_granted');
    }
  }
  return outcomes;
}

/** Changes the role of a person's direct grant; 404 when they have none. */
export async function updateCloudGrant(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  id: string,
  userId: string,
  role: CloudRole,
): Promise<CloudAccessEntry> {
  return underOrganizationLock(deps, principal.orgId, async (trx) => {
    const { cloud } = await managedCloudUnderLock(trx, principal, id);
    const member = await members.findActiveMemberByUserId(trx, principal.orgId, userId);
    if (!member) throw notFound('This member');
    const grant = await repo.findGrant(trx, id, member.id);
    if (!grant) throw notFound(`A direct grant for ${member.name} on this cloud`);
    await applyDirectGrants(
      trx,
      deps,
      principal,
      actor,
      cloud,
      [member],
      role,
      deps.config.now().toISOString(),
    );
    return (await accessEntryOf(trx, cloud, member))!;
  });
}

/** A member by `user_id`, or by identity id (the platform's DELETE takes that). */
async function findMemberByEitherId(db: Db, orgId: string, id: string) {
  return (
    (await members.findActiveMemberByUserId(db, orgId, id)) ??
    (await repo.findActiveMembersByIds(db, orgId, [id]))[0]
  );
}

/**
 * Removes a person's direct grant. Organization owners and the cloud's owner
 * cannot be removed (409). What they keep through groups stays in the list.
 */
export async function revokeCloudAccess(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  id: string,
  userId: string,
): Promise<void> {
  await underOrganizationLock(deps, principal.orgId, async (trx) => {
    const { cloud } = await managedCloudUnderLock(trx, principal, id);
    const member = await findMemberByEitherId(trx, principal.orgId, userId);
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
    if (!grant) throw notFound(`A direct grant for ${member.name} on this cloud`);
    await repo.deleteGrant(trx, id, member.id);
    await audit.insertAuditEvent(trx, {
      orgId: principal.orgId,
      actor,
      action: 'cloud.access_revoked',
      targetType: 'cloud',
      targetId: id,
      targetLabel: cloud.name,
      before: { member_id: member.id, email: member.email, name: member.name, role: grant.role },
      at: deps.config.now().toISOString(),
    });
  });
}

/**
 * Makes a member the explicit owner, or (null) returns ownership to the
 * organization owners. Anyone who owns the cloud (role `owner`) may.
 */
export async function transferCloudOwnership(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  id: string,
  userId: string | null,
): Promise<Cloud> {
  await underOrganizationLock(deps, principal.orgId, async (trx) => {
    const { cloud } = await managedCloudUnderLock(trx, principal, id);
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
  // The previous owner may no longer see the cloud: answer what the organization sees.
  const db = deps.database.db;
  const row = await repo.findVisibleCloud(db, { orgId: principal.orgId, memberId: null }, id);
  const [cloud] = await toClouds(db, principal, [row!]);
  return cloud!;
}
