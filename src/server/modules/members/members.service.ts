import type {
  Collaborator,
  CollaboratorPage,
  CloudTransfer,
  CollaboratorType,
  MemberSort,
  OffboardingPreview,
  RemovalReceipt,
  SetRolesBody,
} from '#contract/members.ts';
import type { MemberSource } from '#contract/enums.ts';
import { errorCodes } from '#contract/errors.ts';
import type { PermissionLevel } from '#contract/roles.ts';
import type { AppDeps } from '../../deps.ts';
import type { Trx } from '../../db/transaction.ts';
import { normalizeEmail } from '../../lib/email.ts';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { decodeCursor, keysetPage, pagingScope } from '../../lib/paging.ts';
import * as apiKeysRepo from '../api-keys/api-keys.repository.ts';
import * as audit from '../audit/audit.repository.ts';
import type { AuditActor } from '../audit/audit.repository.ts';
import * as authRepo from '../auth/auth.repository.ts';
import type { Principal } from '../auth/auth.service.ts';
import { hasActiveScimToken } from '../directory-sync/scim-tokens.repository.ts';
import * as repo from './members.repository.ts';
import * as cloudsRepo from '../clouds/clouds.repository.ts';
import * as groupsRepo from '../groups/groups.repository.ts';
import * as invitations from '../invitations/invitations.service.ts';
import * as offboarding from './offboarding.repository.ts';
import { requireOwnerUnderLock, underOrganizationLock } from './owner-lock.ts';

const sortColumns: Record<string, repo.SortColumn> = {
  name: 'search_text',
  email: 'email',
  created_at: 'created_at',
  last_active: 'last_active_at',
};

/** The column and direction a member sort reads (`-` first: descending). */
export function memberSortColumn(sort: MemberSort): { column: repo.SortColumn; descending: boolean } {
  return { column: sortColumns[sort.replace(/^-/, '')]!, descending: sort.startsWith('-') };
}

export function toCollaborator(
  row: repo.ListedMemberRow,
  groups?: { id: string; name: string }[],
): Collaborator {
  const collaborator: Collaborator = {
    id: row.id,
    user_id: row.user_id,
    email: row.email,
    name: row.name,
    permission_level: row.role,
    base_role: row.role,
    additional_roles: [],
    is_service_account: row.is_service_account === 1,
    created_at: row.created_at,
    last_active_at: row.last_active_at || null,
    source: row.source,
    last_sso_login_at: row.sso_login_at,
  };
  if (groups) collaborator.groups = groups;
  return collaborator;
}

/** `is_service_account` and `collaborator_type` (the platform's two spellings) as one filter. */
export function serviceAccountFilter(query: {
  is_service_account?: boolean;
  collaborator_type?: CollaboratorType;
}): boolean | undefined {
  if (query.collaborator_type === 'only_service_accounts') return true;
  if (query.collaborator_type === 'only_user_accounts') return false;
  return query.is_service_account;
}

/** The member list's filters as the API takes them (the list and its CSV export alike). */
type MemberListFilterQuery = {
  email?: string;
  name?: string;
  q?: string;
  is_service_account?: boolean;
  collaborator_type?: CollaboratorType;
  permission_level?: PermissionLevel;
  source?: MemberSource;
  sso?: boolean;
};

/** The list's query as repository filters (the list and its CSV export read the same members). */
export function memberFiltersOf(orgId: string, query: MemberListFilterQuery): repo.MemberFilters {
  return {
    orgId,
    email: query.email ? normalizeEmail(query.email) : undefined,
    q: query.q || undefined,
    role: query.permission_level,
    name: query.name || undefined,
    serviceAccounts: serviceAccountFilter(query),
    source: query.source,
    ssoSignedIn: query.sso,
  };
}

export async function listCollaborators(
  deps: AppDeps,
  principal: Principal,
  query: MemberListFilterQuery & { sort: MemberSort; count: number; paging_token?: string },
): Promise<CollaboratorPage> {
  const descending = query.sort.startsWith('-');
  const column = sortColumns[query.sort.replace(/^-/, '')]!;
  const filters = memberFiltersOf(principal.orgId, query);
  const scope = pagingScope(deps.config, {
    list: 'collaborators',
    orgId: principal.orgId,
    sort: query.sort,
    filters,
  });
  const cursor = decodeCursor(query.paging_token, scope);
  const db = deps.database.db;
  let rows: repo.ListedMemberRow[];
  let total: number;
  let totalCapped = false;
  if (repo.memberSearch(filters.q)) {
    // The capped total first: it says whether the matches are few enough to read from the search index.
    const matches = await repo.countSearchMatches(db, filters);
    total = matches.total;
    totalCapped = matches.capped;
    rows = await repo.listMembersPage(db, filters, {
      column,
      descending,
      cursor,
      limit: query.count,
      sparse: !matches.capped,
    });
  } else {
    [rows, total] = await Promise.all([
      repo.listMembersPage(db, filters, { column, descending, cursor, limit: query.count }),
      repo.countMembers(db, filters),
    ]);
  }
  const page = keysetPage(rows, {
    count: query.count,
    cursor,
    scope,
    value: (row) => row[column],
  });
  return {
    results: await withGroups(db, principal.orgId, page.rows),
    metadata: { total, ...(totalCapped ? { total_capped: true } : {}), ...page.metadata },
  };
}

