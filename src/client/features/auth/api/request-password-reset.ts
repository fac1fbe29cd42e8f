import { useMutation, type UseMutationOptions } from '@tanstack/react-query';
import { api, type ApiError } from '../../../lib/api-client.ts';

export type PasswordResetRequested = { message: string };

export const requestPasswordReset = (body: { email: string }) =>
  api.post<PasswordResetRequested>('/password_resets', body);

/** The answer is the same whether or not the address has an account. */
export function useRequestPasswordResetMutation(
  options: UseMutationOptions<PasswordResetRequested, ApiError, { email: string }> = {},
) {
  return useMutation({ ...options, mutationFn: requestPasswordReset, meta: { silentError: true } });
}
