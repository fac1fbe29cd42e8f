import {
  cloudRoleRank,
  type CloudAccessSourceDetail,
  type CloudRole,
  type GrantedBy,
} from '#contract/clouds.ts';
import type { AppDeps } from '../../deps.ts';
import { forbidden } from '../../lib/errors.ts';
import type { Principal } from '../auth/auth.service.ts';
import * as access from './cloud-access.repository.ts';

type Db = AppDeps['database']['db'];

/**
 * Effective cloud roles (docs/decisions/022-groups-and-cloud-roles.md): every
 * source a person has on a cloud gives a role, and the strongest one wins.
 * Organization owners are implicit `owner`s; the cloud's explicit owner is
 * `owner`; direct grants and group grants carry their own role.
 */

export type AccessSubject = { id: string; role: 'owner' | 'collaborator' };

export function grantedByOf(row: access.GrantedByColumns): GrantedBy {
  return row.granted_by_id &&
    row.granted_by_user_id &&
    row.granted_by_name !== null &&
    row.granted_by_email !== null
    ? {
        id: row.granted_by_id,
        user_id: row.granted_by_user_id,
        name: row.granted_by_name,
        email: row.granted_by_email,
        removed: row.granted_by_removed_at !== null,
      }
    : null;
}

const sourceOrder: Record<CloudAccessSourceDetail['type'], number> = {
  organization_owner: 0,
  cloud_owner: 1,
  grant: 2,
  group: 3,
};

/** Strongest first; among equals: organization owner, cloud owner, direct grant, groups by name. */
function bySourceStrength(a: CloudAccessSourceDetail, b: CloudAccessSourceDetail): number {
  return cloudRoleRank[b.role] - cloudRoleRank[a.role] || sourceOrder[a.type] - sourceOrder[b.type];
}

/** Every source of one person's access to one cloud, strongest first (empty: no access). */
export function sourcesOf(
  member: AccessSubject,
  cloudOwnerId: string | null,
  direct: access.DirectGrantRow | undefined,
  groups: access.GroupGrantSourceRow[],
): CloudAccessSourceDetail[] {
  const sources: CloudAccessSourceDetail[] = [];
  if (member.role === 'owner') sources.push({ type: 'organization_owner', role: 'owner' });
  if (cloudOwnerId !== null && cloudOwnerId === member.id)
    sources.push({ type: 'cloud_owner', role: 'owner' });
  if (direct) {
    sources.push({
      type: 'grant',
      role: direct.role,
      granted_by: grantedByOf(direct),
      granted_at: direct.created_at,
    });
  }
  for (const group of groups) {
    sources.push({
      type: 'group',
      role: group.role,
      group: { id: group.group_id, name: group.group_name, source: group.group_source },
      granted_by: grantedByOf(group),
      granted_at: group.created_at,
    });
  }
  return sources.sort(bySourceStrength);
}

/** The strongest role among the sources; null when there are none. */
export function roleOf(sources: CloudAccessSourceDetail[]): CloudRole | null {
  let best: CloudRole | null = null;
  for (const source of sources) {
    if (best === null || cloudRoleRank[source.role] > cloudRoleRank[best]) best = source.role;
  }
  return best;
}

/** In words, for messages: "organization owner", "cloud owner", "a direct write grant", "readonly via group Data Science". */
export function describeSource(source: CloudAccessSourceDetail): string {
  switch (source.type) {
    case 'organization_owner':
      return 'organization owner (implicit)';
    case 'cloud_owner':
      return 'cloud owner';
    case 'grant':
      return `${source.role} granted directly`;
    case 'group':
      return `${source.role} via group ${source.group.name}`;
  }
}

const key = (cloudId: string, memberId: string) => `${cloudId}\n${memberId}`;

/** Direct and group grants of these members on these clouds, keyed by (cloud, member). */
export async function loadGrants(db: Db, scope: { cloudIds?: string[]; memberIds?: string[] }) {
  const [direct, groups] = await Promise.all([
    access.listDirectGrants(db, scope),
    access.listGroupGrantSources(db, scope),
  ]);
  const directBy = new Map(direct.map((row) => [key(row.cloud_id, row.member_id), row]));
  const groupsBy = new Map<string, access.GroupGrantSourceRow[]>();
  for (const row of groups) {
    const k = key(row.cloud_id, row.member_id);
    groupsBy.set(k, [...(groupsBy.get(k) ?? []), row]);
  }
  return {
    sources: (member: AccessSubject, cloud: { id: string; owner_id: string | null }) =>
      sourcesOf(
        member,
        cloud.owner_id,
        directBy.get(key(cloud.id, member.id)),
        groupsBy.get(key(cloud.id, member.id)) ?? [],
      ),
  };
}

/** One person's sources and effective role on one cloud. */
export async function accessOf(
  db: Db,
  member: AccessSubject,
  cloud: { id: string; owner_id: string | null },
): Promise<{ role: CloudRole | null; sources: CloudAccessSourceDetail[] }> {
  const grants = await loadGrants(db, { cloudIds: [cloud.id], memberIds: [member.id] });
  const sources = grants.sources(member, cloud);
  return { role: roleOf(sources), sources };
}

const subjectOf = (principal: Principal): AccessSubject => ({ id: principal.memberId, role: principal.role });

/**
 * The caller must hold at least `minimum` on the cloud (they can see it: the
 * caller checked). Run it with the principal as re-read under the lock, in the
 * same transaction as the write it guards.
 */
export async function requireCloudRole(
  db: Db,
  principal: Principal,
  cloud: { id: string; name: string; owner_id: string | null },
  minimum: CloudRole,
  refusal: (role: CloudRole | null, sources: CloudAccessSourceDetail[]) => string,
): Promise<CloudRole> {
  const { role, sources } = await accessOf(db, subjectOf(principal), cloud);
  if (role === null || cloudRoleRank[role] < cloudRoleRank[minimum]) throw forbidden(refusal(role, sources));
  return role;
}

/** Why a person with these sources cannot create workloads on the cloud; null when they can. */
export function createBlockedReason(
  cloudName: string,
  role: CloudRole | null,
  sources: CloudAccessSourceDetail[],
) {
  if (role !== null && cloudRoleRank[role] >= cloudRoleRank.write) return null;
  const how = sources.length > 0 ? ` (${sources.map(describeSource).join('; ')})` : '';
  return `You have read-only access to ${cloudName}${how}. Ask an owner of this cloud for write access.`;
}

/** For writes on a cloud's workloads (create, duplicate, terminate): `write` or stronger. */
export function requireWrite(
  db: Db,
  principal: Principal,
  cloud: { id: string; name: string; owner_id: string | null },
) {
  return requireCloudRole(db, principal, cloud, 'write', (role, sources) =>
    createBlockedReason(cloud.name, role, sources)!,
  );
}

/** For managing who may use a cloud: `owner` (organization owners, the cloud's owner, an `owner` grant). */
export function requireCloudOwner(
  db: Db,
  principal: Principal,
  cloud: { id: string; name: string; owner_id: string | null },
) {
  return requireCloudRole(
    db,
    principal,
    cloud,
    'owner',
    () => `Only owners of ${cloud.name} can manage who may use it.`,
  );
}
