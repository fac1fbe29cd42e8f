import { queryOptions } from '@tanstack/react-query';
import type { SsoDiscovery } from '../../../../contract/sso.ts';
import { api } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

/**
 * Which sign-in an address gets (a POST: the address stays out of URLs and
 * logs). Failures answer "no SSO", so the password form always works.
 */
export const ssoDiscoveryQuery = (email: string) =>
  queryOptions({
    queryKey: [...queryKeys.auth(), 'sso-discovery', email] as const,
    queryFn: async () => {
      try {
        return await api.post<SsoDiscovery>('/auth/sso_discovery', { email });
      } catch {
        return { sso: null } satisfies SsoDiscovery;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
