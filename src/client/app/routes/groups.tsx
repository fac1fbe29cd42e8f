import type { LoaderFunctionArgs } from 'react-router';
import { groupQueries } from '../../features/groups/api/group-queries.ts';
import { GroupsPage, groupListFiltersFrom } from '../../features/groups/components/groups-page.tsx';
import { queryClient } from '../query.ts';
import { requireOwner } from '../guards.ts';

export async function groupsLoader({ request }: LoaderFunctionArgs) {
  const user = await requireOwner(request, 'Groups');
  void queryClient.prefetchQuery(groupQueries.list(groupListFiltersFrom(new URL(request.url).searchParams)));
  return user;
}

/** Organization settings › Groups (owners). */
export function GroupsRoute() {
  return <GroupsPage />;
}
