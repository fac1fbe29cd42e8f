import { useId, useRef } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../components/ui/button.tsx';
import { Input } from '../../../components/ui/input.tsx';
import { Field } from '../../../components/ui/label.tsx';
import { useSignInMutation } from '../api/sign-in.ts';

export function SignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const id = useId();
  const password = useRef<HTMLInputElement>(null);
  const signIn = useSignInMutation({
    onSuccess: onSignedIn,
    // A refused pair: put the person back in the password field, ready to retype it.
    onError: () => {
      password.current?.focus();
      password.current?.select();
    },
  });
  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        signIn.mutate({ email: String(data.get('email')), password: String(data.get('password')) });
      }}
    >
      <Field id={`${id}-email`} label="Email">
        <Input id={`${id}-email`} name="email" type="email" autoComplete="username" required autoFocus />
      </Field>
      <Field id={`${id}-password`} label="Password">
        <Input
          ref={password}
          id={`${id}-password`}
          aria-invalid={signIn.isError || undefined}
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
      </Field>
      {signIn.error && (
        <p
          role="alert"
          className="rounded-md bg-red-50 dark:bg-red-950/40 px-3 py-2 text-sm text-red-800 dark:text-red-200"
        >
          {signIn.error.message}
        </p>
      )}
      <Button type="submit" pending={signIn.isPending}>
        Sign in
      </Button>
      <p className="text-center text-sm">
        <Link to="/forgot-password" className="font-medium text-indigo-700 dark:text-indigo-300 underline">
          Forgot password?
        </Link>
      </p>
    </form>
  );
}
