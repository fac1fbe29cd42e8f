import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { errorCodes } from '#contract/errors.ts';
import { ErrorState } from '../../components/states.tsx';
import { Skeleton } from '../../components/ui/skeleton.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { authQueries } from '../../features/auth/api/auth-queries.ts';
import {
  InvalidResetLinkHelp,
  ResetPasswordForm,
} from '../../features/auth/components/reset-password-form.tsx';
import { AuthCard } from './auth-card.tsx';

/**
 * /reset-password?token=… — the link from the reset mail. Opening it checks
 * the token (a POST that does not use it); only submitting the new password
 * uses it. Served with Referrer-Policy: no-referrer like every page.
 */
export function ResetPasswordRoute() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  // Once used the token is spent: asking about it again would only answer "invalid".
  const [done, setDone] = useState(false);
  const preview = useQuery({ ...authQueries.passwordResetPreview(token), enabled: token !== '' && !done });

  if (done) {
    return (
      <AuthCard title="Password changed">
        <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
          Taking you to sign in…
        </p>
      </AuthCard>
    );
  }
  if (token === '' || isApiError(preview.error, errorCodes.invalidResetToken)) {
    return (
      <AuthCard title="This reset link cannot be used">
        <InvalidResetLinkHelp />
      </AuthCard>
    );
  }
  if (preview.isError) {
    return (
      <AuthCard title="Choose a new password">
        <ErrorState
          title="The reset link could not be checked"
          error={preview.error}
          onRetry={() => preview.refetch()}
        />
      </AuthCard>
    );
  }
  if (preview.isPending) {
    return (
      <AuthCard title="Choose a new password">
        <div role="status" aria-label="Checking your reset link" className="flex flex-col gap-3">
          <Skeleton className="h-9" />
          <Skeleton className="h-9" />
          <Skeleton className="h-9" />
        </div>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Choose a new password" description="Pick a password you do not use anywhere else.">
      <ResetPasswordForm
        token={token}
        preview={preview.data}
        onReset={() => {
          setDone(true);
          navigate('/login?reason=password_reset', { replace: true });
        }}
      />
    </AuthCard>
  );
}
