import type { UserInfo } from '#contract/auth.ts';
import { Avatar } from '../../../components/avatar.tsx';
import { Badge } from '../../../components/ui/badge.tsx';

// What the account menu's stand-in (user-menu.tsx) and the Radix menu (user-menu-impl.tsx) share.

export function RoleBadge({ role }: { role: UserInfo['permission_level'] }) {
  return (
    <Badge tone={role === 'owner' ? 'owner' : 'neutral'}>{role === 'owner' ? 'Owner' : 'Collaborator'}</Badge>
  );
}

export type UserMenuProps = {
  user: UserInfo;
  onSignedOut: () => void;
  onShowShortcuts?: () => void;
};

export const userMenuTriggerClassName =
  'flex items-center gap-2 rounded-full p-0.5 hover:bg-slate-100 dark:hover:bg-slate-800 sm:pr-2';

export function UserMenuTriggerContent({ user }: { user: UserInfo }) {
  return (
    <>
      <Avatar name={user.name} seed={user.user_id} initialsFromCss />
      <span className="hidden text-sm font-medium text-slate-800 dark:text-slate-200 sm:inline">
        {user.name}
      </span>
    </>
  );
}
