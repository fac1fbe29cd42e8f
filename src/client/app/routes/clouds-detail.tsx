import { useLoaderData, useParams, type LoaderFunctionArgs } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { authQueries } from '../../features/auth/api/auth-queries.ts';
import { cloudQueries } from '../../features/clouds/api/cloud-queries.ts';
import { CloudDetailPage } from '../../features/clouds/components/cloud-detail-page.tsx';
import { workloadQueries } from '../../features/workloads/api/workload-queries.ts';
import { CloudWorkloads } from '../../features/workloads/components/cloud-workloads.tsx';
import { queryClient } from '../query.ts';
import { requireUser } from '../guards.ts';

export async function cloudDetailLoader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = params.id!;
  void queryClient.prefetchQuery(cloudQueries.detail(id));
  void queryClient.prefetchQuery(workloadQueries.list({ cloud_id: id, count: 10 }));
  if (user.permission_level === 'owner') void queryClient.prefetchQuery(cloudQueries.access(id, {}));
  return user;
}

/** A cloud's page: details and Manage users (clouds feature), then its workloads (workloads feature). */
export function CloudDetailRoute() {
  const initial = useLoaderData<typeof cloudDetailLoader>();
  const { data: user = initial } = useQuery(authQueries.userInfo());
  const { id } = useParams();
  const isOwner = user.permission_level === 'owner';
  return (
    <CloudDetailPage
      key={id}
      cloudId={id!}
      isOwner={isOwner}
      currentMemberId={user.id}
      below={(cloud) => <CloudWorkloads cloud={cloud} currentMemberId={user.id} isOwner={isOwner} />}
    />
  );
}