export async function getCollaborator(
  deps: AppDeps,
  principal: Principal,
  id: string,
): Promise<Collaborator> {
  // The platform's clients read one collaborator by identity id or by user id.
  const row = await repo.findMemberByAnyId(deps.database.db, principal.orgId, id);
  if (!row) throw notFound('This member');
  const [collaborator] = await withGroups(deps.database.db, principal.orgId, [row]);
  return collaborator!;
}

/** Collaborators with the groups each belongs to (one read for the whole page). */
async function withGroups(db: AppDeps['database']['db'], orgId: string, rows: repo.ListedMemberRow[]) {
  const memberships = await repo.listGroupsOfMembers(
    db,
    orgId,
    rows.map((row) => row.id),
  );
  const groupsOf = new Map<string, { id: string; name: string }[]>();
  for (const { member_id, id, name } of memberships) {
    const groups = groupsOf.get(member_id);
    if (groups) groups.push({ id, name });
    else groupsOf.set(member_id, [{ id, name }]);
  }
  return rows.map((row) => toCollaborator(row, groupsOf.get(row.id) ?? []));
}

/** The platform's role write: the member by user id or identity id, `base_role` as the role. */
export async function setRoles(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  id: string,
  body: SetRolesBody,
): Promise<void> {
  const target = await repo.findMemberByAnyId(deps.database.db, principal.orgId, id);
  if (!target) throw notFound('This member');
  await changeRole(deps, principal, actor, target.id, body.base_role);
}

export async function changeRole(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  id: string,
  role: PermissionLevel,
): Promise<Collaborator> {
  return underOrganizationLock(deps, principal.orgId, async (trx) => {
    const target = await repo.findMember(trx, principal.orgId, id);
    if (!target) throw notFound('This member');
    if (target.role === role) return toCollaborator(target);
    if (target.role === 'owner' && (await repo.countOwners(trx, principal.orgId)) <= 1) {
      throw conflict(
        errorCodes.lastOwner,
        `${target.name} is the last owner of ${principal.orgName}. Make someone else an owner first.`,
      );
    }
    await requireOwnerUnderLock(trx, principal);
    await repo.updateMemberRole(trx, target.id, role);
    if (target.role === 'owner') {
      // They have seen the links of the owner invitations they sent.
      await invitations.revokeInvitationsSentBy(trx, deps, {
        orgId: principal.orgId,
        actor,
        memberIds: [target.id],
        role: 'owner',
        reason: 'sender_demoted',
      });
    }
    await audit.insertAuditEvent(trx, {
      orgId: principal.orgId,
      actor,
      action: 'member.role_changed',
      targetType: 'member',
      targetId: target.id,
      targetLabel: `${target.name} <${target.email}>`,
      before: { permission_level: target.role },
      after: { permission_level: role },
      at: deps.config.now().toISOString(),
    });
    return toCollaborator({ ...target, role });
  });
}

export async function offboardingPreview(
  deps: AppDeps,
  principal: Principal,
  id: string,
): Promise<OffboardingPreview> {
  const db = deps.database.db;
  const member = await repo.findMember(db, principal.orgId, id);
  if (!member) throw notFound('This member');
  const now = deps.config.now();
  const ids = [member.id];
  const [workloads, clouds, cloudGrants, apiKeys, sessions, pendingInvitations, scimOn] = await Promise.all([
    offboarding.countWorkloadsByCreator(db, principal.orgId, ids),
    offboarding.listCloudsOwnedBy(db, principal.orgId, ids),
    offboarding.countCloudGrants(db, ids),
    offboarding.countActiveApiKeys(db, ids),
    offboarding.countActiveSessions(db, ids, {
      now: now.toISOString(),
      idleSince: new Date(now.getTime() - deps.config.sessionIdleMs).toISOString(),
    }),
    invitations.listInvitationsSentBy(db, principal.orgId, ids),
    hasActiveScimToken(db, principal.orgId),
  ]);
  const counts = (kind: offboarding.WorkloadCountRow['kind']) => {
    const rows = workloads.filter((row) => row.kind === kind);
    return {
      running: rows.filter((row) => row.status === 'running').reduce((sum, row) => sum + row.n, 0),
      total: rows.reduce((sum, row) => sum + row.n, 0),
    };
  };
  return {
    member: toCollaborator(member),
    workloads: { workspaces: counts('workspace'), jobs: counts('job'), services: counts('service') },
    clouds_owned: clouds.map((cloud) => ({ id: cloud.id, name: cloud.name })),
    cloud_grants: cloudGrants,
    api_keys: apiKeys,
    active_sessions: sessions,
    scim_on: scimOn,
    pending_invitations: pendingInvitations,
  };
}

