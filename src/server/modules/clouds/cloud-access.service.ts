import type {
  CloudAccessReport,
  CloudAccessSourceDetail,
  CloudGroupGrantList,
  CloudRole,
  GrantCloudGroupsResult,
  MemberCloudAccessList,
  PlatformCollaborator,
  PlatformCollaboratorPage,
} from '#contract/clouds.ts';
import { wholeList } from '#contract/pagination.ts';
import type { Trx } from '../../db/transaction.ts';
import type { AppDeps } from '../../deps.ts';
import { csvRow } from '../../lib/csv.ts';
import { normalizeEmail } from '../../lib/email.ts';
import { badRequest, conflict, notFound } from '../../lib/errors.ts';
import { decodeCursor, keysetPage, pagingScope } from '../../lib/paging.ts';
import * as audit from '../audit/audit.repository.ts';
import type { AuditActor } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/auth.service.ts';
import * as members from '../members/members.repository.ts';
import { underOrganizationLock } from '../members/owner-lock.ts';
import * as access from './cloud-access.repository.ts';
import { describeSource, grantedByOf, loadGrants, requireCloudOwner, roleOf } from './cloud-roles.ts';
import * as repo from './clouds.repository.ts';
import { cloudErrorCodes, managedCloudUnderLock, requireVisibleCloud } from './clouds.service.ts';

type Db = AppDeps['database']['db'];

async function requireManagedCloud(db: Db, principal: Principal, id: string) {
  const cloud = await requireVisibleCloud(db, principal, id);
  await requireCloudOwner(db, principal, cloud);
  return cloud;
}

// Group grants

export async function listGroupGrants(
  deps: AppDeps,
  principal: Principal,
  id: string,
): Promise<CloudGroupGrantList> {
  const db = deps.database.db;
  await requireManagedCloud(db, principal, id);
  const rows = await access.listGroupGrantsOfCloud(db, id);
  return wholeList(
    rows.map((row) => ({
      group: {
        id: row.group_id,
        name: row.group_name,
        source: row.group_source,
        member_count: row.member_count,
      },
      role: row.role,
      granted_by: grantedByOf(row),
      granted_at: row.created_at,
    })),
  );
}

/** Grants groups the cloud: new grants get `role ?? 'write'`; existing ones change to `role` when given. */
export async function grantGroups(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  id: string,
  groupIds: string[],
  role?: CloudRole,
): Promise<GrantCloudGroupsResult> {
  return underOrganizationLock(deps, principal.orgId, (trx) =>
    grantGroupsUnderLock(trx, deps, principal, actor, id, groupIds, role),
  );
}

/** The grant itself, inside a transaction that already holds the organization lock. */
async function grantGroupsUnderLock(
  trx: Trx,
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  id: string,
  groupIds: string[],
  role?: CloudRole,
): Promise<GrantCloudGroupsResult> {
  const wanted = [...new Set(groupIds)];
  const { cloud } = await managedCloudUnderLock(trx, principal, id);
  const groups = await access.findGroupsByIds(trx, principal.orgId, wanted);
  const unknown = wanted.filter((groupId) => !groups.some((group) => group.id === groupId));
  if (unknown.length > 0) {
    throw badRequest('unknown_groups', `These groups are not in your organization: ${unknown.join(', ')}.`);
  }
  const at = deps.config.now().toISOString();
  const results: GrantCloudGroupsResult['results'] = [];
  for (const groupId of wanted) {
    const group = groups.find((candidate) => candidate.id === groupId)!;
    const current = await access.findGroupGrant(trx, id, groupId);
    const event = {
      orgId: principal.orgId,
      actor,
      targetType: 'cloud',
      targetId: id,
      targetLabel: cloud.name,
      at,
    };
    if (!current) {
      await access.insertGroupGrant(trx, {
        cloud_id: id,
        group_id: groupId,
        role: role ?? 'write',
        granted_by: principal.memberId,
        created_at: at,
      });
      await audit.insertAuditEvent(trx, {
        ...event,
        action: 'cloud.group_access_granted',
        after: { group_id: groupId, name: group.name, role: role ?? 'write' },
      });
      results.push({ group_id: groupId, name: group.name, outcome: 'granted' });
    } else if (role !== undefined && role !== current.role) {
      await access.updateGroupGrantRole(trx, id, groupId, role);
      await audit.insertAuditEvent(trx, {
        ...event,
        action: 'cloud.group_access_role_changed',
        before: { group_id: groupId, name: group.name, role: current.role },
        after: { group_id: groupId, name: group.name, role },
      });
      results.push({ group_id: groupId, name: group.name, outcome: 'role_changed' });
    } else {
      results.push({ group_id: groupId, name: group.name, outcome: 'already_granted' });
    }
  }
  return wholeList(results);
}

