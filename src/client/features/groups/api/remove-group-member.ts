import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { invalidateAfterMembershipChange } from './group-queries.ts';

export type RemoveGroupMemberInput = { groupId: string; userId: string };

export const removeGroupMember = ({ groupId, userId }: RemoveGroupMemberInput) =>
  api.delete(`/groups/${encodeURIComponent(groupId)}/members/${encodeURIComponent(userId)}`);

export function useRemoveGroupMemberMutation(
  options: UseMutationOptions<void, ApiError, RemoveGroupMemberInput> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: removeGroupMember,
    onSuccess: async (...args) => {
      await invalidateAfterMembershipChange(queryClient);
      return options.onSuccess?.(...args);
    },
  });
}
