import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { Collaborator } from '#contract/members.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const createServiceAccount = (name: string) =>
  api.post<Collaborator>(`/users/service_accounts?name=${encodeURIComponent(name)}`);

export function useCreateServiceAccountMutation(
  options: UseMutationOptions<Collaborator, ApiError, string> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: createServiceAccount,
    onSuccess: async (...args) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.serviceAccounts() }),
        queryClient.invalidateQueries({ queryKey: queryKeys.members() }),
      ]);
      return options.onSuccess?.(...args);
    },
  });
}
