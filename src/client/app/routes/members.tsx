import { useLoaderData, useSearchParams, type LoaderFunctionArgs } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { memberSortSchema } from '../../../contract/members.ts';
import { permissionLevelSchema } from '../../../contract/roles.ts';
import { authQueries } from '../../features/auth/api/auth-queries.ts';
import { memberQueries, type MemberListFilters } from '../../features/members/api/member-queries.ts';
import { MembersPage } from '../../features/members/components/members-page.tsx';
import { queryClient } from '../query.ts';
import { requireUser } from '../guards.ts';

/** The URL is the source of truth for the member list's filters. */
export function membersFiltersFrom(params: URLSearchParams): MemberListFilters {
  return {
    q: params.get('q') || undefined,
    permission_level: permissionLevelSchema.safeParse(params.get('role')).data,
    sort: memberSortSchema.safeParse(params.get('sort')).data,
    paging_token: params.get('page') || undefined,
  };
}

export async function membersLoader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const filters = membersFiltersFrom(new URL(request.url).searchParams);
  // Prefetch without blocking on errors: the page renders its own error state with Retry.
  void queryClient.prefetchQuery(memberQueries.list(filters));
  return user;
}

export function MembersRoute() {
  const initial = useLoaderData<typeof membersLoader>();
  const { data: user = initial } = useQuery(authQueries.userInfo());
  const [params] = useSearchParams();
  return <MembersPage user={user} filters={membersFiltersFrom(params)} />;
}
