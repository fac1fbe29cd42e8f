import { useState } from 'react';
import { useLoaderData, useNavigate, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import type { UserInfo } from '#contract/auth.ts';
import { ErrorState } from '../../components/states.tsx';
import { Skeleton } from '../../components/ui/skeleton.tsx';
import { isApiError } from '../../lib/api-client.ts';
import { authQueries } from '../../features/auth/api/auth-queries.ts';
import { invitationQueries } from '../../features/invitations/api/invitation-queries.ts';
import {
  AcceptInvitationForm,
  InvalidInvitationHelp,
} from '../../features/invitations/components/accept-invitation-form.tsx';
import { queryClient } from '../query.ts';
import { AuthCard } from './auth-card.tsx';

/** Who is signed in here, if anyone: the page warns before switching accounts. */
export async function acceptInvitationLoader(): Promise<UserInfo | null> {
  try {
    return await queryClient.fetchQuery(authQueries.userInfo());
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

/**
 * /invitations/accept?token=… — opening the page reads the invitation (a POST
 * that changes nothing); only submitting the form uses the token. The server
 * sends this page with Referrer-Policy: no-referrer.
 */
export function AcceptInvitationRoute() {
  const signedInAs = useLoaderData<typeof acceptInvitationLoader>();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  // Once accepted the token is used up: asking about it again would only answer "invalid".
  const [accepted, setAccepted] = useState(false);
  const preview = useQuery({ ...invitationQueries.preview(token), enabled: token !== '' && !accepted });

  if (accepted) {
    return (
      <AuthCard title="Welcome aboard">
        <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
          Signing you in…
        </p>
      </AuthCard>
    );
  }

  if (token === '' || isApiError(preview.error, 'invalid_invitation')) {
    return (
      <AuthCard title="This invitation link cannot be used">
        <InvalidInvitationHelp />
      </AuthCard>
    );
  }
  if (preview.isError) {
    return (
      <AuthCard title="Your invitation">
        <ErrorState
          title="The invitation could not be opened"
          error={preview.error}
          onRetry={() => preview.refetch()}
        />
      </AuthCard>
    );
  }
  if (preview.isPending) {
    return (
      <AuthCard title="Your invitation">
        <div role="status" aria-label="Opening your invitation" className="flex flex-col gap-3">
          <Skeleton className="h-20" />
          <Skeleton className="h-9" />
          <Skeleton className="h-9" />
        </div>
      </AuthCard>
    );
  }
  const invitation = preview.data;
  return (
    <AuthCard
      title={`Join ${invitation.organization.name}`}
      description={`${invitation.inviter.name} invited you to Roster, where ${invitation.organization.name} manages its members and cloud access.`}
    >
      <AcceptInvitationForm
        token={token}
        preview={invitation}
        signedInAs={signedInAs}
        onAccepted={() => {
          setAccepted(true);
          navigate('/', { replace: true });
        }}
      />
    </AuthCard>
  );
}
