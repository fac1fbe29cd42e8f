import * as React from 'react';
import { PasswordField, type PasswordFieldProps } from './password-field.tsx';
import { Input } from './ui/input.tsx';
import { Field } from './ui/label.tsx';

/**
 * The address an account is for, read only (it is the `username` a password
 * manager saves the new password under), and the new password for it, judged
 * live with that address counted against it.
 */
export function NewPasswordFields({
  email,
  emailHint,
  password,
  children,
}: {
  email: string;
  emailHint: string;
  password: PasswordFieldProps;
  /** Fields shown between the address and the password (the person's name, say). */
  children?: React.ReactNode;
}) {
  const emailId = React.useId();
  return (
    <>
      <Field id={emailId} label="Email" hint={emailHint}>
        <Input
          id={emailId}
          name="email"
          type="email"
          value={email}
          readOnly
          autoComplete="username"
          aria-describedby={`${emailId}-hint`}
          className="bg-slate-50 dark:bg-slate-800/50 text-slate-700 dark:text-slate-300"
        />
      </Field>
      {children}
      <PasswordField
        autoComplete="new-password"
        {...password}
        userInputs={[email, ...(password.userInputs ?? [])]}
      />
    </>
  );
}
