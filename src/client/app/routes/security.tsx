import { useLoaderData, type LoaderFunctionArgs } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { authQueries } from '../../features/auth/api/auth-queries.ts';
import { securityQueries } from '../../features/security/api/security-queries.ts';
import { SecurityPage } from '../../features/security/components/security-page.tsx';
import { queryClient } from '../query.ts';
import { requireUser } from '../guards.ts';

export async function securityLoader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  void queryClient.prefetchQuery(securityQueries.sessions());
  return user;
}

/** /account/security: every member's own password and sessions. */
export function SecurityRoute() {
  const initial = useLoaderData<typeof securityLoader>();
  const { data: user = initial } = useQuery(authQueries.userInfo());
  return <SecurityPage user={user} />;
}
