import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { ApiKey } from '#contract/api-keys.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { apiKeyQueries } from './api-key-queries.ts';

export const revokeApiKey = (key: Pick<ApiKey, 'id'>) =>
  api.delete(`/api_keys/${encodeURIComponent(key.id)}`);

export function useRevokeApiKeyMutation(options: UseMutationOptions<void, ApiError, ApiKey> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: revokeApiKey,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: apiKeyQueries.all() });
      return options.onSuccess?.(...args);
    },
  });
}
