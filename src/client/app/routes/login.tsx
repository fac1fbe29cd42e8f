import { redirect, useNavigate, useSearchParams, type LoaderFunctionArgs } from 'react-router';
import { isApiError } from '../../lib/api-client.ts';
import { authQueries } from '../../features/auth/api/auth-queries.ts';
import { SignInForm } from '../../features/auth/components/sign-in-form.tsx';
import { DevSignIn } from '../../features/dev/components/dev-sign-in.tsx';
import { queryClient } from '../query.ts';
import { safeNext } from '../guards.ts';
import { AuthCard } from './auth-card.tsx';

export async function loginLoader({ request }: LoaderFunctionArgs) {
  const next = safeNext(new URL(request.url).searchParams.get('next'));
  try {
    await queryClient.fetchQuery(authQueries.userInfo());
    return redirect(next);
  } catch (error) {
    if (!isApiError(error) || error.status !== 401) throw error;
  }
  const status = await queryClient.fetchQuery(authQueries.setupStatus());
  if (status.setup_required) return redirect('/setup');
  return null;
}

export function LoginPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const reason = params.get('reason');
  return (
    <AuthCard title="Sign in to Roster">
      {reason === 'session_ended' && (
        <p
          role="status"
          className="mb-4 rounded-md bg-amber-50 dark:bg-amber-950/40 px-3 py-2 text-sm text-amber-900 dark:text-amber-200"
        >
          Your session has ended. Sign in again to continue.
        </p>
      )}
      {reason === 'password_reset' && (
        <p
          role="status"
          className="mb-4 rounded-md bg-emerald-50 dark:bg-emerald-950/40 px-3 py-2 text-sm text-emerald-900 dark:text-emerald-200"
        >
          Your password has been changed and every session signed out. Sign in with your new password.
        </p>
      )}
      {reason === 'left' && (
        <p
          role="status"
          className="mb-4 rounded-md bg-slate-100 dark:bg-slate-800 px-3 py-2 text-sm text-slate-800 dark:text-slate-200"
        >
          You left the organization and were signed out. To come back, ask one of its owners for a new
          invitation.
        </p>
      )}
      <SignInForm
        next={safeNext(params.get('next'))}
        onSignedIn={() => navigate(safeNext(params.get('next')), { replace: true })}
      />
      {/* Development only: import.meta.env.DEV is false in the production build, which drops it. */}
      {import.meta.env.DEV && (
        <DevSignIn onSignedIn={() => navigate(safeNext(params.get('next')), { replace: true })} />
      )}
    </AuthCard>
  );
}
