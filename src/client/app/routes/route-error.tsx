import { isRouteErrorResponse, Link, useRevalidator, useRouteError } from 'react-router';
import { ErrorState } from '../../components/states.tsx';
import type { OwnerOnly } from '../guards.ts';

/** Error element of every route: page-load failures render here with a retry. */
export function RouteError() {
  const error = useRouteError();
  const revalidator = useRevalidator();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  if (isRouteErrorResponse(error) && error.status === 403 && isOwnerOnly(error.data)) {
    return <OwnerOnlyPage page={error.data.owner_only} />;
  }
  return (
    <div className="mx-auto max-w-xl px-4 py-16">
      <ErrorState error={error} onRetry={() => revalidator.revalidate()} />
    </div>
  );
}

export function NotFoundPage() {
  return (
    <div className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">There is nothing at this address.</p>
      <Link to="/" className="mt-4 inline-block text-indigo-700 dark:text-indigo-300 underline">
        Go to the console
      </Link>
    </div>
  );
}

function isOwnerOnly(value: unknown): value is OwnerOnly {
  return typeof value === 'object' && value !== null && typeof (value as OwnerOnly).owner_only === 'string';
}

/** A collaborator opened an owner page (a shared link, an old bookmark): say why, and where to go. */
export function OwnerOnlyPage({ page }: { page: string }) {
  return (
    <div className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold" tabIndex={-1}>
        Only organization owners can open this page
      </h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">
        {page} is for owners, and you are a collaborator. The Members page lists the owners you can ask.
      </p>
      <Link
        to="/settings/members"
        className="mt-4 inline-block text-indigo-700 dark:text-indigo-300 underline"
      >
        Go to Members
      </Link>
    </div>
  );
}
