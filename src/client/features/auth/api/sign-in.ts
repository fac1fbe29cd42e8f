import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { LoginBody, UserInfo } from '#contract/auth.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { authQueries } from './auth-queries.ts';

export const signIn = (body: LoginBody) => api.post<UserInfo>('/sessions', body);

export function useSignInMutation(options: UseMutationOptions<UserInfo, ApiError, LoginBody> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: signIn,
    meta: { silentError: true },
    onSuccess: (...args) => {
      // A new identity: nothing cached for the previous one may survive.
      queryClient.clear();
      queryClient.setQueryData(authQueries.userInfo().queryKey, args[0]);
      return options.onSuccess?.(...args);
    },
  });
}
