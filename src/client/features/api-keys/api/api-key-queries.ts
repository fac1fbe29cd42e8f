import { queryOptions } from '@tanstack/react-query';
import type { ApiKeyList } from '../../../../contract/api-keys.ts';
import { api } from '../../../lib/api-client.ts';

export const apiKeyQueries = {
  all: () => ['api-keys'] as const,
  list: () =>
    queryOptions({
      queryKey: [...apiKeyQueries.all(), 'list'] as const,
      queryFn: async () => (await api.get<ApiKeyList>('/api_keys')).results,
    }),
};
