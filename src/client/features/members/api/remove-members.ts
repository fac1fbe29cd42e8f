import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { BatchDeleteBody, RemovalReceipt } from '#contract/members.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { memberQueries } from './member-queries.ts';
import { offboardingQueries } from './offboarding-queries.ts';

export const removeMembers = (body: BatchDeleteBody) =>
  api.post<RemovalReceipt>('/organization_collaborators/batch_delete', body);

/** All or nothing on the server; the dialog shows refusals inline, so errors are silent here. */
export function useRemoveMembersMutation(
  options: UseMutationOptions<RemovalReceipt, ApiError, BatchDeleteBody> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: removeMembers,
    meta: { silentError: true },
    onSuccess: async (...args) => {
      // Lists, owners and details change. Previews of the removed would now 404: drop them instead
      // of refetching (they refetch anyway whenever a dialog opens).
      const previews = offboardingQueries.previews();
      const isPreview = (key: readonly unknown[]) => previews.every((part, index) => key[index] === part);
      await queryClient.invalidateQueries({
        queryKey: memberQueries.all(),
        predicate: (query) => !isPreview(query.queryKey),
      });
      return options.onSuccess?.(...args);
    },
  });
}
