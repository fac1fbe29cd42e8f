import { queryOptions } from '@tanstack/react-query';
import type { ApiKeyList } from '#contract/api-keys.ts';
import type { CollaboratorPage } from '#contract/members.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const serviceAccountQueries = {
  all: queryKeys.serviceAccounts,
  list: () =>
    queryOptions({
      queryKey: [...serviceAccountQueries.all(), 'list'] as const,
      queryFn: () =>
        api.get<CollaboratorPage>(
          '/organization_collaborators?collaborator_type=only_service_accounts&count=100',
        ),
    }),
  keys: (userId: string) =>
    queryOptions({
      queryKey: [...serviceAccountQueries.all(), 'keys', userId] as const,
      queryFn: async () =>
        (await api.get<ApiKeyList>(`/users/service_accounts/${encodeURIComponent(userId)}/api_keys`)).results,
    }),
};
