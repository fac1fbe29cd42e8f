import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { CreateGroupBody, Group } from '#contract/groups.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { groupQueries } from './group-queries.ts';

export const createGroup = (body: CreateGroupBody) => api.post<Group>('/groups', body);

export function useCreateGroupMutation(options: UseMutationOptions<Group, ApiError, CreateGroupBody> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: createGroup,
    // The form shows the error beside the name field.
    meta: { silentError: true },
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: groupQueries.lists() });
      return options.onSuccess?.(...args);
    },
  });
}
