import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { AddGroupMembersResult } from '#contract/groups.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { invalidateAfterMembershipChange } from './group-queries.ts';

export type AddGroupMembersInput = { groupId: string; userIds: string[] };

export const addGroupMembers = ({ groupId, userIds }: AddGroupMembersInput) =>
  api.post<AddGroupMembersResult>(`/groups/${encodeURIComponent(groupId)}/members`, { user_ids: userIds });

export function useAddGroupMembersMutation(
  options: UseMutationOptions<AddGroupMembersResult, ApiError, AddGroupMembersInput> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: addGroupMembers,
    onSuccess: async (...args) => {
      await invalidateAfterMembershipChange(queryClient);
      return options.onSuccess?.(...args);
    },
  });
}
