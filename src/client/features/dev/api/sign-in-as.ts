import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { UserInfo } from '#contract/auth.ts';
import type { DevSignInAsBody } from '#contract/dev.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';

export const signInAs = (body: DevSignInAsBody) => api.post<UserInfo>('/dev/sign_in_as', body);

export function useSignInAsMutation(options: UseMutationOptions<UserInfo, ApiError, DevSignInAsBody> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: signInAs,
    meta: { silentError: true },
    onSuccess: (...args) => {
      // A new identity: nothing cached for the previous one may survive.
      queryClient.clear();
      return options.onSuccess?.(...args);
    },
  });
}
