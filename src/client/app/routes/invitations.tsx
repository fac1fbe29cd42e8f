import { useLoaderData, type LoaderFunctionArgs } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { PageHeader } from '../../components/states.tsx';
import { authQueries } from '../../features/auth/api/auth-queries.ts';
import { invitationQueries } from '../../features/invitations/api/invitation-queries.ts';
import { InviteDialog } from '../../features/invitations/components/invite-dialog.tsx';
import { PendingInvitations } from '../../features/invitations/components/pending-invitations.tsx';
import { queryClient } from '../query.ts';
import { requireOwner } from '../guards.ts';

export async function invitationsLoader({ request }: LoaderFunctionArgs) {
  const user = await requireOwner(request, 'Invitations');
  void queryClient.prefetchQuery(invitationQueries.list({}));
  return user;
}

/** Organization settings › Invitations (owners): pending invitations with their ⋯ actions. */
export function InvitationsRoute() {
  const initial = useLoaderData<typeof invitationsLoader>();
  const { data: user = initial } = useQuery(authQueries.userInfo());
  return (
    <div>
      <PageHeader
        title="Invitations"
        description={`People invited to ${user.organization.name} who have not joined yet.`}
        actions={<InviteDialog />}
      />
      <PendingInvitations />
    </div>
  );
}
