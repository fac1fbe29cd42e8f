import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { securityQueries } from './security-queries.ts';

export const signOutOtherSessions = () =>
  api.post<{ signed_out_sessions: number }>('/sessions/sign_out_others');

export function useSignOutOtherSessionsMutation(
  options: UseMutationOptions<{ signed_out_sessions: number }, ApiError, void> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: signOutOtherSessions,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: securityQueries.all() });
      return options.onSuccess?.(...args);
    },
  });
}
