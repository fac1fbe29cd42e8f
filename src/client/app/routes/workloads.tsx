import { useLoaderData, type LoaderFunctionArgs } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { authQueries } from '../../features/auth/api/auth-queries.ts';
import { workloadQueries } from '../../features/workloads/api/workload-queries.ts';
import { WorkloadsPage } from '../../features/workloads/components/workloads-page.tsx';
import { workloadListFiltersFrom } from '../../features/workloads/hooks/use-workload-list-params.ts';
import { queryClient } from '../query.ts';
import { requireUser } from '../guards.ts';

export async function workloadsLoader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const filters = workloadListFiltersFrom(new URL(request.url).searchParams);
  void queryClient.prefetchQuery(workloadQueries.list(filters));
  void queryClient.prefetchQuery(workloadQueries.cloudOptions());
  return user;
}

export function WorkloadsRoute() {
  const initial = useLoaderData<typeof workloadsLoader>();
  const { data: user = initial } = useQuery(authQueries.userInfo());
  return <WorkloadsPage currentMemberId={user.id} isOwner={user.permission_level === 'owner'} />;
}