export async function updateGroupGrant(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  id: string,
  groupId: string,
  role: CloudRole,
): Promise<CloudGroupGrantList> {
  // One transaction: the check and the change must not let another request in between.
  await underOrganizationLock(deps, principal.orgId, async (trx) => {
    await managedCloudUnderLock(trx, principal, id);
    if (!(await access.findGroupGrant(trx, id, groupId))) throw notFound("This group's access to the cloud");
    await grantGroupsUnderLock(trx, deps, principal, actor, id, [groupId], role);
  });
  return listGroupGrants(deps, principal, id);
}

/** Ends a group's access to the cloud; its members keep what their other sources give. */
export async function revokeGroupGrant(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  id: string,
  groupId: string,
): Promise<void> {
  await underOrganizationLock(deps, principal.orgId, async (trx) => {
    const { cloud } = await managedCloudUnderLock(trx, principal, id);
    const grant = await access.findGroupGrant(trx, id, groupId);
    if (!grant) throw notFound("This group's access to the cloud");
    const [group] = await access.findGroupsByIds(trx, principal.orgId, [groupId]);
    await access.deleteGroupGrant(trx, id, groupId);
    await audit.insertAuditEvent(trx, {
      orgId: principal.orgId,
      actor,
      action: 'cloud.group_access_revoked',
      targetType: 'cloud',
      targetId: id,
      targetLabel: cloud.name,
      before: { group_id: groupId, name: group?.name ?? null, role: grant.role },
      at: deps.config.now().toISOString(),
    });
  });
}

// Who has access, and why

/** Every person with effective access to the cloud, role, sources and last workload created there. */
export async function accessReport(
  deps: AppDeps,
  principal: Principal,
  id: string,
): Promise<CloudAccessReport> {
  const db = deps.database.db;
  const cloud = await requireManagedCloud(db, principal, id);
  const people = await repo.listAllAccess(db, {
    orgId: principal.orgId,
    cloudId: id,
    ownerMemberId: cloud.owner_id,
  });
  const [grants, activity] = await Promise.all([
    loadGrants(db, { cloudIds: [id], memberIds: people.map((person) => person.id) }),
    access.workloadActivityOnCloud(db, id),
  ]);
  const results = people.flatMap((person) => {
    const sources = grants.sources(person, cloud);
    const role = roleOf(sources);
    if (role === null) return [];
    const used = activity.get(person.id);
    return [
      {
        id: person.id,
        user_id: person.user_id,
        name: person.name,
        email: person.email,
        permission_level: person.role,
        role,
        sources,
        last_workload_created_at: used?.lastAt ?? null,
        workloads_created: used?.count ?? 0,
      },
    ];
  });
  return {
    ...wholeList(results),
    cloud: { id: cloud.id, name: cloud.name },
    generated_at: deps.config.now().toISOString(),
  };
}

export const accessReportCsvHeader = [
  'name',
  'email',
  'organization_role',
  'cloud_role',
  'sources',
  'last_workload_created_at',
  'workloads_created',
];

/** The report as CSV rows (header first); sources in words, separated by "; ". */
export async function accessReportCsv(deps: AppDeps, principal: Principal, id: string) {
  const report = await accessReport(deps, principal, id);
  return {
    cloud: report.cloud,
    rows: [
      csvRow(accessReportCsvHeader),
      ...report.results.map((row) =>
        csvRow([
          row.name,
          row.email,
          row.permission_level,
          row.role,
          row.sources.map(describeSource).join('; '),
          row.last_workload_created_at ?? '',
          row.workloads_created,
        ]),
      ),
    ],
  };
}

function howToRemove(source: CloudAccessSourceDetail, cloudName: string): string {
  switch (source.type) {
    case 'organization_owner':
      return 'Change their organization role to collaborator.';
    case 'cloud_owner':
      return `Transfer ownership of ${cloudName} to someone else or return it to the organization owners.`;
    case 'grant':
      return `Remove their direct grant in ${cloudName} › Manage users.`;
    case 'group':
      return source.group.source === 'scim'
        ? `Remove them from ${source.group.name} in your identity provider, or remove the group's access in ${cloudName} › Manage users.`
        : `Remove them from ${source.group.name}, or remove the group's access in ${cloudName} › Manage users.`;
  }
}

