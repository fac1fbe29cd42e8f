import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { ChangePasswordBody } from '#contract/credentials.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { securityQueries } from './security-queries.ts';

export type ChangedPassword = { signed_out_sessions: number };

export const changePassword = (body: ChangePasswordBody) =>
  api.post<ChangedPassword>('/password_changes', body);

/** Changing the password ends every other session of yours, so the session list changes too. */
export function useChangePasswordMutation(
  options: UseMutationOptions<ChangedPassword, ApiError, ChangePasswordBody> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: changePassword,
    meta: { silentError: true },
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: securityQueries.all() });
      return options.onSuccess?.(...args);
    },
  });
}
