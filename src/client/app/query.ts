import { createQueryClient } from '../lib/query-client.ts';
import { authQueries } from '../features/auth/api/auth-queries.ts';

/**
 * The one QueryClient. A 401 after we knew who the user was means the session
 * died (signed out elsewhere, removed from the organization): forget everything
 * and go to sign-in. Before that, route loaders handle 401 themselves.
 */
export const queryClient = createQueryClient({
  onUnauthenticated: () => {
    if (queryClient.getQueryData(authQueries.userInfo().queryKey) === undefined) return;
    queryClient.clear();
    const next = window.location.pathname + window.location.search;
    window.location.assign(`/login?reason=session_ended&next=${encodeURIComponent(next)}`);
  },
});
