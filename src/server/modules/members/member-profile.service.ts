import type { CollaboratorExportQuery, MemberProfile } from '#contract/members.ts';
import type { AppDeps } from '../../deps.ts';
import { chunkedCsv, exportChunkRows } from '../../lib/csv.ts';
import { notFound } from '../../lib/errors.ts';
import * as apiKeysRepo from '../api-keys/api-keys.repository.ts';
import * as audit from '../audit/audit.repository.ts';
import type { AuditActor } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/auth.service.ts';
import * as cloudsRepo from '../clouds/clouds.repository.ts';
import * as repo from './members.repository.ts';
import { memberFiltersOf, memberSortColumn, toCollaborator } from './members.service.ts';

/** Everything an owner sees on a member's page, except workloads and audit events (their own lists). */
export async function memberProfile(deps: AppDeps, principal: Principal, id: string): Promise<MemberProfile> {
  const db = deps.database.db;
  const member = await repo.findMember(db, principal.orgId, id);
  if (!member) throw notFound('This member');
  const [inviter, clouds, keys] = await Promise.all([
    member.invited_by ? repo.findMemberName(db, principal.orgId, member.invited_by) : undefined,
    cloudsRepo.listCloudsOfMember(db, principal.orgId, member.id),
    apiKeysRepo.listActiveApiKeys(db, member.id),
  ]);
  return {
    member: toCollaborator(member),
    source: {
      kind: member.invited_by ? 'invitation' : 'direct',
      invited_by: inviter
        ? { id: inviter.id, name: inviter.name, removed: inviter.removed_at !== null }
        : null,
    },
    implicit_owner_of_all_clouds: member.role === 'owner',
    clouds: clouds.map((cloud) => ({
      id: cloud.id,
      name: cloud.name,
      access: cloud.owner_member_id === member.id ? 'owner' : 'granted',
    })),
    api_keys: keys.map((key) => ({
      id: key.id,
      name: key.name,
      created_at: key.created_at,
      expires_at: key.expires_at,
      last_used_at: key.last_used_at,
    })),
  };
}

const memberCsvHeader = [
  'id',
  'user_id',
  'name',
  'email',
  'permission_level',
  'created_at',
  'last_active_at',
  'source',
  'last_sso_login_at',
];

/**
 * Every member matching the list's filters, as CSV in the list's order, read
 * in keyset chunks (see chunkedCsv): a million members stream through
 * without the list ever being in memory, no chunk holds the loop long, and
 * other requests are served between chunks. Audited before the first row is
 * read.
 */
export async function exportMembers(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  query: CollaboratorExportQuery,
): Promise<AsyncIterable<string>> {
  const sort = query.sort ?? 'name';
  const { column, descending } = memberSortColumn(sort);
  const filters = memberFiltersOf(principal.orgId, query);
  const db = deps.database.db;
  // As the list does: a search with few matches reads them from the search index.
  const sparse = repo.memberSearch(filters.q) ? !(await repo.countSearchMatches(db, filters)).capped : false;
  await audit.insertAuditEvent(db, {
    orgId: principal.orgId,
    actor,
    action: 'member.list_exported',
    targetType: 'organization',
    targetId: principal.orgId,
    targetLabel: principal.orgName,
    after: Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)),
    at: deps.config.now().toISOString(),
  });
  return chunkedCsv<repo.ListedMemberRow>({
    header: memberCsvHeader,
    limit: exportChunkRows[deps.database.dialect],
    read: (last, limit) =>
      repo.listMembersPage(db, filters, {
        column,
        descending,
        cursor: last && { sort, value: last[column], id: last.id, direction: 'next' },
        limit,
        sparse,
      }),
    cells: (row) => {
      const member = toCollaborator(row);
      return [
        member.id,
        member.user_id,
        member.name,
        member.email,
        member.permission_level,
        member.created_at,
        member.last_active_at,
        member.source,
        member.last_sso_login_at,
      ];
    },
  });
}
