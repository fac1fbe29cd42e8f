import { useMutation, useQueryClient, type UseMutationOptions } from '@tanstack/react-query';
import type { Session } from '#contract/credentials.ts';
import { api, type ApiError } from '../../../lib/api-client.ts';
import { securityQueries } from './security-queries.ts';

export const signOutSession = (session: Pick<Session, 'id'>) =>
  api.delete(`/sessions/${encodeURIComponent(session.id)}`);

export function useSignOutSessionMutation(options: UseMutationOptions<void, ApiError, Session> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: signOutSession,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: securityQueries.all() });
      return options.onSuccess?.(...args);
    },
  });
}
