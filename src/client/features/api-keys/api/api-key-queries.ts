import { queryOptions } from '@tanstack/react-query';
import type { ApiKeyList } from '#contract/api-keys.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const apiKeyQueries = {
  all: queryKeys.apiKeys,
  list: () =>
    queryOptions({
      queryKey: [...apiKeyQueries.all(), 'list'] as const,
      queryFn: async () => (await api.get<ApiKeyList>('/api_keys')).results,
    }),
};
