import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { CreateScimTokenBody, CreatedScimToken, ScimToken } from '#contract/scim-tokens.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const createScimToken = (body: CreateScimTokenBody) =>
  api.post<CreatedScimToken>('/scim_tokens', body);

export function useCreateScimTokenMutation(
  options: UseMutationOptions<CreatedScimToken, ApiError, CreateScimTokenBody> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: createScimToken,
    // The dialog says what went wrong, under the field or for the whole form.
    meta: { silentError: true },
    onSuccess: async (...args) => {
      // The members list shows whether SCIM is on (a live token): refresh both.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.scimTokens() }),
        queryClient.invalidateQueries({ queryKey: queryKeys.members() }),
      ]);
      return options.onSuccess?.(...args);
    },
  });
}

export const revokeScimToken = (token: ScimToken) =>
  api.delete(`/scim_tokens/${encodeURIComponent(token.id)}`);

export function useRevokeScimTokenMutation(options: UseMutationOptions<void, ApiError, ScimToken> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: revokeScimToken,
    onSuccess: async (...args) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.scimTokens() }),
        queryClient.invalidateQueries({ queryKey: queryKeys.members() }),
      ]);
      return options.onSuccess?.(...args);
    },
  });
}
