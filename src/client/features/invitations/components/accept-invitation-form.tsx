import * as React from 'react';
import { Link } from 'react-router';
import type { UserInfo } from '#contract/auth.ts';
import {
  acceptInvitationBodySchema,
  invalidInvitationMessage,
  type InvitationPreview,
} from '#contract/invitations.ts';
import { formatDateTime } from '../../../components/format.ts';
import { NewPasswordFields } from '../../../components/new-password-fields.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Input } from '../../../components/ui/input.tsx';
import { Field } from '../../../components/ui/label.tsx';
import { splitApiError } from '../../../lib/api-field-errors.ts';
import { useFieldErrors } from '../../../lib/use-field-errors.ts';
import { goToSso, ssoLoginHref, ssoRequiredCode } from '../../../lib/sso-login.ts';
import { useAcceptInvitationMutation } from '../api/accept-invitation.ts';
import { roleLabels } from './invitation-labels.tsx';

const fields = ['name', 'password'] as const;

/**
 * The invitee chooses a display name and password and joins. The invited
 * address is shown but cannot be changed: the invitation is for it.
 */
export function AcceptInvitationForm({
  token,
  preview,
  signedInAs,
  onAccepted,
}: {
  token: string;
  preview: InvitationPreview;
  /** Who is signed in in this browser, if anyone. */
  signedInAs: UserInfo | null;
  onAccepted: (user: UserInfo) => void;
}) {
  const accept = useAcceptInvitationMutation({
    onSuccess: onAccepted,
    onError: (error) => focusFirst(Object.keys(splitApiError(error, fields).fieldErrors)),
  });
  const server = splitApiError(accept.error, fields);
  const { id, errors, fieldProps, validate, focusFirst } = useFieldErrors(server.fieldErrors);
  const org = preview.organization.name;
  const isThisMember =
    signedInAs !== null &&
    signedInAs.email === preview.email &&
    signedInAs.organization.name === org &&
    preview.already_member;

  if (preview.already_member || accept.error?.code === 'already_member') {
    return (
      <div className="flex flex-col gap-4">
        <p className="text-sm text-slate-700 dark:text-slate-300">
          <strong className="font-medium text-slate-900 dark:text-slate-100">{preview.email}</strong> is
          already a member of {org}. There is nothing to accept.
        </p>
        {isThisMember ? (
          <Button asChild>
            <Link to="/">Go to the console</Link>
          </Button>
        ) : (
          <Button asChild>
            <Link to="/login">Sign in as {preview.email}</Link>
          </Button>
        )}
      </div>
    );
  }

  if (accept.error?.code === 'invalid_invitation') {
    return <InvalidInvitationHelp message={accept.error.message} />;
  }

  const sso = preview.sso;
  const refusedForSso = accept.error?.code === ssoRequiredCode;
  if (sso?.required || refusedForSso) {
    // Accepted through the identity provider: the SSO sign-in for the invited address accepts it.
    return (
      <div className="flex flex-col gap-4">
        <InvitationSummary preview={preview} />
        <div
          role={refusedForSso ? 'alert' : 'status'}
          className="rounded-md border border-indigo-200 dark:border-indigo-800 bg-indigo-50/60 dark:bg-indigo-950/40 px-3 py-2 text-sm text-slate-800 dark:text-slate-200"
        >
          <p className="font-medium">
            {refusedForSso ? accept.error!.message : 'Your organization signs in with SSO.'}
          </p>
          <p className="mt-1">
            Sign in through {org}&apos;s identity provider as {preview.email}: that accepts the invitation.
          </p>
        </div>
        {sso ? (
          <Button type="button" onClick={() => goToSso(ssoLoginHref(sso.login_url, '/'))}>
            Continue with SSO
          </Button>
        ) : (
          <Button asChild>
            <Link to="/login">Continue with SSO</Link>
          </Button>
        )}
      </div>
    );
  }

  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const body = validate(acceptInvitationBodySchema, {
          token,
          name: form.get('name'),
          password: form.get('password'),
        });
        if (body) accept.mutate(body);
        else accept.reset();
      }}
    >
      {signedInAs && (
        <div
          role="note"
          className="rounded-md bg-amber-50 dark:bg-amber-950/40 px-3 py-2 text-sm text-amber-900 dark:text-amber-200"
        >
          <p>
            You are signed in as <strong className="font-medium">{signedInAs.name}</strong> (
            {signedInAs.email}) in {signedInAs.organization.name}. Accepting signs you out of that account and
            into the new one.
          </p>
          <Link to="/" className="mt-1 inline-block font-medium text-amber-950 dark:text-amber-100 underline">
            Continue as {signedInAs.name} instead
          </Link>
        </div>
      )}
      <InvitationSummary preview={preview} />
      {sso && (
        <div className="flex flex-col gap-2">
          <Button type="button" onClick={() => goToSso(ssoLoginHref(sso.login_url, '/'))}>
            Continue with SSO
          </Button>
          <p className="text-center text-xs font-medium tracking-wide text-slate-600 dark:text-slate-400 uppercase">
            or choose a password
          </p>
        </div>
      )}
      <NewPasswordFields
        email={preview.email}
        emailHint="The invitation is for this address."
        password={{
          ...fieldProps('password'),
          label: 'Choose a password',
          error: errors.password,
          userInputs: [org],
          userInputFields: ['name'],
        }}
      >
        <Field id={`${id}-name`} label="Your name" hint="Shown to your teammates." error={errors.name}>
          <Input {...fieldProps('name')} autoComplete="name" autoFocus />
        </Field>
      </NewPasswordFields>
      {server.formError && (
        <p
          role="alert"
          className="rounded-md bg-red-50 dark:bg-red-950/40 px-3 py-2 text-sm text-red-800 dark:text-red-200"
        >
          {server.formError}
        </p>
      )}
      <Button type="submit" pending={accept.isPending}>
        Join {org}
      </Button>
    </form>
  );
}

/** Which organization, from whom, which role, until when. */
function InvitationSummary({ preview }: { preview: InvitationPreview }) {
  const org = preview.organization.name;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 rounded-md bg-slate-50 dark:bg-slate-800/50 px-3 py-2 text-sm">
      <dt className="text-slate-600 dark:text-slate-400">Organization</dt>
      <dd className="font-medium text-slate-900 dark:text-slate-100">{org}</dd>
      <dt className="text-slate-600 dark:text-slate-400">Invited by</dt>
      <dd className="text-slate-900 dark:text-slate-100">{preview.inviter.name}</dd>
      <dt className="text-slate-600 dark:text-slate-400">Role</dt>
      <dd className="text-slate-900 dark:text-slate-100">{roleLabels[preview.permission_level]}</dd>
      <dt className="text-slate-600 dark:text-slate-400">Link expires</dt>
      <dd className="text-slate-900 dark:text-slate-100">{formatDateTime(preview.expires_at)}</dd>
    </dl>
  );
}

/** The one answer for every unusable link: expired, used, revoked or unknown. */
export function InvalidInvitationHelp({ message = invalidInvitationMessage }: { message?: string }) {
  return (
    <div className="flex flex-col gap-4">
      <p role="alert" className="text-sm text-slate-700 dark:text-slate-300">
        {message}
      </p>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Already have an account?{' '}
        <Link to="/login" className="font-medium text-indigo-700 dark:text-indigo-300 underline">
          Sign in
        </Link>
      </p>
    </div>
  );
}
