import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Badge } from '../../../components/ui/badge.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Skeleton } from '../../../components/ui/skeleton.tsx';
import { devQueries } from '../api/dev-queries.ts';
import { useSignInAsMutation } from '../api/sign-in-as.ts';

/**
 * Development only (rendered behind `import.meta.env.DEV`, so the production
 * build does not contain it): one-click sign-in as a demo owner or collaborator.
 */
export function DevSignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const headingId = useId();
  const accounts = useQuery(devQueries.accounts());
  const signInAs = useSignInAsMutation({ onSuccess: onSignedIn });
  const organizations = accounts.data?.organizations ?? [];

  return (
    <section
      aria-labelledby={headingId}
      className="mt-6 rounded-md border border-dashed border-amber-400 dark:border-amber-600 bg-amber-50 dark:bg-amber-950/40 p-4"
    >
      <h2 id={headingId} className="text-sm font-semibold text-amber-950 dark:text-amber-100">
        Development: sign in as
      </h2>
      <p className="mt-1 text-xs text-amber-900 dark:text-amber-200">
        Only in npm run dev. No password needed.
      </p>

      {accounts.isPending && (
        <div className="mt-3 flex flex-col gap-2" aria-busy="true" aria-label="Loading accounts">
          <Skeleton className="h-8" />
          <Skeleton className="h-8" />
          <Skeleton className="h-8" />
        </div>
      )}
      {accounts.isError && (
        <div role="alert" className="mt-3 text-sm text-red-800 dark:text-red-200">
          <p>The demo accounts could not be loaded: {accounts.error.message}</p>
          <Button variant="link" size="sm" onClick={() => accounts.refetch()}>
            Retry
          </Button>
        </div>
      )}
      {accounts.isSuccess && organizations.length === 0 && (
        <p className="mt-3 text-sm text-amber-900 dark:text-amber-200">
          No organizations yet. Seed the demo with <code>npm run seed -- --demo</code>.
        </p>
      )}

      {organizations.map((org) => (
        <div key={org.id} className="mt-3">
          <h3 className="text-xs font-medium tracking-wide text-amber-950 dark:text-amber-100 uppercase">
            {org.name}
          </h3>
          <ul className="mt-1 flex flex-col gap-1">
            {org.accounts.map((account) => (
              <li key={account.member_id}>
                <Button
                  variant="secondary"
                  size="sm"
                  className="w-full justify-between"
                  disabled={signInAs.isPending}
                  pending={signInAs.isPending && signInAs.variables?.member_id === account.member_id}
                  onClick={() => signInAs.mutate({ member_id: account.member_id })}
                >
                  <span className="truncate">
                    <span className="sr-only">Sign in as </span>
                    {account.name}
                    <span className="sr-only">, </span>
                  </span>
                  <Badge tone={account.permission_level === 'owner' ? 'owner' : 'neutral'}>
                    {account.permission_level === 'owner' ? 'Owner' : 'Collaborator'}
                  </Badge>
                </Button>
              </li>
            ))}
          </ul>
        </div>
      ))}

      {signInAs.isError && (
        <p role="alert" className="mt-3 text-sm text-red-800 dark:text-red-200">
          {signInAs.error.message}
        </p>
      )}
    </section>
  );
}
