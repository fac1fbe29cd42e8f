import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { SetupBody } from '#contract/auth.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';

export const runSetup = (body: SetupBody) => api.post<{ ok: true }>('/setup', body);

export function useSetupMutation(options: UseMutationOptions<{ ok: true }, ApiError, SetupBody> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: runSetup,
    meta: { silentError: true },
    onSuccess: (...args) => {
      queryClient.clear();
      return options.onSuccess?.(...args);
    },
  });
}
