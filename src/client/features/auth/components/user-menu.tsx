import { Link } from 'react-router';
import type { UserInfo } from '../../../../contract/auth.ts';
import { Badge } from '../../../components/ui/badge.tsx';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '../../../components/ui/dropdown-menu.tsx';
import { useSignOutMutation } from '../api/sign-out.ts';

export function RoleBadge({ role }: { role: UserInfo['permission_level'] }) {
  return (
    <Badge tone={role === 'owner' ? 'owner' : 'neutral'}>{role === 'owner' ? 'Owner' : 'Collaborator'}</Badge>
  );
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('');
}

export function UserMenu({ user, onSignedOut }: { user: UserInfo; onSignedOut: () => void }) {
  const signOut = useSignOutMutation({ onSuccess: onSignedOut });
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className="flex items-center gap-2 rounded-full p-0.5 pr-2 hover:bg-slate-100"
        aria-label={`Account menu for ${user.name}`}
      >
        <span
          aria-hidden
          className="flex h-8 w-8 items-center justify-center rounded-full bg-indigo-600 text-xs font-semibold text-white"
        >
          {initials(user.name)}
        </span>
        <span className="hidden text-sm font-medium text-slate-800 sm:inline">{user.name}</span>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64">
        <DropdownMenuLabel>
          <span className="block font-medium text-slate-900">{user.name}</span>
          <span className="block truncate text-xs text-slate-600">{user.email}</span>
          <span className="mt-1.5 flex items-center gap-1.5 text-xs text-slate-600">
            <RoleBadge role={user.permission_level} /> of {user.organization.name}
          </span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link to="/settings/members">Organization settings</Link>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link to="/settings/api-keys">API keys</Link>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link to="/account/security">Security</Link>
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuItem
          disabled={signOut.isPending}
          onSelect={(event) => {
            event.preventDefault();
            signOut.mutate();
          }}
        >
          {signOut.isPending ? 'Signing out…' : 'Sign out'}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