/**
 * Removes members in one transaction, all or nothing: memberships end (soft),
 * sessions and API keys die, cloud grants go, the invitations they sent are
 * revoked, and clouds they own explicitly
 * fall back to the organization owners or move to the member chosen for each.
 * Workloads are left as they are, still attributed to their creator.
 */
export async function removeMembers(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  input: { ids: string[]; cloudTransfers?: CloudTransfer[]; downgradeOwners?: boolean },
): Promise<RemovalReceipt> {
  const ids = [...new Set(input.ids)];
  return underOrganizationLock(deps, principal.orgId, async (trx) => {
    const targets = await repo.findMembersByIds(trx, principal.orgId, ids);
    if (targets.length !== ids.length) {
      throw notFound(ids.length === 1 ? 'This member' : 'One of these members');
    }
    const owners = targets.filter((target) => target.role === 'owner');
    if (owners.length > 0 && !input.downgradeOwners) {
      const names = owners.map((owner) => owner.name).join(', ');
      throw conflict(
        errorCodes.ownerMustBeDowngraded,
        owners.length === 1
          ? `${names} is an owner. Downgrade them to collaborator before removing them.`
          : `${names} are owners. Downgrade them to collaborator before removing them.`,
      );
    }
    await requireOwnerUnderLock(trx, principal);
    if (owners.some((owner) => owner.id === principal.memberId)) {
      throw conflict(
        errorCodes.conflict,
        'You cannot remove yourself here. Use Leave organization in your account menu.',
      );
    }
    // The caller is an owner who stays, so this never fires today; it keeps the rule next to the write.
    if (owners.length > 0 && (await repo.countOwners(trx, principal.orgId)) - owners.length < 1) {
      throw conflict(errorCodes.lastOwner, `${principal.orgName} would be left without an owner.`);
    }
    const at = deps.config.now().toISOString();
    for (const owner of owners) {
      // Made a collaborator first, in the same transaction, so the log reads as it happened.
      await repo.updateMemberRole(trx, owner.id, 'collaborator');
      await audit.insertAuditEvent(trx, {
        orgId: principal.orgId,
        actor,
        action: 'member.role_changed',
        targetType: 'member',
        targetId: owner.id,
        targetLabel: `${owner.name} <${owner.email}>`,
        before: { permission_level: 'owner' },
        after: { permission_level: 'collaborator' },
        at,
      });
    }
    return removeUnderLock(trx, deps, principal, actor, targets, input.cloudTransfers ?? [], {
      action: 'member.removed',
      at,
    });
  });
}

/**
 * A member leaves on their own: the same removal as an owner's (sessions, keys,
 * grants, sent invitations; their clouds return to the organization owners),
 * refused for the last owner.
 */
export async function leaveOrganization(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
): Promise<RemovalReceipt> {
  return underOrganizationLock(deps, principal.orgId, async (trx) => {
    const self = await repo.findMember(trx, principal.orgId, principal.memberId);
    if (!self) throw forbidden('You are no longer a member of this organization.');
    if (self.role === 'owner' && (await repo.countOwners(trx, principal.orgId)) <= 1) {
      throw conflict(
        errorCodes.lastOwner,
        `You are the last owner of ${principal.orgName}. Make someone else an owner before leaving.`,
      );
    }
    return removeUnderLock(trx, deps, principal, actor, [self], [], {
      action: 'member.left',
      at: deps.config.now().toISOString(),
    });
  });
}

/**
 * The identity provider deprovisions a member (SCIM `active: false` or DELETE):
 * the console's removal, under the organization lock the caller holds. The last
 * owner is never removed (answers `refused`; the caller audits the refusal in
 * its own transaction); another owner is demoted first, audited, like the
 * console's "downgrade and remove".
 */
