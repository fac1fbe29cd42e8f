import { queryOptions } from '@tanstack/react-query';
import type { ApiKey } from '../../../../contract/api-keys.ts';
import { api } from '../../../lib/api-client.ts';

export const apiKeyQueries = {
  all: () => ['api-keys'] as const,
  list: () =>
    queryOptions({
      queryKey: [...apiKeyQueries.all(), 'list'] as const,
      queryFn: async () => (await api.get<{ results: ApiKey[] }>('/api_keys')).results,
    }),
};
