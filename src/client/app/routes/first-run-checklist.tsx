import * as React from 'react';
import { Link } from 'react-router';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { UserInfo } from '#contract/auth.ts';
import { Button } from '../../components/ui/button.tsx';
import { cn } from '../../lib/cn.ts';
import { loadedOnce } from '../../lib/query-client.ts';
import { apiKeyQueries } from '../../features/api-keys/api/api-key-queries.ts';
import { cloudQueries } from '../../features/clouds/api/cloud-queries.ts';
import { invitationQueries } from '../../features/invitations/api/invitation-queries.ts';
import { memberQueries } from '../../features/members/api/member-queries.ts';

/** Where a dismissal is kept: per organization and owner, in this browser. */
export const checklistStorageKey = (user: UserInfo) =>
  `roster:first-run-checklist:${user.organization.id}:${user.id}`;

function readDismissed(key: string): boolean {
  try {
    return window.localStorage.getItem(key) === 'dismissed';
  } catch {
    return false;
  }
}

/**
 * The checklist's data, asked for while the route loads. The route waits for
 * it the first time, so the list is never pushed down by the checklist
 * appearing above it (a layout shift of a third of a phone's screen).
 */
export async function prefetchFirstRunChecklist(queryClient: QueryClient, user: UserInfo): Promise<void> {
  if (user.permission_level !== 'owner' || readDismissed(checklistStorageKey(user))) return;
  await Promise.all([
    loadedOnce(queryClient, memberQueries.list({})),
    loadedOnce(queryClient, invitationQueries.list({})),
    loadedOnce(queryClient, cloudQueries.list({})),
    loadedOnce(queryClient, apiKeyQueries.list()),
  ]);
}

type Step = { id: string; title: string; done: boolean; hint: React.ReactNode; optional?: boolean };

/**
 * A short "get started" list for owners of a new organization. What is done
 * is read from the data itself (people invited, a cloud, an API key, SSO on),
 * so it is right on any device; only the dismissal is remembered here.
 * Composed in the route because it reads several features' data.
 */
export function FirstRunChecklist({ user }: { user: UserInfo }) {
  const key = checklistStorageKey(user);
  const [dismissed, setDismissed] = React.useState(() => readDismissed(key));
  const enabled = !dismissed;
  const members = useQuery({ ...memberQueries.list({}), enabled }).data?.metadata.total;
  const invitations = useQuery({ ...invitationQueries.list({}), enabled }).data?.metadata.total;
  const clouds = useQuery({ ...cloudQueries.list({}), enabled }).data?.metadata.total;
  const apiKeys = useQuery({ ...apiKeyQueries.list(), enabled }).data?.length;
  if (dismissed) return null;
  if ([members, invitations, clouds, apiKeys].some((value) => value === undefined)) return null;

  const steps: Step[] = [
    {
      id: 'invite',
      title: 'Invite teammates',
      done: members! > 1 || invitations! > 0,
      hint: 'Use Invite teammates above: paste addresses, choose their role.',
    },
    {
      id: 'cloud',
      title: 'Register a cloud',
      done: clouds! > 0,
      hint: (
        <>
          On{' '}
          <Link to="/clouds" className="text-indigo-700 dark:text-indigo-300 underline underline-offset-2">
            Clouds
          </Link>
          , then choose who may use it.
        </>
      ),
    },
    {
      id: 'api-key',
      title: 'Create an API key',
      done: apiKeys! > 0,
      hint: (
        <>
          In{' '}
          <Link
            to="/settings/api-keys"
            className="text-indigo-700 dark:text-indigo-300 underline underline-offset-2"
          >
            API keys
          </Link>
          , for scripts and the command-line client.
        </>
      ),
    },
    {
      id: 'sso',
      title: 'Set up single sign-on',
      done: user.organization.sso_enabled,
      optional: true,
      hint: 'Optional: members sign in through your identity provider once your server operator connects it.',
    },
  ];
  const required = steps.filter((step) => !step.optional);
  const doneCount = required.filter((step) => step.done).length;
  // Everything that matters is done: nothing left to say.
  if (doneCount === required.length) return null;

  const dismiss = () => {
    try {
      window.localStorage.setItem(key, 'dismissed');
    } catch {
      // Private mode without storage: it stays hidden for this visit only.
    }
    setDismissed(true);
  };

  return (
    <section
      aria-labelledby="first-run-heading"
      className="rounded-lg border border-indigo-200 dark:border-indigo-800 bg-white dark:bg-slate-900 p-4 text-sm"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="first-run-heading" className="font-medium text-slate-900 dark:text-slate-100">
          Get {user.organization.name} started
        </h2>
        <p className="text-slate-600 dark:text-slate-400">
          {doneCount} of {required.length} done
        </p>
      </div>
      <ol className="mt-3 flex flex-col gap-2">
        {steps.map((step) => (
          <li key={step.id} className="flex items-start gap-2">
            <span
              aria-hidden
              className={cn(
                'mt-0.5 flex h-4 w-4 shrink-0 items-center justify-center rounded-full border text-[10px] font-bold',
                step.done
                  ? 'border-emerald-700 bg-emerald-700 text-white'
                  : 'border-slate-400 dark:border-slate-500 text-transparent',
              )}
            >
              ✓
            </span>
            <div>
              <p
                className={cn(
                  'font-medium',
                  step.done ? 'text-slate-600 dark:text-slate-400' : 'text-slate-900 dark:text-slate-100',
                )}
              >
                {step.title}
                <span className="sr-only">{step.done ? ' (done)' : ' (to do)'}</span>
              </p>
              {!step.done && <p className="text-slate-600 dark:text-slate-400">{step.hint}</p>}
            </div>
          </li>
        ))}
      </ol>
      <div className="mt-3">
        <Button variant="ghost" size="sm" onClick={dismiss}>
          Dismiss this checklist
        </Button>
      </div>
    </section>
  );
}
