import { Link } from 'react-router';
import type { Collaborator } from '../../../../contract/members.ts';
import type { PermissionLevel } from '../../../../contract/roles.ts';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '../../../components/ui/dropdown-menu.tsx';

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
    <DropdownMenu>
      <DropdownMenuTrigger
        aria-label={`Actions for ${member.name}`}
        data-row-actions={member.id}
        className="inline-flex h-8 w-8 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900 data-[state=open]:bg-slate-100"
      >
        <svg aria-hidden viewBox="0 0 16 16" className="h-4 w-4" fill="currentColor">
          <circle cx="3" cy="8" r="1.5" />
          <circle cx="8" cy="8" r="1.5" />
          <circle cx="13" cy="8" r="1.5" />
        </svg>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="max-w-72">
        <DropdownMenuItem
          disabled={Boolean(roleDisabledReason)}
          onSelect={() => onRoleChange(next)}
          className="flex-col items-start gap-0.5"
        >
          {next === 'owner' ? 'Make owner' : 'Make collaborator'}
          {roleDisabledReason && <span className="text-xs text-slate-600">{roleDisabledReason}</span>}
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link to={`/workloads?creator=${encodeURIComponent(member.id)}`}>View workloads</Link>
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuItem className="text-red-700 data-[highlighted]:bg-red-50" onSelect={onRemove}>
          Remove…
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
