import { queryOptions } from '@tanstack/react-query';
import type { SetupStatus, UserInfo } from '#contract/auth.ts';
import type { PasswordResetPreview } from '#contract/credentials.ts';
import type { CollaboratorPage } from '#contract/members.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const authQueries = {
  all: queryKeys.auth,
  userInfo: () =>
    queryOptions({
      queryKey: [...authQueries.all(), 'userinfo'] as const,
      queryFn: () => api.get<UserInfo>('/userinfo'),
      staleTime: 0,
    }),
  /** How many owners the organization has: the last one may not leave. */
  ownerCount: () =>
    queryOptions({
      queryKey: [...authQueries.all(), 'owner-count'] as const,
      queryFn: async () =>
        (
          await api.get<CollaboratorPage>('/organization_collaborators', {
            permission_level: 'owner',
            count: 1,
          })
        ).metadata.total,
      staleTime: 0,
    }),
  setupStatus: () =>
    queryOptions({
      queryKey: [...authQueries.all(), 'setup-status'] as const,
      queryFn: () => api.get<SetupStatus>('/setup'),
    }),
  /** Whom a reset link is for and until when. A POST (the token stays out of URLs and logs) that does not use it. */
  passwordResetPreview: (token: string) =>
    queryOptions({
      queryKey: [...authQueries.all(), 'password-reset', token] as const,
      queryFn: () => api.post<PasswordResetPreview>('/password_reset_completions/preview', { token }),
      retry: false,
      staleTime: Infinity,
      gcTime: 0,
    }),
};
