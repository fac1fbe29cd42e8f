import { Link } from 'react-router';
import { passwordResetRequestBodySchema } from '#contract/credentials.ts';
import { Button } from '../../../components/ui/button.tsx';
import { Input } from '../../../components/ui/input.tsx';
import { Field } from '../../../components/ui/label.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { useFieldErrors } from '../../../lib/use-field-errors.ts';
import { useRequestPasswordResetMutation } from '../api/request-password-reset.ts';
import { ssoRequiredCode } from '../../../lib/sso-login.ts';

/**
 * Asks for a reset link. After sending, the page says the same thing for
 * every address, so it cannot be used to learn who has an account.
 */
export function ForgotPasswordForm() {
  const request = useRequestPasswordResetMutation();
  const { id, errors, fieldProps, validate } = useFieldErrors<'email'>();
  const ssoRequired = isApiError(request.error, ssoRequiredCode);

  if (request.isSuccess) {
    return (
      <div className="flex flex-col gap-4">
        <p
          role="status"
          className="rounded-md bg-emerald-50 dark:bg-emerald-950/40 px-3 py-2 text-sm text-emerald-900 dark:text-emerald-200"
        >
          {request.data.message}
        </p>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          No mail after a few minutes? Check your spam folder and the spelling of the address, or{' '}
          <button
            type="button"
            className="font-medium text-indigo-700 dark:text-indigo-300 underline"
            onClick={() => request.reset()}
          >
            try again
          </button>
          .
        </p>
        <Button asChild variant="secondary">
          <Link to="/login">Back to sign in</Link>
        </Button>
      </div>
    );
  }

  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        const email = String(new FormData(event.currentTarget).get('email') ?? '');
        const body = validate(
          passwordResetRequestBodySchema.refine((b) => b.email.includes('@'), {
            path: ['email'],
            message: 'Enter the email address you sign in with.',
          }),
          { email },
        );
        if (body) request.mutate(body);
      }}
    >
      <Field id={`${id}-email`} label="Email" hint="The address you sign in with." error={errors.email}>
        <Input {...fieldProps('email')} type="email" autoComplete="username" autoFocus />
      </Field>
      {request.error && ssoRequired ? (
        // Where SSO is required there is no password to reset: the identity provider signs them in.
        <div
          role="alert"
          className="flex flex-col gap-2 rounded-md border border-indigo-200 dark:border-indigo-800 bg-indigo-50/60 dark:bg-indigo-950/40 px-3 py-2 text-sm text-slate-800 dark:text-slate-200"
        >
          <p className="font-medium">{request.error.message}</p>
          <p>
            There is no Roster password to reset: sign in through your identity provider, and reset your
            password there if you need to.{' '}
            <Link to="/login" className="font-medium text-indigo-700 dark:text-indigo-300 underline">
              Continue with SSO
            </Link>
          </p>
        </div>
      ) : (
        request.error && (
          <p
            role="alert"
            className="rounded-md bg-red-50 dark:bg-red-950/40 px-3 py-2 text-sm text-red-800 dark:text-red-200"
          >
            {request.error.message}
          </p>
        )
      )}
      <Button type="submit" pending={request.isPending}>
        Send reset link
      </Button>
      <p className="text-center text-sm text-slate-700 dark:text-slate-300">
        Remembered it?{' '}
        <Link to="/login" className="font-medium text-indigo-700 dark:text-indigo-300 underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
