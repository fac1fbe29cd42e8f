import * as React from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { cn } from '../../lib/cn.ts';
import { overflowMask, useOverflowEdges } from '../../lib/use-overflow-edges.ts';
import { authQueries } from '../../features/auth/api/auth-queries.ts';
import { invitationQueries } from '../../features/invitations/api/invitation-queries.ts';

const tabs = [
  { to: '/settings/members', label: 'Members', ownerOnly: false },
  { to: '/settings/invitations', label: 'Invitations', ownerOnly: true },
  { to: '/settings/groups', label: 'Groups', ownerOnly: true },
  { to: '/settings/service-accounts', label: 'Service accounts', ownerOnly: true },
  { to: '/settings/single-sign-on', label: 'Single sign-on', ownerOnly: true },
  { to: '/settings/directory-sync', label: 'Directory sync (SCIM)', ownerOnly: true },
  { to: '/settings/audit-log', label: 'Audit log', ownerOnly: true },
  { to: '/settings/api-keys', label: 'API keys', ownerOnly: false },
];

export function SettingsLayout() {
  return (
    <div>
      {/* Phones: the tabs say where you are; the label would only push the list below the fold. */}
      <p className="mb-3 hidden text-sm font-medium text-slate-600 dark:text-slate-400 sm:block">
        Organization settings
      </p>
      <SettingsTabs />
      <Outlet />
    </div>
  );
}

/**
 * The tabs keep their own state (the edge fade, the pending count), so a
 * change of either re-renders the tabs alone, not the page below them.
 */
function SettingsTabs() {
  const { data: user } = useQuery(authQueries.userInfo());
  const isOwner = user?.permission_level === 'owner';
  const pending = useQuery({ ...invitationQueries.list({}), enabled: isOwner }).data?.metadata.total;
  // Phones show a few tabs at a time: fade the edge that has more, and keep the current tab in view.
  const navRef = React.useRef<HTMLElement>(null);
  const edges = useOverflowEdges(navRef);
  const { pathname } = useLocation();
  React.useEffect(() => {
    // After the next paint, when the page's layout is done: asked for during
    // the commit, scrolling would lay the whole page out first, in the same
    // task (a quarter of a second on a phone).
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() =>
        navRef.current
          ?.querySelector('[aria-current="page"]')
          ?.scrollIntoView?.({ block: 'nearest', inline: 'center' }),
      );
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [pathname, isOwner]);
  return (
    <nav
      ref={navRef}
      style={overflowMask(edges)}
      aria-label="Organization settings"
      className="mb-4 flex gap-1 overflow-x-auto border-b border-slate-200 dark:border-slate-700 sm:mb-6"
    >
      {tabs
        .filter((tab) => isOwner || !tab.ownerOnly)
        .map((tab) => (
          <NavLink
            key={tab.to}
            to={tab.to}
            className={({ isActive }) =>
              cn(
                '-mb-px border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap',
                isActive
                  ? 'border-indigo-600 dark:border-indigo-400 text-indigo-800 dark:text-indigo-200'
                  : 'border-transparent text-slate-600 dark:text-slate-400 hover:text-slate-900 dark:hover:text-slate-100',
              )
            }
          >
            {tab.label}
            {tab.to === '/settings/invitations' && pending !== undefined && pending > 0 && (
              <span className="ml-1.5 rounded-full bg-slate-100 dark:bg-slate-800 px-1.5 py-0.5 text-xs font-medium text-slate-700 dark:text-slate-300">
                <span className="sr-only">(</span>
                {pending.toLocaleString()}
                <span className="sr-only"> pending)</span>
              </span>
            )}
          </NavLink>
        ))}
    </nav>
  );
}
