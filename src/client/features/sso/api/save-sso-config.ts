import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { SsoConfig, SsoConfigBody } from '../../../../contract/sso.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const saveSsoConfig = (body: SsoConfigBody) => api.put<SsoConfig>('/sso_config', body);

export function useSaveSsoConfigMutation(
  options: UseMutationOptions<SsoConfig, ApiError, SsoConfigBody> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: saveSsoConfig,
    // The form shows refusals where they belong; no toast repeats them.
    meta: { silentError: true },
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.sso() });
      return options.onSuccess?.(...args);
    },
  });
}
