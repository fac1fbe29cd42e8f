import type { Collaborator } from '#contract/members.ts';
import type { PermissionLevel } from '#contract/roles.ts';

/** A role change that asks first: making owners, demoting a selection, or demoting yourself. */
export type Confirming =
  | { kind: 'self-demotion'; member: Collaborator }
  | { kind: 'promotion'; members: Collaborator[] }
  | { kind: 'demotion'; members: Collaborator[] };

export function roleName(role: PermissionLevel, count = 1) {
  if (count !== 1) return role === 'owner' ? 'owners' : 'collaborators';
  return role === 'owner' ? 'an owner' : 'a collaborator';
}

export function names(members: Collaborator[]): string {
  if (members.length === 1) return members[0]!.name;
  return `${members.length.toLocaleString()} members`;
}

/** What an owner can do, said before anyone is made one. */
export const ownerPowers =
  'invite and remove members, change anyone’s role (yours included), manage access to and ownership of every cloud, read the audit log, and change sign-in settings such as SSO';
