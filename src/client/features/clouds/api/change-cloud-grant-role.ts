import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { CloudAccessEntry, CloudRole } from '#contract/clouds.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { cloudQueries } from './cloud-queries.ts';

export type ChangeCloudGrantRoleInput = { cloudId: string; userId: string; role: CloudRole };

export const changeCloudGrantRole = ({ cloudId, userId, role }: ChangeCloudGrantRoleInput) =>
  api.patch<CloudAccessEntry>(
    `/clouds/${encodeURIComponent(cloudId)}/collaborators/${encodeURIComponent(userId)}`,
    { role },
  );

/** The role of one person's direct grant; their effective role follows on their next request. */
export function useChangeCloudGrantRoleMutation(
  options: UseMutationOptions<CloudAccessEntry, ApiError, ChangeCloudGrantRoleInput> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: changeCloudGrantRole,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: cloudQueries.all() });
      return options.onSuccess?.(...args);
    },
  });
}
