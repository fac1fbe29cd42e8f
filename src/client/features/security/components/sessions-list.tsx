import * as React from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Session } from '#contract/credentials.ts';
import { formatDateTime, formatRelative } from '../../../components/format.ts';
import { ErrorState } from '../../../components/states.tsx';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
  AlertDialogTrigger,
} from '../../../components/ui/alert-dialog.tsx';
import { Badge } from '../../../components/ui/badge.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Skeleton } from '../../../components/ui/skeleton.tsx';
import { toast } from '../../../lib/toast.ts';
import { securityQueries } from '../api/security-queries.ts';
import { useSignOutOtherSessionsMutation } from '../api/sign-out-other-sessions.ts';
import { useSignOutSessionMutation } from '../api/sign-out-session.ts';

const deviceName = (session: Session) => session.device ?? 'Unknown browser';

function When({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso)}
    </time>
  );
}

/** "Your sessions": where you are signed in, with sign-out for any or all of the others. */
export function SessionsList() {
  const sessions = useQuery(securityQueries.sessions());
  const others = sessions.data?.filter((session) => !session.current) ?? [];

  let content: React.ReactNode;
  if (sessions.isError) {
    content = (
      <ErrorState
        title="Your sessions could not be loaded"
        error={sessions.error}
        onRetry={() => sessions.refetch()}
      />
    );
  } else if (sessions.isPending) {
    content = (
      <div role="status" aria-label="Loading your sessions" className="flex flex-col gap-2">
        <Skeleton className="h-16" />
        <Skeleton className="h-16" />
      </div>
    );
  } else {
    // The current session first, then the most recently active.
    const ordered = [...sessions.data].sort(
      (a, b) => Number(b.current) - Number(a.current) || b.last_seen_at.localeCompare(a.last_seen_at),
    );
    content = (
      <>
        <ul
          aria-label="Your sessions"
          className="divide-y divide-slate-100 dark:divide-slate-800 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900"
        >
          {ordered.map((session) => (
            <SessionItem key={session.id} session={session} />
          ))}
        </ul>
        {others.length === 0 && (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            You are signed in only here. Sessions on other browsers and devices appear in this list.
          </p>
        )}
      </>
    );
  }

  return (
    <section aria-labelledby="sessions-heading" className="flex flex-col gap-3">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h2 id="sessions-heading" className="text-lg font-semibold text-slate-900 dark:text-slate-100">
            Your sessions
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Browsers signed in as you. Sign out any you do not recognise, then change your password.
          </p>
        </div>
        {sessions.isSuccess && <SignOutOthersButton count={others.length} />}
      </div>
      {content}
    </section>
  );
}

function SessionItem({ session }: { session: Session }) {
  return (
    <li className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
      <div className="min-w-0">
        <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900 dark:text-slate-100">
          <span className="break-words">{deviceName(session)}</span>
          {session.current && <Badge tone="success">This device</Badge>}
        </p>
        <dl className="mt-1 flex flex-wrap gap-x-4 gap-y-0.5 text-sm text-slate-700 dark:text-slate-300">
          <div className="flex gap-1">
            <dt className="text-slate-600 dark:text-slate-400">Address</dt>
            <dd className="break-all tabular-nums">{session.ip ?? 'unknown'}</dd>
          </div>
          <div className="flex gap-1">
            <dt className="text-slate-600 dark:text-slate-400">Signed in</dt>
            <dd>
              <When iso={session.created_at} />
            </dd>
          </div>
          <div className="flex gap-1">
            <dt className="text-slate-600 dark:text-slate-400">Last seen</dt>
            <dd>{session.current ? 'now' : <When iso={session.last_seen_at} />}</dd>
          </div>
        </dl>
      </div>
      {!session.current && <SignOutSessionButton session={session} />}
    </li>
  );
}

function SignOutSessionButton({ session }: { session: Session }) {
  const [open, setOpen] = React.useState(false);
  const signOut = useSignOutSessionMutation({
    onSuccess: () => {
      setOpen(false);
      toast.success(`Signed out ${deviceName(session)}`);
    },
  });
  return (
    <AlertDialog open={open} onOpenChange={(next) => !signOut.isPending && setOpen(next)}>
      <AlertDialogTrigger asChild>
        <Button
          variant="secondary"
          size="sm"
          className="self-start sm:self-auto"
          aria-label={`Sign out ${deviceName(session)}, last seen ${formatRelative(session.last_seen_at)}`}
        >
          Sign out
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogTitle>Sign out {deviceName(session)}?</AlertDialogTitle>
        <AlertDialogDescription>
          That browser{session.ip ? ` (address ${session.ip})` : ''} is signed out on its next request and has
          to sign in again. This browser stays signed in.
        </AlertDialogDescription>
        <AlertDialogFooter>
          <AlertDialogCancel asChild>
            <Button variant="secondary">Cancel</Button>
          </AlertDialogCancel>
          <Button variant="danger" pending={signOut.isPending} onClick={() => signOut.mutate(session)}>
            Sign out session
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}

function SignOutOthersButton({ count }: { count: number }) {
  const [open, setOpen] = React.useState(false);
  const signOut = useSignOutOtherSessionsMutation({
    onSuccess: ({ signed_out_sessions: n }) => {
      setOpen(false);
      toast.success(
        `Signed out ${n} other session${n === 1 ? '' : 's'}`,
        'Only this browser is signed in now.',
      );
    },
  });
  const sessions = `${count} other session${count === 1 ? '' : 's'}`;
  return (
    <AlertDialog open={open} onOpenChange={(next) => !signOut.isPending && setOpen(next)}>
      <AlertDialogTrigger asChild>
        <Button
          variant="secondary"
          className="self-start sm:self-auto"
          disabled={count === 0}
          title={count === 0 ? 'You have no other sessions.' : undefined}
        >
          Sign out all other sessions
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogTitle>Sign out {sessions}?</AlertDialogTitle>
        <AlertDialogDescription>
          Every browser signed in as you, except this one, is signed out on its next request and has to sign
          in again. API keys keep working; revoke them on the API keys page.
        </AlertDialogDescription>
        <AlertDialogFooter>
          <AlertDialogCancel asChild>
            <Button variant="secondary">Cancel</Button>
          </AlertDialogCancel>
          <Button variant="danger" pending={signOut.isPending} onClick={() => signOut.mutate()}>
            Sign out {sessions}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
