import { Link } from 'react-router';
import type { Collaborator } from '#contract/members.ts';
import type { PermissionLevel } from '#contract/roles.ts';
import { RowMenu, RowMenuItem, RowMenuSeparator } from '../../../components/ui/row-menu.tsx';

/** The ⋯ menu at the end of a member row (owners only). */
export function MemberRowActions({
  member,
  roleDisabledReason,
  onRoleChange,
  onRemove,
}: {
  member: Collaborator;
  roleDisabledReason?: string;
  onRoleChange: (role: PermissionLevel) => void;
  onRemove: () => void;
}) {
  const next: PermissionLevel = member.permission_level === 'owner' ? 'collaborator' : 'owner';
  return (
    <RowMenu label={`Actions for ${member.name}`} rowId={member.id}>
      <RowMenuItem
        disabled={Boolean(roleDisabledReason)}
        onSelect={() => onRoleChange(next)}
        hint={roleDisabledReason}
      >
        {next === 'owner' ? 'Make owner' : 'Make collaborator'}
      </RowMenuItem>
      <RowMenuItem asChild>
        <Link to={`/workloads?creator=${encodeURIComponent(member.id)}`}>View workloads</Link>
      </RowMenuItem>
      <RowMenuSeparator />
      <RowMenuItem destructive onSelect={onRemove}>
        Remove…
      </RowMenuItem>
    </RowMenu>
  );
}
