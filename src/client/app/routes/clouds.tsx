import { useLoaderData, type LoaderFunctionArgs } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { authQueries } from '../../features/auth/api/auth-queries.ts';
import { cloudQueries } from '../../features/clouds/api/cloud-queries.ts';
import { CloudsPage, cloudListFiltersFrom } from '../../features/clouds/components/clouds-page.tsx';
import { queryClient } from '../query.ts';
import { requireUser } from '../guards.ts';

export async function cloudsLoader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Prefetch without blocking on errors: the page renders its own error state with Retry.
  void queryClient.prefetchQuery(cloudQueries.list(cloudListFiltersFrom(new URL(request.url).searchParams)));
  return user;
}

export function CloudsRoute() {
  const initial = useLoaderData<typeof cloudsLoader>();
  const { data: user = initial } = useQuery(authQueries.userInfo());
  return <CloudsPage isOwner={user.permission_level === 'owner'} />;
}
