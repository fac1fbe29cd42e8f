import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { ServiceAccountKey } from '#contract/service-accounts.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { serviceAccountQueries } from './service-account-queries.ts';

type MintInput = { userId: string; name: string; days: number | null };

export const mintServiceAccountKey = ({ userId, name, days }: MintInput) =>
  api.post<ServiceAccountKey>('/users/create_api_key', {
    user_id: userId,
    name,
    duration: days === null ? null : days * 24 * 60 * 60,
  });

export function useMintServiceAccountKeyMutation(
  options: UseMutationOptions<ServiceAccountKey, ApiError, MintInput> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: mintServiceAccountKey,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: serviceAccountQueries.keys(args[1].userId).queryKey });
      return options.onSuccess?.(...args);
    },
  });
}

type RevokeInput = { userId: string; id: string };

export const revokeServiceAccountKey = ({ userId, id }: RevokeInput) =>
  api.delete(`/users/service_accounts/${encodeURIComponent(userId)}/api_keys/${encodeURIComponent(id)}`);

export function useRevokeServiceAccountKeyMutation(
  options: UseMutationOptions<void, ApiError, RevokeInput> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: revokeServiceAccountKey,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: serviceAccountQueries.keys(args[1].userId).queryKey });
      return options.onSuccess?.(...args);
    },
  });
}
