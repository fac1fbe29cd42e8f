import * as React from 'react';
import { Link } from 'react-router';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '../../../components/ui/dropdown-menu.tsx';
import { setThemeChoice, themeChoices, useThemeChoice, type ThemeChoice } from '../../../lib/theme.ts';
import { useSignOutMutation } from '../api/sign-out.ts';
import { LeaveOrganizationDialog } from './leave-organization-dialog.tsx';
import {
  RoleBadge,
  UserMenuTriggerContent,
  userMenuTriggerClassName,
  type UserMenuProps,
} from './user-menu-trigger.tsx';

const themeLabels: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** The account menu with Radix (loaded on first intent by user-menu.tsx). */
export function UserMenu({
  user,
  onSignedOut,
  onShowShortcuts,
  defaultOpen,
}: UserMenuProps & { defaultOpen: boolean }) {
  const signOut = useSignOutMutation({ onSuccess: onSignedOut });
  const theme = useThemeChoice();
  const [leaving, setLeaving] = React.useState(false);
  return (
    <>
      <DropdownMenu defaultOpen={defaultOpen}>
        <DropdownMenuTrigger aria-label={`${user.name}, account menu`} className={userMenuTriggerClassName}>
          <UserMenuTriggerContent user={user} />
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="w-64">
          <DropdownMenuLabel>
            <span className="block font-medium text-slate-900 dark:text-slate-100">{user.name}</span>
            <span className="block truncate text-xs text-slate-600 dark:text-slate-400">{user.email}</span>
            <span className="mt-1.5 flex items-center gap-1.5 text-xs text-slate-600 dark:text-slate-400">
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
          <DropdownMenuLabel
            id="theme-label"
            className="text-xs font-medium text-slate-600 dark:text-slate-400"
          >
            Theme
          </DropdownMenuLabel>
          <DropdownMenuRadioGroup
            aria-labelledby="theme-label"
            value={theme}
            onValueChange={(value) => setThemeChoice(value as ThemeChoice)}
          >
            {themeChoices.map((choice) => (
              <DropdownMenuRadioItem key={choice} value={choice}>
                {themeLabels[choice]}
              </DropdownMenuRadioItem>
            ))}
          </DropdownMenuRadioGroup>
          {onShowShortcuts && (
            <>
              <DropdownMenuSeparator />
              <DropdownMenuItem onSelect={onShowShortcuts}>
                Keyboard shortcuts
                <kbd className="ml-auto font-mono text-xs text-slate-600 dark:text-slate-400">?</kbd>
              </DropdownMenuItem>
            </>
          )}
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => setLeaving(true)}>Leave organization…</DropdownMenuItem>
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
      <LeaveOrganizationDialog
        user={user}
        open={leaving}
        onOpenChange={setLeaving}
        onLeft={() => window.location.assign('/login?reason=left')}
      />
    </>
  );
}
