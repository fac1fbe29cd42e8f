import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { Collaborator, CollaboratorPage } from '#contract/members.ts';
import type { PermissionLevel } from '#contract/roles.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { memberQueries } from './member-queries.ts';

export type ChangeRoleInput = { member: Collaborator; permission_level: PermissionLevel };

export const changeRole = ({ member, permission_level }: ChangeRoleInput) =>
  api.patch<Collaborator>(`/organization_collaborators/${encodeURIComponent(member.id)}`, {
    permission_level,
  });

type Snapshot = { previous: [readonly unknown[], unknown][] };

function withRole(page: CollaboratorPage | undefined, id: string, role: PermissionLevel) {
  if (!page) return page;
  return {
    ...page,
    results: page.results.map((row) =>
      row.id === id ? { ...row, permission_level: role, base_role: role } : row,
    ),
  };
}

/** The owners list gains or loses the member, so "last owner" reasoning is right at once. */
function withOwner(page: CollaboratorPage | undefined, member: Collaborator, role: PermissionLevel) {
  if (!page) return page;
  const others = page.results.filter((row) => row.id !== member.id);
  const results =
    role === 'owner' ? [...others, { ...member, permission_level: role, base_role: role }] : others;
  return {
    ...page,
    results,
    metadata: { ...page.metadata, total: page.metadata.total + results.length - page.results.length },
  };
}

/**
 * Optimistic: every cached list shows the new role at once; a refusal puts the
 * snapshot back (the error toast comes from the mutation cache).
 */
export function useChangeRoleMutation(
  options: Pick<
    UseMutationOptions<Collaborator, ApiError, ChangeRoleInput, Snapshot>,
    'onSuccess' | 'onError' | 'onSettled'
  > = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: changeRole,
    onMutate: async ({ member, permission_level }) => {
      await queryClient.cancelQueries({ queryKey: memberQueries.all() });
      const previous = queryClient.getQueriesData({ queryKey: memberQueries.all() });
      queryClient.setQueriesData<CollaboratorPage>({ queryKey: memberQueries.lists() }, (page) =>
        withRole(page, member.id, permission_level),
      );
      queryClient.setQueryData<CollaboratorPage>(memberQueries.owners().queryKey, (page) =>
        withOwner(page, member, permission_level),
      );
      queryClient.setQueryData<Collaborator>(memberQueries.detail(member.id).queryKey, (row) =>
        row ? { ...row, permission_level } : row,
      );
      return { previous };
    },
    onError: (error, variables, snapshot, context) => {
      for (const [key, data] of snapshot?.previous ?? []) queryClient.setQueryData(key, data);
      return options.onError?.(error, variables, snapshot, context);
    },
    onSettled: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: memberQueries.all() });
      return options.onSettled?.(...args);
    },
  });
}
