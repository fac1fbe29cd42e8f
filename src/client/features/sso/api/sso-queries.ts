import { queryOptions } from '@tanstack/react-query';
import type { SsoConfig, SsoTestResult } from '../../../../contract/sso.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const ssoQueries = {
  all: queryKeys.sso,
  /** The organization's SAML settings and the service-provider values to copy into the IdP. */
  config: () =>
    queryOptions({
      queryKey: [...ssoQueries.all(), 'config'] as const,
      queryFn: () => api.get<SsoConfig>('/sso_config'),
    }),
  /** One test connection; asked again every 2 s while the identity provider has not answered. */
  test: (id: string) =>
    queryOptions({
      queryKey: [...ssoQueries.all(), 'test', id] as const,
      queryFn: () => api.get<SsoTestResult>(`/sso_config/test/${encodeURIComponent(id)}`),
      refetchInterval: (query) => (query.state.data?.status === 'pending' ? 2000 : false),
      retry: false,
    }),
};
