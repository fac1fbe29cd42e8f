import { queryOptions } from '@tanstack/react-query';
import type { DevMailbox } from '#contract/dev-mailbox.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

/** Development only: mail the server "delivered" to its development mailbox. */
export const devMailboxQueries = {
  all: queryKeys.devMailbox,
  list: () =>
    queryOptions({
      queryKey: [...devMailboxQueries.all(), 'list'] as const,
      queryFn: () => api.get<DevMailbox>('/dev/mailbox'),
      // New mail shows up without a reload.
      refetchInterval: 2000,
    }),
};
