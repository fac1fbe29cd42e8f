import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { CompletePasswordResetBody } from '#contract/credentials.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';

export const completePasswordReset = (body: CompletePasswordResetBody) =>
  api.post<void>('/password_reset_completions', body);

/** A reset ends every session of the person, this browser's included: nothing cached may survive. */
export function useCompletePasswordResetMutation(
  options: UseMutationOptions<void, ApiError, CompletePasswordResetBody> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: completePasswordReset,
    meta: { silentError: true },
    onSuccess: (...args) => {
      queryClient.clear();
      return options.onSuccess?.(...args);
    },
  });
}
