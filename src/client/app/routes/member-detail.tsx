import { useLoaderData, useParams, type LoaderFunctionArgs } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { auditQueries } from '../../features/audit/api/audit-queries.ts';
import { MemberAuditTrail } from '../../features/audit/components/member-audit-trail.tsx';
import { authQueries } from '../../features/auth/api/auth-queries.ts';
import { cloudQueries } from '../../features/clouds/api/cloud-queries.ts';
import { memberQueries } from '../../features/members/api/member-queries.ts';
import { MemberPage } from '../../features/members/components/member-page.tsx';
import { workloadQueries } from '../../features/workloads/api/workload-queries.ts';
import { CreatorWorkloads } from '../../features/workloads/components/creator-workloads.tsx';
import { queryClient } from '../query.ts';
import { requireOwner } from '../guards.ts';

export async function memberDetailLoader({ request, params }: LoaderFunctionArgs) {
  const user = await requireOwner(request, 'Member pages');
  const id = params.id!;
  // Awaited (errors are kept in the cache, not thrown) so the page renders with its heading,
  // which the layout focuses after navigation.
  await queryClient.prefetchQuery(memberQueries.profile(id));
  void queryClient.prefetchQuery(memberQueries.owners());
  void queryClient.prefetchQuery(workloadQueries.list({ creator: id, count: 10 }));
  void queryClient.prefetchQuery(auditQueries.list({ actor: id, count: 10 }));
  return user;
}

/** Settings › Members › one member: the members feature's page, with their workloads and audit trail below. */
export function MemberDetailRoute() {
  const initial = useLoaderData<typeof memberDetailLoader>();
  const { data: user = initial } = useQuery(authQueries.userInfo());
  const { id } = useParams();
  return (
    <MemberPage
      key={id}
      memberId={id!}
      currentMemberId={user.id}
      organizationName={user.organization.name}
      ssoEnabled={user.organization.sso_enabled}
      onOwnRoleChanged={() =>
        void queryClient.invalidateQueries({ queryKey: authQueries.userInfo().queryKey })
      }
      onMembersRemoved={() => {
        void queryClient.invalidateQueries({ queryKey: cloudQueries.all() });
        void queryClient.invalidateQueries({ queryKey: workloadQueries.all() });
        void queryClient.invalidateQueries({ queryKey: auditQueries.all() });
      }}
      below={(member) => (
        <>
          <CreatorWorkloads creator={member} currentMemberId={user.id} isOwner />
          <MemberAuditTrail member={member} />
        </>
      )}
    />
  );
}
