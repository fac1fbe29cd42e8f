import { useParams, type LoaderFunctionArgs } from 'react-router';
import { groupQueries } from '../../features/groups/api/group-queries.ts';
import { GroupPage } from '../../features/groups/components/group-page.tsx';
import { queryClient } from '../query.ts';
import { requireOwner } from '../guards.ts';

export async function groupDetailLoader({ request, params }: LoaderFunctionArgs) {
  const user = await requireOwner(request, 'Groups');
  const id = params.id!;
  // Awaited (errors stay in the cache) so the page renders with its heading, which the layout focuses.
  await queryClient.prefetchQuery(groupQueries.detail(id));
  void queryClient.prefetchQuery(groupQueries.members(id));
  return user;
}

/** Organization settings › Groups › one group. */
export function GroupDetailRoute() {
  const { id } = useParams();
  return <GroupPage key={id} groupId={id!} />;
}
