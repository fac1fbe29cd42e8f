import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { Group } from '#contract/groups.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { groupQueries } from './group-queries.ts';

export type RenameGroupInput = { id: string; name: string };

export const renameGroup = ({ id, name }: RenameGroupInput) =>
  api.patch<Group>(`/groups/${encodeURIComponent(id)}`, { name });

export function useRenameGroupMutation(options: UseMutationOptions<Group, ApiError, RenameGroupInput> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: renameGroup,
    meta: { silentError: true },
    onSuccess: async (...args) => {
      // The list and the group's page show the name; so do clouds' access lists ("via group …").
      await queryClient.invalidateQueries({ queryKey: groupQueries.all() });
      return options.onSuccess?.(...args);
    },
  });
}