export async function deprovisionUnderLock(
  trx: Trx,
  deps: AppDeps,
  organization: { orgId: string },
  actor: AuditActor,
  memberId: string,
): Promise<{ outcome: 'removed'; receipt: RemovalReceipt } | { outcome: 'refused' } | { outcome: 'absent' }> {
  const target = await repo.findMember(trx, organization.orgId, memberId);
  if (!target) return { outcome: 'absent' };
  const at = deps.config.now().toISOString();
  if (target.role === 'owner') {
    if ((await repo.countOwners(trx, organization.orgId)) <= 1) return { outcome: 'refused' };
    await repo.updateMemberRole(trx, target.id, 'collaborator');
    await audit.insertAuditEvent(trx, {
      orgId: organization.orgId,
      actor,
      action: 'member.role_changed',
      targetType: 'member',
      targetId: target.id,
      targetLabel: `${target.name} <${target.email}>`,
      before: { permission_level: 'owner' },
      after: { permission_level: 'collaborator' },
      at,
    });
  }
  const receipt = await removeUnderLock(trx, deps, organization, actor, [target], [], {
    action: 'member.removed',
    at,
  });
  return { outcome: 'removed', receipt };
}

/** The removal itself, for callers that hold the organization lock and checked the rules. */
async function removeUnderLock(
  trx: Trx,
  deps: AppDeps,
  principal: { orgId: string },
  actor: AuditActor,
  targets: repo.MemberRow[],
  cloudTransfers: CloudTransfer[],
  options: { action: 'member.removed' | 'member.left'; at: string },
): Promise<RemovalReceipt> {
  const { at } = options;
  const ids = targets.map((target) => target.id);
  const clouds = await offboarding.listCloudsOwnedBy(trx, principal.orgId, ids);
  const destinations = await resolveCloudTransfers(trx, principal, clouds, ids, cloudTransfers);

  const removed = await repo.markMembersRemoved(trx, principal.orgId, ids, at);
  const sessionsEnded = await authRepo.deleteSessionsOfMembers(trx, ids);
  const apiKeysRevoked = await apiKeysRepo.revokeApiKeysOfMembers(trx, ids, at);
  const cloudGrantsRemoved = await offboarding.deleteCloudGrantsOfMembers(trx, ids);
  // Group access ends with the membership; SCIM groups keep the directory's record (scim_group_members).
  await groupsRepo.deleteMembershipsOfMembers(trx, ids);
  // They have seen these links (Copy link, the API answer) and could walk back in through one.
  const invitationsRevoked = await invitations.revokeInvitationsSentBy(trx, deps, {
    orgId: principal.orgId,
    actor,
    memberIds: ids,
    reason: 'sender_removed',
  });

  let transferred = 0;
  const byId = new Map(targets.map((target) => [target.id, target]));
  for (const cloud of clouds) {
    const destination = destinations.get(cloud.id) ?? null;
    if (destination) transferred += 1;
    await cloudsRepo.setCloudOwner(trx, cloud.id, destination?.id ?? null);
    const previous = byId.get(cloud.owner_member_id!)!;
    await audit.insertAuditEvent(trx, {
      orgId: principal.orgId,
      actor,
      action: 'cloud.ownership_transferred',
      targetType: 'cloud',
      targetId: cloud.id,
      targetLabel: cloud.name,
      before: { owner_member_id: previous.id, email: previous.email, name: previous.name },
      after: destination
        ? { owner_member_id: destination.id, email: destination.email, name: destination.name }
        : { owner: 'organization' },
      at,
    });
  }
  for (const target of targets) {
    await audit.insertAuditEvent(trx, {
      orgId: principal.orgId,
      actor,
      action: options.action,
      targetType: 'member',
      targetId: target.id,
      targetLabel: `${target.name} <${target.email}>`,
      before: { permission_level: target.role },
      after: null,
      at,
    });
  }
  return {
    removed,
    removed_ids: ids,
    clouds_transferred: transferred,
    clouds_returned_to_owners: clouds.length - transferred,
    cloud_grants_removed: cloudGrantsRemoved,
    api_keys_revoked: apiKeysRevoked,
    sessions_ended: sessionsEnded,
    invitations_revoked: invitationsRevoked,
  };
}

/** Validates the requested destinations: clouds the removed people own, active members who stay. */
async function resolveCloudTransfers(
  trx: Trx,
  principal: { orgId: string },
  clouds: { id: string; name: string }[],
  removedIds: string[],
  transfers: CloudTransfer[],
): Promise<Map<string, repo.MemberRow>> {
  const owned = new Map(clouds.map((cloud) => [cloud.id, cloud]));
  const destinations = new Map<string, repo.MemberRow>();
  for (const transfer of transfers) {
    const cloud = owned.get(transfer.cloud_id);
    if (!cloud) {
      throw badRequest(
        'invalid_cloud_transfer',
        'A cloud transfer names a cloud that none of the people being removed owns.',
      );
    }
    if (transfer.user_id === null) continue;
    const member = await repo.findActiveMemberByUserId(trx, principal.orgId, transfer.user_id);
    if (!member || removedIds.includes(member.id)) {
      throw badRequest(
        'invalid_transfer_target',
        `Ownership of ${cloud.name} can only go to a member who stays in the organization.`,
      );
    }
    destinations.set(cloud.id, member);
  }
  return destinations;
}
