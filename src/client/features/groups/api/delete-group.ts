import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { groupQueries } from './group-queries.ts';

export const deleteGroup = (id: string) => api.delete(`/groups/${encodeURIComponent(id)}`);

export function useDeleteGroupMutation(options: UseMutationOptions<void, ApiError, string> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: deleteGroup,
    onSuccess: async (...args) => {
      queryClient.removeQueries({ queryKey: groupQueries.detail(args[1]).queryKey });
      // The access the group gave ends: clouds' access lists and members' pages change too.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: groupQueries.lists() }),
        queryClient.invalidateQueries({ queryKey: queryKeys.clouds() }),
        queryClient.invalidateQueries({ queryKey: queryKeys.members() }),
      ]);
      return options.onSuccess?.(...args);
    },
  });
}
