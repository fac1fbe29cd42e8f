import type { CloudAccessSourceDetail } from '#contract/clouds.ts';
import {
  groupErrorCodes,
  scimGroupReadOnlyReason,
  type AccessChange,
  type AddGroupMembersResult,
  type Group,
  type GroupDeletion,
  type GroupDetail,
  type GroupMemberPage,
  type GroupPage,
  type GroupSource,
} from '#contract/groups.ts';
import { wholeList } from '#contract/pagination.ts';
import type { AppDeps } from '../../deps.ts';
import type { Trx } from '../../db/transaction.ts';
import { newId } from '../../lib/crypto.ts';
import { badRequest, conflict, notFound } from '../../lib/errors.ts';
import { decodeCursor, keysetPage, pagingScope } from '../../lib/paging.ts';
import * as audit from '../audit/audit.repository.ts';
import type { AuditActor } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/auth.service.ts';
import { grantedByOf, loadGrants, roleOf } from '../clouds/cloud-roles.ts';
import * as cloudsRepo from '../clouds/clouds.repository.ts';
import * as members from '../members/members.repository.ts';
import { requireOwnerUnderLock, underOrganizationLock } from '../members/owner-lock.ts';
import * as repo from './groups.repository.ts';

type Db = AppDeps['database']['db'];

/**
 * Groups: owners create, rename and delete manual groups and change their
 * members; every member may read them (a cloud's owner picks groups to grant,
 * a member sees the teams they are in). SCIM groups are the directory's: the
 * console answers 409 `group_read_only` to any change of them.
 */

