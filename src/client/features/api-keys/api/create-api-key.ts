import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { CreateApiKeyBody, CreatedApiKey } from '#contract/api-keys.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { apiKeyQueries } from './api-key-queries.ts';

export type CreateApiKeyInput = CreateApiKeyBody;

export const createApiKey = (body: CreateApiKeyInput) => api.post<CreatedApiKey>('/api_keys', body);

/** The token exists only in this mutation's result: it is shown once and never fetched again. */
export function useCreateApiKeyMutation(
  options: UseMutationOptions<CreatedApiKey, ApiError, CreateApiKeyInput> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: createApiKey,
    meta: { silentError: true },
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: apiKeyQueries.all() });
      return options.onSuccess?.(...args);
    },
  });
}
