import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
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
