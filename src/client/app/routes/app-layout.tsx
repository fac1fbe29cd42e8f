import {
  NavLink,
  Outlet,
  useLoaderData,
  useLocation,
  useNavigation,
  type LoaderFunctionArgs,
  type ShouldRevalidateFunctionArgs,
} from 'react-router';
import * as React from 'react';
import { useQuery } from '@tanstack/react-query';
import { useQuestionMarkShortcut } from '../../components/question-mark-shortcut.ts';
import { cn } from '../../lib/cn.ts';
import { authQueries } from '../../features/auth/api/auth-queries.ts';
import { UserMenu } from '../../features/auth/components/user-menu.tsx';
import { requireUser } from '../guards.ts';

// Opened from the account menu or with `?`: loads on first use, not with the page.
const KeyboardShortcutsDialog = React.lazy(() =>
  import('../../components/keyboard-shortcuts-dialog.tsx').then((module) => ({
    default: module.KeyboardShortcutsDialog,
  })),
);

export async function appLayoutLoader({ request }: LoaderFunctionArgs) {
  return requireUser(request);
}

/** The signed-in user does not change with the page's search parameters (filters, paging). */
export function shouldRevalidateAppLayout({
  currentUrl,
  nextUrl,
  defaultShouldRevalidate,
}: ShouldRevalidateFunctionArgs) {
  if (currentUrl.pathname === nextUrl.pathname) return false;
  return defaultShouldRevalidate;
}

const navItems = [
  { to: '/settings', label: 'Organization settings' },
  { to: '/clouds', label: 'Clouds' },
  { to: '/workloads', label: 'Workloads' },
];

export function AppLayout() {
  const initial = useLoaderData<typeof appLayoutLoader>();
  // Read through the cache so a role change (e.g. demoting yourself) re-renders the shell.
  const { data: user = initial } = useQuery(authQueries.userInfo());
  const navigating = useNavigation().state === 'loading';
  useFocusHeadingOnRouteChange();
  const [shortcutsOpen, setShortcutsOpen] = React.useState(false);
  // Mounted from the first opening on, and kept, so closing still animates.
  const [shortcutsUsed, setShortcutsUsed] = React.useState(false);
  if (shortcutsOpen && !shortcutsUsed) setShortcutsUsed(true);
  const showShortcuts = React.useCallback(() => setShortcutsOpen(true), []);
  useQuestionMarkShortcut(showShortcuts);
  return (
    <div className="min-h-screen">
      {navigating && (
        <div
          role="progressbar"
          aria-label="Loading page"
          className="fixed inset-x-0 top-0 z-50 h-0.5 overflow-hidden"
        >
          <div className="h-full w-1/3 animate-[pulse_1s_ease-in-out_infinite] bg-indigo-600" />
        </div>
      )}
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white dark:focus:bg-slate-900 focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-4 px-4">
          <span className="flex min-w-0 items-center gap-2 font-semibold">
            <img src="/favicon.svg" alt="" className="h-6 w-6" />
            <span className="truncate">{user.organization.name}</span>
          </span>
          <nav aria-label="Main" className="hidden flex-1 items-center gap-1 md:flex">
            {navItems.map((item) => (
              <NavItem key={item.to} {...item} />
            ))}
          </nav>
          <div className="ml-auto md:ml-0">
            <UserMenu
              user={user}
              onSignedOut={() => window.location.assign('/login')}
              onShowShortcuts={showShortcuts}
            />
          </div>
        </div>
        <nav
          aria-label="Main (compact)"
          className="flex gap-1 overflow-x-auto border-t border-slate-100 dark:border-slate-800 px-2 py-1 md:hidden"
        >
          {navItems.map((item) => (
            <NavItem key={item.to} {...item} />
          ))}
        </nav>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-4 sm:py-8">
        <Outlet />
      </main>
      {shortcutsUsed && (
        <React.Suspense fallback={null}>
          <KeyboardShortcutsDialog open={shortcutsOpen} onOpenChange={setShortcutsOpen} />
        </React.Suspense>
      )}
    </div>
  );
}

function NavItem({ to, label }: { to: string; label: string }) {
  return (
    <NavLink
      to={to}
      className={({ isActive }) =>
        cn(
          'rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap',
          isActive
            ? 'bg-indigo-50 dark:bg-indigo-950/40 text-indigo-800 dark:text-indigo-200'
            : 'text-slate-700 dark:text-slate-300 hover:bg-slate-100 dark:hover:bg-slate-800',
        )
      }
    >
      {label}
    </NavLink>
  );
}

/** After moving to another page (not on first load, not for filters), focus its heading, as a page load would. */
function useFocusHeadingOnRouteChange() {
  const { pathname } = useLocation();
  const previous = React.useRef(pathname);
  React.useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [pathname]);
}
