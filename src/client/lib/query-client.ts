import {
  MutationCache,
  QueryCache,
  QueryClient,
  type EnsureQueryDataOptions,
  type QueryKey,
} from '@tanstack/react-query';
import { ApiError } from './api-client.ts';
import { toast } from './toast.ts';

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: ApiError;
    mutationMeta: {
      /** Set when the component shows the error itself (e.g. inline in a form). */
      silentError?: boolean;
      /** Toast shown on success. */
      successMessage?: string;
    };
  }
}

/**
 * Mutations toast their outcome by default. A 401 anywhere means the session
 * ended (signed out elsewhere, removed from the organization): go to sign-in.
 */
export function createQueryClient(options: { onUnauthenticated: () => void }): QueryClient {
  const handleUnauthenticated = (error: unknown) => {
    if (error instanceof ApiError && error.status === 401) {
      options.onUnauthenticated();
      return true;
    }
    return false;
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError: handleUnauthenticated }),
    mutationCache: new MutationCache({
      onSuccess: (_data, _variables, _context, mutation) => {
        if (mutation.meta?.successMessage) toast.success(mutation.meta.successMessage);
      },
      onError: (error, _variables, _context, mutation) => {
        if (handleUnauthenticated(error) || mutation.meta?.silentError) return;
        toast.error(error.message);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        retry: (failureCount, error) =>
          failureCount < 2 && (!(error instanceof ApiError) || error.status === 0 || error.status >= 500),
      },
    },
  });
}

/**
 * For a route loader that must not render before a query has data: resolves
 * at once when the cache holds some (a stale answer refreshes in the
 * background, so typing in a search does not wait on it), else once it is
 * fetched. Never rejects: the page shows the query's own error state.
 */
export async function loadedOnce<Data, Failure, Key extends QueryKey>(
  queryClient: QueryClient,
  options: EnsureQueryDataOptions<Data, Failure, Data, Key>,
): Promise<void> {
  await queryClient.ensureQueryData({ ...options, revalidateIfStale: true }).catch(() => undefined);
}
