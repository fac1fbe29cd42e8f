import { queryOptions } from '@tanstack/react-query';
import type { Session } from '#contract/credentials.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const securityQueries = {
  all: queryKeys.security,
  sessions: () =>
    queryOptions({
      queryKey: [...securityQueries.all(), 'sessions'] as const,
      queryFn: async () => (await api.get<{ results: Session[] }>('/sessions')).results,
      // "Last seen" moves whenever any of your sessions makes a request.
      staleTime: 0,
    }),
};
