import type { PermissionLevel } from '#contract/roles.ts';
import { Badge } from '../../../components/ui/badge.tsx';

export const roleLabels: Record<PermissionLevel, { one: string; many: string }> = {
  owner: { one: 'Owner', many: 'Owners' },
  collaborator: { one: 'Collaborator', many: 'Collaborators' },
};

export function MemberRoleBadge({ role }: { role: PermissionLevel }) {
  return <Badge tone={role === 'owner' ? 'owner' : 'neutral'}>{roleLabels[role].one}</Badge>;
}
