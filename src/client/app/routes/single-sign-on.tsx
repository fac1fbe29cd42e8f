import type { LoaderFunctionArgs } from 'react-router';
import { ssoQueries } from '../../features/sso/api/sso-queries.ts';
import { SsoSettingsPage } from '../../features/sso/components/sso-settings-page.tsx';
import { queryClient } from '../query.ts';
import { requireOwner } from '../guards.ts';

export async function singleSignOnLoader({ request }: LoaderFunctionArgs) {
  const user = await requireOwner(request, 'Single sign-on');
  void queryClient.prefetchQuery(ssoQueries.config());
  return user;
}

/** Settings › Single sign-on (SAML): owners only. */
export function SingleSignOnRoute() {
  return <SsoSettingsPage />;
}
