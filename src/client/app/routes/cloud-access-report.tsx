import { useLoaderData, useParams, type LoaderFunctionArgs } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { authQueries } from '../../features/auth/api/auth-queries.ts';
import { cloudQueries } from '../../features/clouds/api/cloud-queries.ts';
import { AccessReportPage } from '../../features/clouds/components/access-report-page.tsx';
import { queryClient } from '../query.ts';
import { requireUser } from '../guards.ts';

export async function cloudAccessReportLoader({ request, params }: LoaderFunctionArgs) {
  // Organization owners and the cloud's owners may read it; the server decides and the page says so.
  const user = await requireUser(request);
  await queryClient.prefetchQuery(cloudQueries.accessReport(params.id!));
  return user;
}

/** Cloud › Access report. */
export function CloudAccessReportRoute() {
  const initial = useLoaderData<typeof cloudAccessReportLoader>();
  const { data: user = initial } = useQuery(authQueries.userInfo());
  const { id } = useParams();
  return <AccessReportPage key={id} cloudId={id!} linkGroups={user.permission_level === 'owner'} />;
}
