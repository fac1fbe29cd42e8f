import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { CloudGroupGrant, CloudRole } from '#contract/clouds.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { groupGrantPath, invalidateAfterGroupGrantChange } from './cloud-queries.ts';

export type ChangeGroupGrantRoleInput = { cloudId: string; groupId: string; role: CloudRole };

export const changeGroupGrantRole = ({ cloudId, groupId, role }: ChangeGroupGrantRoleInput) =>
  api.patch<CloudGroupGrant>(groupGrantPath(cloudId, groupId), { role });

export function useChangeGroupGrantRoleMutation(
  options: UseMutationOptions<CloudGroupGrant, ApiError, ChangeGroupGrantRoleInput> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: changeGroupGrantRole,
    onSuccess: async (...args) => {
      await invalidateAfterGroupGrantChange(queryClient);
      return options.onSuccess?.(...args);
    },
  });
}
