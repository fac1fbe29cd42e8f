import { queryOptions } from '@tanstack/react-query';
import type { SetupStatus, UserInfo } from '../../../../contract/auth.ts';
import { api } from '../../../lib/api-client.ts';

export const authQueries = {
  all: () => ['auth'] as const,
  userInfo: () =>
    queryOptions({
      queryKey: [...authQueries.all(), 'userinfo'] as const,
      queryFn: () => api.get<UserInfo>('/userinfo'),
      staleTime: 0,
    }),
  setupStatus: () =>
    queryOptions({
      queryKey: [...authQueries.all(), 'setup-status'] as const,
      queryFn: () => api.get<SetupStatus>('/setup'),
    }),
};
