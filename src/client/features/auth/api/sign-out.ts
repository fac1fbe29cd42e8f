import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import { api, type ApiError } from '../../../lib/api-client.ts';

export const signOut = () => api.delete('/sessions/current');

export function useSignOutMutation(options: UseMutationOptions<void, ApiError, void> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: signOut,
    onSuccess: (...args) => {
      queryClient.clear();
      return options.onSuccess?.(...args);
    },
  });
}