/** Every cloud the member can use, with role and sources, and what removing each source alone would leave. */
export async function memberCloudAccess(
  deps: AppDeps,
  principal: Principal,
  memberId: string,
): Promise<MemberCloudAccessList> {
  const db = deps.database.db;
  const member = await members.findMember(db, principal.orgId, memberId);
  if (!member) throw notFound('This member');
  const clouds =
    member.role === 'owner'
      ? await access.listOrganizationClouds(db, principal.orgId)
      : await access.listCloudsWithExplicitAccess(db, principal.orgId, member.id);
  const grants = await loadGrants(db, { cloudIds: clouds.map((cloud) => cloud.id), memberIds: [member.id] });
  const results = clouds.flatMap((cloud) => {
    const sources = grants.sources(member, { id: cloud.id, owner_id: cloud.owner_member_id });
    const role = roleOf(sources);
    if (role === null) return [];
    return [
      {
        cloud: { id: cloud.id, name: cloud.name, provider: cloud.provider },
        role,
        sources: sources.map((source, index) => ({
          source,
          role_without: roleOf(sources.filter((_, other) => other !== index)),
          how_to_remove: howToRemove(source, cloud.name),
        })),
      },
    ];
  });
  return {
    ...wholeList(results),
    member: { id: member.id, user_id: member.user_id, name: member.name, email: member.email },
  };
}

// The platform's cloud-access paths

function toPlatformCollaborator(person: repo.ActiveMember, role: CloudRole): PlatformCollaborator {
  return {
    id: person.id,
    value: { id: person.user_id, name: person.name, email: person.email },
    permission_level: role,
  };
}

/**
 * POST /clouds/{id}/collaborators/users/search: people with access who are not
 * organization owners (the platform leaves those out), by name, paged.
 */
export async function searchCollaborators(
  deps: AppDeps,
  principal: Principal,
  id: string,
  query: { name_or_email?: string; count: number; paging_token?: string },
): Promise<PlatformCollaboratorPage> {
  const db = deps.database.db;
  const cloud = await requireManagedCloud(db, principal, id);
  const q = query.name_or_email || undefined;
  const scope = pagingScope(deps.config, {
    list: 'cloud_collaborators',
    orgId: principal.orgId,
    sort: 'name',
    filters: { cloudId: id, q },
  });
  const cursor = decodeCursor(query.paging_token, scope);
  const filters = {
    orgId: principal.orgId,
    cloudId: id,
    ownerMemberId: cloud.owner_id,
    q,
    collaboratorsOnly: true,
  };
  const [rows, total] = await Promise.all([
    repo.listAccessPage(db, filters, { cursor, limit: query.count }),
    repo.countAccess(db, filters),
  ]);
  const page = keysetPage(rows, { count: query.count, cursor, scope, value: (row) => row.search_text });
  const grants = await loadGrants(db, { cloudIds: [id], memberIds: page.rows.map((row) => row.id) });
  return {
    results: page.rows.map((row) =>
      toPlatformCollaborator(row, roleOf(grants.sources(row, cloud)) ?? 'readonly'),
    ),
    metadata: { total, ...page.metadata },
  };
}

/**
 * POST /clouds/{id}/collaborators/users and …/batch_create: direct grants by
 * email, all or nothing. Someone who can already use the cloud explicitly (a
 * direct grant, its ownership, organization ownership) answers 409 "… already
 * has permissions for this cloud." — the text the provider matches.
 */
export async function addCollaboratorsByEmail(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  id: string,
  entries: { email: string; permission_level: CloudRole }[],
): Promise<PlatformCollaborator[]> {
  return underOrganizationLock(deps, principal.orgId, async (trx) => {
    const { cloud } = await managedCloudUnderLock(trx, principal, id);
    const at = deps.config.now().toISOString();
    const out: PlatformCollaborator[] = [];
    const seen = new Set<string>();
    for (const entry of entries) {
      const email = normalizeEmail(entry.email);
      const member = await members.findActiveMemberByEmail(trx, principal.orgId, email);
      if (!member) {
        throw badRequest(
          cloudErrorCodes.unknownMembers,
          `${email} is not an active member of your organization.`,
        );
      }
      const direct = await repo.findGrant(trx, id, member.id);
      if (direct || seen.has(member.id) || member.role === 'owner' || member.id === cloud.owner_id) {
        throw conflict(
          cloudErrorCodes.alreadyHasPermissions,
          `User ${email} already has permissions for this cloud.`,
        );
      }
      seen.add(member.id);
      await repo.insertGrants(trx, [
        {
          cloud_id: id,
          member_id: member.id,
          role: entry.permission_level,
          granted_by: principal.memberId,
          created_at: at,
        },
      ]);
      await audit.insertAuditEvent(trx, {
        orgId: principal.orgId,
        actor,
        action: 'cloud.access_granted',
        targetType: 'cloud',
        targetId: id,
        targetLabel: cloud.name,
        after: { member_id: member.id, email: member.email, name: member.name, role: entry.permission_level },
        at,
      });
      const grants = await loadGrants(trx, { cloudIds: [id], memberIds: [member.id] });
      out.push(
        toPlatformCollaborator(member, roleOf(grants.sources(member, cloud)) ?? entry.permission_level),
      );
    }
    return out;
  });
}
