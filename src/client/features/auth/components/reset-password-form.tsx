import { Link } from 'react-router';
import {
  completePasswordResetBodySchema,
  invalidResetTokenMessage,
  type PasswordResetPreview,
} from '#contract/credentials.ts';
import { errorCodes } from '#contract/errors.ts';
import { formatDateTime } from '../../../components/format.ts';
import { NewPasswordFields } from '../../../components/new-password-fields.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { splitApiError } from '../../../lib/api-field-errors.ts';
import { useFieldErrors } from '../../../lib/use-field-errors.ts';
import { useCompletePasswordResetMutation } from '../api/complete-password-reset.ts';

const fields = ['password'] as const;

/** The new password for the address the link was mailed to; using it signs out every session. */
export function ResetPasswordForm({
  token,
  preview,
  onReset,
}: {
  token: string;
  preview: PasswordResetPreview;
  onReset: () => void;
}) {
  const reset = useCompletePasswordResetMutation({
    onSuccess: onReset,
    onError: (error) => focusFirst(Object.keys(splitApiError(error, fields).fieldErrors)),
  });
  const server = splitApiError(reset.error, fields);
  const { errors, fieldProps, validate, focusFirst } = useFieldErrors(server.fieldErrors);

  // Used or expired between opening the page and submitting it.
  if (reset.error?.code === errorCodes.invalidResetToken) {
    return <InvalidResetLinkHelp message={reset.error.message} />;
  }

  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        const body = validate(completePasswordResetBodySchema, {
          token,
          password: new FormData(event.currentTarget).get('password'),
        });
        if (body) reset.mutate(body);
        else reset.reset();
      }}
    >
      <NewPasswordFields
        email={preview.email}
        emailHint={`This link works until ${formatDateTime(preview.expires_at)}.`}
        password={{
          ...fieldProps('password'),
          label: 'New password',
          error: errors.password,
          autoFocus: true,
        }}
      />
      {server.formError && (
        <p
          role="alert"
          className="rounded-md bg-red-50 dark:bg-red-950/40 px-3 py-2 text-sm text-red-800 dark:text-red-200"
        >
          {server.formError}
        </p>
      )}
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Choosing a new password signs you out everywhere; you then sign in with it.
      </p>
      <Button type="submit" pending={reset.isPending}>
        Set new password
      </Button>
    </form>
  );
}

/** The one answer for every unusable reset link: expired, used, replaced or unknown. */
export function InvalidResetLinkHelp({ message = invalidResetTokenMessage }: { message?: string }) {
  return (
    <div className="flex flex-col gap-4">
      <p role="alert" className="text-sm text-slate-700 dark:text-slate-300">
        {message}
      </p>
      <Button asChild>
        <Link to="/forgot-password">Send me a new link</Link>
      </Button>
      <p className="text-center text-sm text-slate-700 dark:text-slate-300">
        <Link to="/login" className="font-medium text-indigo-700 dark:text-indigo-300 underline">
          Back to sign in
        </Link>
      </p>
    </div>
  );
}
