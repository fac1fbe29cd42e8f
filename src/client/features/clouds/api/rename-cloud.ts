import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { Cloud } from '#contract/clouds.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { cloudQueries } from './cloud-queries.ts';

export type RenameCloudInput = { id: string; name: string };

export const renameCloud = ({ id, name }: RenameCloudInput) =>
  api.patch<Cloud>(`/clouds/${encodeURIComponent(id)}`, { name });

export function useRenameCloudMutation(options: UseMutationOptions<Cloud, ApiError, RenameCloudInput> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: renameCloud,
    meta: { silentError: true },
    onSuccess: async (...args) => {
      queryClient.setQueryData(cloudQueries.detail(args[0].id).queryKey, args[0]);
      await queryClient.invalidateQueries({ queryKey: cloudQueries.lists() });
      return options.onSuccess?.(...args);
    },
  });
}
