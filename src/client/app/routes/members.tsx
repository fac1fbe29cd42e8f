import { useLoaderData, type LoaderFunctionArgs } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { PageHeader } from '../../components/states.tsx';
import { authQueries } from '../../features/auth/api/auth-queries.ts';
import { cloudQueries } from '../../features/clouds/api/cloud-queries.ts';
import { invitationQueries } from '../../features/invitations/api/invitation-queries.ts';
import { InviteDialog } from '../../features/invitations/components/invite-dialog.tsx';
import { memberQueries } from '../../features/members/api/member-queries.ts';
import { ExportMembersButton } from '../../features/members/components/export-members-button.tsx';
import { MembersList } from '../../features/members/components/members-list.tsx';
import { OwnersContact } from '../../features/members/components/owners-contact.tsx';
import { useOwnerMemberControls } from '../../features/members/components/owner-member-controls.tsx';
import { memberListFiltersFrom } from '../../features/members/hooks/use-member-list-params.ts';
import { workloadQueries } from '../../features/workloads/api/workload-queries.ts';
import { loadedOnce } from '../../lib/query-client.ts';
import { queryClient } from '../query.ts';
import { FirstRunChecklist, prefetchFirstRunChecklist } from './first-run-checklist.tsx';
import { requireUser } from '../guards.ts';

export async function membersLoader({ request }: LoaderFunctionArgs) {
  const filters = memberListFiltersFrom(new URL(request.url).searchParams);
  // Prefetch without blocking on errors: the page renders its own error state with Retry.
  // The list does not depend on who is asking, so it is asked for alongside who that is
  // (a signed-out visit gets a 401 here too, and requireUser sends it to sign-in).
  void queryClient.prefetchQuery(memberQueries.list(filters));
  const user = await requireUser(request);
  if (user.permission_level !== 'owner') {
    void queryClient.prefetchQuery(memberQueries.owners());
    return user;
  }
  // What an owner's page reads besides the list (the owners, whom the role and
  // removal controls guard; the checklist's counts) is there before it renders:
  // arriving later, each re-rendered the whole page (a quarter of a second on a phone).
  await Promise.all([
    loadedOnce(queryClient, memberQueries.owners()),
    loadedOnce(queryClient, invitationQueries.list({})),
    prefetchFirstRunChecklist(queryClient, user),
  ]);
  return user;
}

/**
 * Organization settings › Members. Owner-only pieces compose in here:
 * PageHeader `actions` (invite), MembersList slots (selection, role control,
 * row actions, bulk toolbar),; pending invitations have their own tab.
 */
const memberHref = (member: { id: string }) => `/settings/members/${encodeURIComponent(member.id)}`;

export function MembersRoute() {
  const initial = useLoaderData<typeof membersLoader>();
  const { data: user = initial } = useQuery(authQueries.userInfo());
  const isOwner = user.permission_level === 'owner';
  const ownerControls = useOwnerMemberControls({
    currentMemberId: user.id,
    organizationName: user.organization.name,
    ssoEnabled: user.organization.sso_enabled,
    // After demoting yourself, re-read who you are: the page turns read-only without a reload.
    onOwnRoleChanged: () => void queryClient.invalidateQueries({ queryKey: authQueries.userInfo().queryKey }),
    // Removed people lose their cloud grants and ownership; their workloads now show "(removed)".
    onMembersRemoved: () => {
      void queryClient.invalidateQueries({ queryKey: cloudQueries.all() });
      void queryClient.invalidateQueries({ queryKey: workloadQueries.all() });
    },
  });
  return (
    <div>
      <PageHeader
        title="Members"
        description={
          isOwner
            ? `Everyone in ${user.organization.name}. Owners manage members, invitations and cloud access; collaborators use the clouds they are granted.`
            : `Everyone in ${user.organization.name}.`
        }
        actions={
          isOwner ? (
            <>
              <ExportMembersButton />
              <InviteDialog />
            </>
          ) : undefined
        }
        compact
      />
      <div className="flex flex-col gap-6">
        {isOwner && <FirstRunChecklist user={user} />}
        {!isOwner && <OwnersContact />}
        <MembersList
          organizationName={user.organization.name}
          currentMemberId={user.id}
          ssoEnabled={user.organization.sso_enabled}
          {...(isOwner ? { ...ownerControls.slots, toolbar: ownerControls.toolbar, memberHref } : {})}
        />
        {isOwner && ownerControls.dialog}
      </div>
    </div>
  );
}
