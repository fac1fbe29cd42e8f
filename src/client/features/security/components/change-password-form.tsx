import * as React from 'react';
import { z } from 'zod';
import type { UserInfo } from '#contract/auth.ts';
import { changePasswordBodySchema } from '#contract/credentials.ts';
import { errorCodes } from '#contract/errors.ts';
import { PasswordField } from '../../../components/password-field.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Input } from '../../../components/ui/input.tsx';
import { Field } from '../../../components/ui/label.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { splitApiError } from '../../../lib/api-field-errors.ts';
import { useFieldErrors } from '../../../lib/use-field-errors.ts';
import { useChangePasswordMutation, type ChangedPassword } from '../api/change-password.ts';

const fields = ['current_password', 'new_password'] as const;

const formSchema = changePasswordBodySchema.extend({
  current_password: z.string().min(1, { message: 'Enter your current password.' }).max(200),
});

/** What the server refused, by field: a wrong current password belongs to its own field. */
function refused(error: unknown) {
  if (isApiError(error, errorCodes.wrongPassword)) {
    return { fieldErrors: { current_password: error.message }, formError: null };
  }
  return splitApiError(error, fields);
}

function signedOutText(count: number): string {
  if (count === 0) return 'You had no other sessions to sign out.';
  return `Your ${count === 1 ? 'other session was' : `${count} other sessions were`} signed out; you stay signed in here.`;
}

/**
 * Current password, then the new one with live strength feedback. On success
 * the form empties and says how many other sessions the change ended.
 */
export function ChangePasswordForm({ user }: { user: UserInfo }) {
  const [done, setDone] = React.useState<ChangedPassword | null>(null);
  // A fresh form after each change: nothing typed survives, the meter included.
  const [round, setRound] = React.useState(0);
  return (
    <div className="flex flex-col gap-4">
      {done && (
        <div
          role="status"
          className="rounded-md bg-emerald-50 dark:bg-emerald-950/40 px-3 py-2 text-sm text-emerald-900 dark:text-emerald-200"
        >
          <p className="font-medium">Password changed.</p>
          <p>{signedOutText(done.signed_out_sessions)}</p>
        </div>
      )}
      <PasswordChangeFields
        key={round}
        user={user}
        onChanged={(result) => {
          setDone(result);
          setRound((n) => n + 1);
        }}
        onStart={() => setDone(null)}
      />
    </div>
  );
}

function PasswordChangeFields({
  user,
  onChanged,
  onStart,
}: {
  user: UserInfo;
  onChanged: (result: ChangedPassword) => void;
  onStart: () => void;
}) {
  const change = useChangePasswordMutation({
    onSuccess: onChanged,
    onError: (error) => focusFirst(Object.keys(refused(error).fieldErrors)),
  });
  const server = refused(change.error);
  const { id, errors, fieldProps, validate, focusFirst } = useFieldErrors(server.fieldErrors);
  return (
    <form
      noValidate
      className="flex max-w-md flex-col gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        onStart();
        const form = new FormData(event.currentTarget);
        const body = validate(formSchema, {
          current_password: form.get('current_password'),
          new_password: form.get('new_password'),
        });
        if (body) change.mutate(body);
        else change.reset();
      }}
    >
      {/* Lets a password manager file the new password under the right account. */}
      <input type="email" name="username" autoComplete="username" value={user.email} readOnly hidden />
      <Field id={`${id}-current_password`} label="Current password" error={errors.current_password}>
        <Input {...fieldProps('current_password')} type="password" autoComplete="current-password" />
      </Field>
      <PasswordField
        {...fieldProps('new_password')}
        label="New password"
        error={errors.new_password}
        autoComplete="new-password"
        userInputs={[user.email, user.name, user.organization.name]}
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
        Changing your password signs out all your other sessions.
      </p>
      <div>
        <Button type="submit" pending={change.isPending}>
          Change password
        </Button>
      </div>
    </form>
  );
}
