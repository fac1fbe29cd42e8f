import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { Cloud, CreateCloudBody } from '#contract/clouds.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { cloudQueries } from './cloud-queries.ts';

export const registerCloud = (body: CreateCloudBody) => api.post<Cloud>('/clouds', body);

export function useRegisterCloudMutation(options: UseMutationOptions<Cloud, ApiError, CreateCloudBody> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: registerCloud,
    // The form shows the error beside the field it concerns.
    meta: { silentError: true },
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: cloudQueries.lists() });
      return options.onSuccess?.(...args);
    },
  });
}
