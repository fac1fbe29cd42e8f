import { isRouteErrorResponse, Link, useRevalidator, useRouteError } from 'react-router';
import { ErrorState } from '../../components/states.tsx';

/** Error element of every route: page-load failures render here with a retry. */
export function RouteError() {
  const error = useRouteError();
  const revalidator = useRevalidator();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
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
      <p className="mt-2 text-slate-600">There is nothing at this address.</p>
      <Link to="/" className="mt-4 inline-block text-indigo-700 underline">
        Go to the console
      </Link>
    </div>
  );
}
