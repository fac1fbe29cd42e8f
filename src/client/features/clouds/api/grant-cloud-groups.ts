import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { CloudRole, GrantCloudGroupsResult } from '#contract/clouds.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { groupGrantPath, invalidateAfterGroupGrantChange } from './cloud-queries.ts';

export type GrantCloudGroupsInput = { cloudId: string; groupIds: string[]; role: CloudRole };

export const grantCloudGroups = ({ cloudId, groupIds, role }: GrantCloudGroupsInput) =>
  api.post<GrantCloudGroupsResult>(groupGrantPath(cloudId), { group_ids: groupIds, role });

export function useGrantCloudGroupsMutation(
  options: UseMutationOptions<GrantCloudGroupsResult, ApiError, GrantCloudGroupsInput> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: grantCloudGroups,
    onSuccess: async (...args) => {
      await invalidateAfterGroupGrantChange(queryClient);
      return options.onSuccess?.(...args);
    },
  });
}
