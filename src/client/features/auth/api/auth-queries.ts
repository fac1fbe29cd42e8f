import { queryOptions } from '@tanstack/react-query';
import type { SetupStatus, UserInfo } from '../../../../contract/auth.ts';
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
  setupStatus: () =>
    queryOptions({
      queryKey: [...authQueries.all(), 'setup-status'] as const,
      queryFn: () => api.get<SetupStatus>('/setup'),
    }),
};
