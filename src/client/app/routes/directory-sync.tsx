import type { LoaderFunctionArgs } from 'react-router';
import { scimTokenQueries } from '../../features/directory-sync/api/scim-token-queries.ts';
import { DirectorySyncPage } from '../../features/directory-sync/components/directory-sync-page.tsx';
import { queryClient } from '../query.ts';
import { requireOwner } from '../guards.ts';

export async function directorySyncLoader({ request }: LoaderFunctionArgs) {
  const user = await requireOwner(request, 'Directory sync (SCIM)');
  void queryClient.prefetchQuery(scimTokenQueries.list());
  return user;
}

/** Settings › Directory sync (SCIM): owners only. */
export function DirectorySyncRoute() {
  return <DirectorySyncPage />;
}