function toGroup(row: repo.GroupRow): Group {
  return {
    id: row.id,
    name: row.name,
    source: row.source,
    member_count: row.member_count,
    cloud_count: row.cloud_count,
    read_only_reason: row.source === 'scim' ? scimGroupReadOnlyReason : null,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

async function requireGroup(db: Db, principal: Principal, id: string): Promise<repo.GroupRow> {
  const group = await repo.findGroup(db, principal.orgId, id);
  if (!group) throw notFound('This group');
  return group;
}

/** The group, if the console may change it (manual groups). */
async function requireManualGroup(db: Db, principal: Principal, id: string): Promise<repo.GroupRow> {
  const group = await requireGroup(db, principal, id);
  if (group.source === 'scim') {
    throw conflict(
      groupErrorCodes.readOnly,
      `${group.name} is synced from your identity provider (SCIM). ${scimGroupReadOnlyReason}`,
    );
  }
  return group;
}

async function requireUniqueName(db: Db, orgId: string, name: string, exceptId?: string): Promise<void> {
  const existing = await repo.findGroupByName(db, orgId, name);
  if (existing && existing.id !== exceptId) {
    throw conflict(
      groupErrorCodes.nameTaken,
      `A group named "${existing.name}" already exists. Choose another name.`,
    );
  }
}

export async function listGroups(
  deps: AppDeps,
  principal: Principal,
  query: { q?: string; source?: GroupSource; user_id?: string; count: number; paging_token?: string },
): Promise<GroupPage> {
  const db = deps.database.db;
  let memberId: string | undefined;
  if (query.user_id !== undefined) {
    const member = await members.findActiveMemberByUserId(db, principal.orgId, query.user_id);
    // An unknown member belongs to no group.
    memberId = member?.id ?? '';
  }
  const filters: repo.GroupFilters = {
    orgId: principal.orgId,
    q: query.q || undefined,
    source: query.source,
    memberId,
  };
  const scope = pagingScope(deps.config, {
    list: 'groups',
    orgId: principal.orgId,
    sort: 'name',
    filters: { q: filters.q, source: filters.source, memberId },
  });
  const cursor = decodeCursor(query.paging_token, scope);
  const [rows, total] = await Promise.all([
    repo.listGroupsPage(db, filters, { cursor, limit: query.count }),
    repo.countGroups(db, filters),
  ]);
  const page = keysetPage(rows, { count: query.count, cursor, scope, value: (row) => row.name_key });
  return { results: page.rows.map(toGroup), metadata: { total, ...page.metadata } };
}

/** The group and the clouds it can use (a collaborator sees only the clouds they can see themselves). */
export async function getGroup(deps: AppDeps, principal: Principal, id: string): Promise<GroupDetail> {
  const db = deps.database.db;
  const group = await requireGroup(db, principal, id);
  const clouds = await repo.listGroupClouds(db, id, principal.role === 'owner' ? null : principal.memberId);
  return {
    ...toGroup(group),
    clouds: clouds.map((cloud) => ({
      id: cloud.id,
      name: cloud.name,
      provider: cloud.provider,
      role: cloud.role,
      granted_by: grantedByOf(cloud),
      granted_at: cloud.created_at,
    })),
  };
}

export async function listGroupMembers(
  deps: AppDeps,
  principal: Principal,
  id: string,
  query: { q?: string; count: number; paging_token?: string },
): Promise<GroupMemberPage> {
  const db = deps.database.db;
  await requireGroup(db, principal, id);
  const q = query.q?.toLowerCase() || undefined;
  const scope = pagingScope(deps.config, {
    list: 'group_members',
    orgId: principal.orgId,
    sort: 'name',
    filters: { groupId: id, q },
  });
  const cursor = decodeCursor(query.paging_token, scope);
  const [rows, total] = await Promise.all([
    repo.listGroupMembersPage(db, id, { q, cursor, limit: query.count }),
    repo.countGroupMembers(db, id, q),
  ]);
  const page = keysetPage(rows, { count: query.count, cursor, scope, value: (row) => row.search_text });
  return {
    results: page.rows.map((row) => ({
      id: row.id,
      user_id: row.user_id,
      name: row.name,
      email: row.email,
      added_at: row.added_at,
      added_by: grantedByOf({
        granted_by_id: row.added_by_id,
        granted_by_user_id: row.added_by_user_id,
        granted_by_name: row.added_by_name,
        granted_by_email: row.added_by_email,
        granted_by_removed_at: row.added_by_removed_at,
      }),
    })),
    metadata: { total, ...page.metadata },
  };
}

async function activeMembersByUserIds(trx: Trx, orgId: string, userIds: string[]) {
  const wanted = [...new Set(userIds)];
  const found = await cloudsRepo.findActiveMembersByUserIds(trx, orgId, wanted);
  const unknown = wanted.filter((userId) => !found.some((member) => member.user_id === userId));
  if (unknown.length > 0) {
    throw badRequest(
      groupErrorCodes.unknownMembers,
      `These user_ids are not active members of your organization: ${unknown.join(', ')}.`,
    );
  }
  return wanted.map((userId) => found.find((member) => member.user_id === userId)!);
}

async function addMembersUnderLock(
  trx: Trx,
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  group: { id: string; name: string },
  userIds: string[],
  at: string,
): Promise<AddGroupMembersResult> {
  const targets = await activeMembersByUserIds(trx, principal.orgId, userIds);
  const already = await repo.findMemberIdsInGroup(
    trx,
    group.id,
    targets.map((member) => member.id),
  );
  const fresh = targets.filter((member) => !already.has(member.id));
  await repo.insertMemberships(
    trx,
    fresh.map((member) => ({
      group_id: group.id,
      member_id: member.id,
      added_by: principal.memberId,
      created_at: at,
    })),
  );
  for (const member of fresh) {
    await audit.insertAuditEvent(trx, {
      orgId: principal.orgId,
      actor,
      action: 'group.member_added',
      targetType: 'group',
      targetId: group.id,
      targetLabel: group.name,
      after: { member_id: member.id, email: member.email, name: member.name },
      at,
    });
  }
  if (fresh.length > 0) await repo.touchGroup(trx, group.id, at);
  return wholeList(
    targets.map((member) => ({
      user_id: member.user_id,
      name: member.name,
      outcome: already.has(member.id) ? ('already_member' as const) : ('added' as const),
    })),
  );
}

export async function createGroup(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  body: { name: string; user_ids: string[] },
): Promise<GroupDetail> {
  const id = newId();
  await underOrganizationLock(deps, principal.orgId, async (trx) => {
    await requireOwnerUnderLock(trx, principal);
    await requireUniqueName(trx, principal.orgId, body.name);
    const at = deps.config.now().toISOString();
    await repo.insertGroup(trx, {
      id,
      org_id: principal.orgId,
      name: body.name,
      name_key: body.name.toLowerCase(),
      source: 'manual',
      scim_group_id: null,
      created_by: principal.memberId,
      created_at: at,
      updated_at: at,
    });
    await audit.insertAuditEvent(trx, {
      orgId: principal.orgId,
      actor,
      action: 'group.created',
      targetType: 'group',
      targetId: id,
      targetLabel: body.name,
      after: { name: body.name },
      at,
    });
    if (body.user_ids.length > 0) {
      await addMembersUnderLock(trx, deps, principal, actor, { id, name: body.name }, body.user_ids, at);
    }
  });
  return getGroup(deps, principal, id);
}

export async function renameGroup(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  id: string,
  name: string,
): Promise<GroupDetail> {
  await underOrganizationLock(deps, principal.orgId, async (trx) => {
    await requireOwnerUnderLock(trx, principal);
    const group = await requireManualGroup(trx, principal, id);
    if (group.name === name) return;
    await requireUniqueName(trx, principal.orgId, name, id);
    const at = deps.config.now().toISOString();
    await repo.renameGroup(trx, id, name, at);
    await audit.insertAuditEvent(trx, {
      orgId: principal.orgId,
      actor,
      action: 'group.renamed',
      targetType: 'group',
      targetId: id,
      targetLabel: name,
      before: { name: group.name },
      after: { name },
      at,
    });
  });
  return getGroup(deps, principal, id);
}

/**
 * What losing this group (or, with `onlyMemberId`, one person's membership in
 * it) does to cloud access: per cloud granted to the group, the people whose
 * effective role changes. Others keep theirs through another source.
 */
export async function accessChangesWithoutGroup(
  db: Db,
  groupId: string,
  onlyMemberId?: string,
): Promise<GroupDeletion['clouds']> {
  const clouds = await repo.listGroupClouds(db, groupId);
  const people = (await repo.listGroupMembersPage(db, groupId, { limit: null })).filter(
    (person) => onlyMemberId === undefined || person.id === onlyMemberId,
  );
  if (clouds.length === 0 || people.length === 0) {
    return clouds.map((cloud) => ({
      cloud: { id: cloud.id, name: cloud.name },
      role: cloud.role,
      changes: [],
    }));
  }
  const grants = await loadGrants(db, {
    cloudIds: clouds.map((cloud) => cloud.id),
    memberIds: people.map((person) => person.id),
  });
  const withoutThisGroup = (source: CloudAccessSourceDetail) =>
    !(source.type === 'group' && source.group.id === groupId);
  return clouds.map((cloud) => {
    const changes: AccessChange[] = [];
    for (const person of people) {
      const sources = grants.sources(person, { id: cloud.id, owner_id: cloud.owner_member_id });
      const before = roleOf(sources);
      const after = roleOf(sources.filter(withoutThisGroup));
      if (before !== null && before !== after) {
        changes.push({
          id: person.id,
          user_id: person.user_id,
          name: person.name,
          email: person.email,
          role_before: before,
          role_after: after,
        });
      }
    }
    return { cloud: { id: cloud.id, name: cloud.name }, role: cloud.role, changes };
  });
}

function deletionOf(group: repo.GroupRow, clouds: GroupDeletion['clouds']): GroupDeletion {
  const losing = new Set(
    clouds.flatMap((cloud) =>
      cloud.changes.filter((change) => change.role_after === null).map((change) => change.id),
    ),
  );
  return { group: toGroup(group), clouds, people_losing_access: losing.size };
}

/** What deleting the group would end, for the confirmation. */
export async function deletionPreview(
  deps: AppDeps,
  principal: Principal,
  id: string,
): Promise<GroupDeletion> {
  const db = deps.database.db;
  const group = await requireManualGroup(db, principal, id);
  return deletionOf(group, await accessChangesWithoutGroup(db, id));
}

/**
 * Deletes a manual group with its memberships and cloud grants, in one
 * transaction: its members' access through it ends on their next request.
 * The answer lists the access that ended.
 */
export async function deleteGroup(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  id: string,
): Promise<GroupDeletion> {
  return underOrganizationLock(deps, principal.orgId, async (trx) => {
    await requireOwnerUnderLock(trx, principal);
    const group = await requireManualGroup(trx, principal, id);
    const ended = deletionOf(group, await accessChangesWithoutGroup(trx, id));
    await repo.deleteGroup(trx, id);
    await audit.insertAuditEvent(trx, {
      orgId: principal.orgId,
      actor,
      action: 'group.deleted',
      targetType: 'group',
      targetId: id,
      targetLabel: group.name,
      before: {
        name: group.name,
        members: group.member_count,
        clouds: ended.clouds.map((cloud) => ({
          id: cloud.cloud.id,
          name: cloud.cloud.name,
          role: cloud.role,
        })),
        people_losing_access: ended.people_losing_access,
      },
      at: deps.config.now().toISOString(),
    });
    return ended;
  });
}

export async function addGroupMembers(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  id: string,
  userIds: string[],
): Promise<AddGroupMembersResult> {
  return underOrganizationLock(deps, principal.orgId, async (trx) => {
    await requireOwnerUnderLock(trx, principal);
    const group = await requireManualGroup(trx, principal, id);
    return addMembersUnderLock(trx, deps, principal, actor, group, userIds, deps.config.now().toISOString());
  });
}

/** Removes one person from a manual group; their access through it ends on their next request. */
export async function removeGroupMember(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  id: string,
  userId: string,
): Promise<void> {
  await underOrganizationLock(deps, principal.orgId, async (trx) => {
    await requireOwnerUnderLock(trx, principal);
    const group = await requireManualGroup(trx, principal, id);
    const member = await members.findActiveMemberByUserId(trx, principal.orgId, userId);
    if (!member) throw notFound('This member');
    const changes = await accessChangesWithoutGroup(trx, id, member.id);
    if (!(await repo.deleteMembership(trx, id, member.id))) throw notFound(`${member.name} in ${group.name}`);
    const at = deps.config.now().toISOString();
    await repo.touchGroup(trx, id, at);
    await audit.insertAuditEvent(trx, {
      orgId: principal.orgId,
      actor,
      action: 'group.member_removed',
      targetType: 'group',
      targetId: id,
      targetLabel: group.name,
      before: {
        member_id: member.id,
        email: member.email,
        name: member.name,
        cloud_access_changed: changes
          .filter((cloud) => cloud.changes.length > 0)
          .map((cloud) => ({ id: cloud.cloud.id, role_after: cloud.changes[0]!.role_after })),
      },
      at,
    });
  });
}
