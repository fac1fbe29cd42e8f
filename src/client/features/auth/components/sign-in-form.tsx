import * as React from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Button } from '../../../components/ui/button.tsx';
import { Input } from '../../../components/ui/input.tsx';
import { Field } from '../../../components/ui/label.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { useSignInMutation } from '../api/sign-in.ts';
import { goToSso, ssoLoginHref, ssoRequiredCode } from '../../../lib/sso-login.ts';
import { ssoDiscoveryQuery } from '../api/sso-discovery.ts';

const looksLikeEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);

/**
 * Email first: as soon as the address is known, its organization's SSO is
 * offered ("Continue with SSO"). Where SSO is required the password field
 * gives way to the identity provider; owners keep a break-glass password
 * sign-in behind a link.
 */
export function SignInForm({
  onSignedIn,
  next = '/',
  goTo = goToSso,
}: {
  onSignedIn: () => void;
  /** Where to land after signing in (already checked to be a same-site path). */
  next?: string;
  /** Sends the browser to the identity provider (replaced in tests). */
  goTo?: (href: string) => void;
}) {
  const id = React.useId();
  const password = React.useRef<HTMLInputElement>(null);
  const [email, setEmail] = React.useState('');
  // The address asked about: settles 400 ms after typing stops, at once on leaving the field.
  const [asked, setAsked] = React.useState('');
  const timer = React.useRef<ReturnType<typeof setTimeout>>(undefined);
  const [breakGlass, setBreakGlass] = React.useState(false);
  const normalized = asked.trim().toLowerCase();
  const discovery = useQuery({ ...ssoDiscoveryQuery(normalized), enabled: looksLikeEmail(normalized) });
  const sso = looksLikeEmail(normalized) ? (discovery.data?.sso ?? null) : null;
  const passwordOffered = !sso?.required || breakGlass;

  const signIn = useSignInMutation({
    onSuccess: onSignedIn,
    // A refused pair: put the person back in the password field, ready to retype it.
    onError: () => {
      password.current?.focus();
      password.current?.select();
    },
  });
  const refusedForSso = isApiError(signIn.error, ssoRequiredCode);

  const ask = (value: string) => {
    clearTimeout(timer.current);
    setAsked(value);
  };
  const continueWithSso = () => {
    if (sso) goTo(ssoLoginHref(sso.login_url, next));
  };

  return (
    <form
      className="flex flex-col gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const typed = String(data.get('password') ?? '');
        if (sso && (!passwordOffered || typed === '')) {
          continueWithSso();
          return;
        }
        signIn.mutate({ email: String(data.get('email')), password: typed });
      }}
    >
      <Field id={`${id}-email`} label="Email">
        <Input
          id={`${id}-email`}
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          value={email}
          onChange={(event) => {
            const value = event.target.value;
            setEmail(value);
            setBreakGlass(false);
            clearTimeout(timer.current);
            timer.current = setTimeout(() => setAsked(value), 400);
          }}
          onBlur={() => ask(email)}
        />
      </Field>
      {sso && (
        <div
          role="status"
          className="flex flex-col gap-3 rounded-md border border-indigo-200 dark:border-indigo-800 bg-indigo-50/60 dark:bg-indigo-950/40 p-3"
        >
          <p className="text-sm text-slate-800 dark:text-slate-200">
            {sso.required
              ? 'Your organization signs in with SSO.'
              : `${sso.organization_name} offers sign-in with SSO.`}
          </p>
          <Button type="button" onClick={continueWithSso}>
            Continue with SSO
          </Button>
        </div>
      )}
      {passwordOffered ? (
        <>
          {sso && !sso.required && (
            <p className="text-center text-xs font-medium tracking-wide text-slate-600 dark:text-slate-400 uppercase">
              or use your password
            </p>
          )}
          <Field id={`${id}-password`} label="Password">
            <Input
              ref={password}
              id={`${id}-password`}
              aria-invalid={(signIn.isError && !refusedForSso) || undefined}
              name="password"
              type="password"
              autoComplete="current-password"
              required={!sso}
              autoFocus={breakGlass}
            />
          </Field>
        </>
      ) : (
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Organization owner?{' '}
          <button
            type="button"
            className="font-medium text-indigo-700 dark:text-indigo-300 underline"
            onClick={() => setBreakGlass(true)}
          >
            Sign in with your password (break-glass)
          </button>
        </p>
      )}
      {signIn.error && (
        <p
          role="alert"
          className="rounded-md bg-red-50 dark:bg-red-950/40 px-3 py-2 text-sm text-red-800 dark:text-red-200"
        >
          {signIn.error.message}
          {refusedForSso && sso && ' Use Continue with SSO.'}
        </p>
      )}
      {passwordOffered && (
        <Button type="submit" variant={sso ? 'secondary' : 'primary'} pending={signIn.isPending}>
          Sign in
        </Button>
      )}
      {passwordOffered && (
        <p className="text-center text-sm">
          <Link to="/forgot-password" className="font-medium text-indigo-700 dark:text-indigo-300 underline">
            Forgot password?
          </Link>
        </p>
      )}
    </form>
  );
}
