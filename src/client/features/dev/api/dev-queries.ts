import { queryOptions } from '@tanstack/react-query';
import type { DevAccounts } from '#contract/dev.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

/** Development only: the accounts the login page offers to sign in as. */
export const devQueries = {
  all: queryKeys.dev,
  accounts: () =>
    queryOptions({
      queryKey: [...devQueries.all(), 'accounts'] as const,
      queryFn: () => api.get<DevAccounts>('/dev/accounts'),
    }),
};
