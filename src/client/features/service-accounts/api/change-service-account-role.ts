import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { Collaborator } from '#contract/members.ts';
import type { PermissionLevel } from '#contract/roles.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

type Input = { id: string; role: PermissionLevel };

export const changeServiceAccountRole = ({ id, role }: Input) =>
  api.patch<Collaborator>(`/organization_collaborators/${encodeURIComponent(id)}`, {
    permission_level: role,
  });

export function useChangeServiceAccountRoleMutation(
  options: UseMutationOptions<Collaborator, ApiError, Input> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: changeServiceAccountRole,
    onSuccess: async (...args) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.serviceAccounts() }),
        queryClient.invalidateQueries({ queryKey: queryKeys.members() }),
      ]);
      return options.onSuccess?.(...args);
    },
  });
}
