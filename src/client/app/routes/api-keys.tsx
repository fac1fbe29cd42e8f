import { useLoaderData, type LoaderFunctionArgs } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { authQueries } from '../../features/auth/api/auth-queries.ts';
import { apiKeyQueries } from '../../features/api-keys/api/api-key-queries.ts';
import { ApiKeysPage } from '../../features/api-keys/components/api-keys-page.tsx';
import { queryClient } from '../query.ts';
import { requireUser } from '../guards.ts';

export async function apiKeysLoader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  void queryClient.prefetchQuery(apiKeyQueries.list());
  return user;
}

/** Settings › API keys: every member manages their own keys. */
export function ApiKeysRoute() {
  const initial = useLoaderData<typeof apiKeysLoader>();
  const { data: user = initial } = useQuery(authQueries.userInfo());
  return <ApiKeysPage origin={window.location.origin} isOwner={user.permission_level === 'owner'} />;
}
