import { data, redirect } from 'react-router';
import type { UserInfo } from '#contract/auth.ts';
import { isApiError } from '../lib/api-client.ts';
import { authQueries } from '../features/auth/api/auth-queries.ts';
import { queryClient } from './query.ts';

/** Loader helper: the signed-in user, or a redirect to setup (first run) or sign-in. */
export async function requireUser(request: Request): Promise<UserInfo> {
  try {
    return await queryClient.fetchQuery(authQueries.userInfo());
  } catch (error) {
    if (!isApiError(error) || error.status !== 401) throw error;
    const status = await queryClient.fetchQuery(authQueries.setupStatus());
    if (status.setup_required) throw redirect('/setup');
    const url = new URL(request.url);
    throw redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  }
}

/** What an owner-only page answers a collaborator: 403 with the page's name, rendered by RouteError. */
export type OwnerOnly = { owner_only: string };

/** Loader helper for owner-only pages: a collaborator is told why, not silently sent elsewhere. */
export async function requireOwner(request: Request, page: string): Promise<UserInfo> {
  const user = await requireUser(request);
  if (user.permission_level !== 'owner')
    throw data({ owner_only: page } satisfies OwnerOnly, { status: 403 });
  return user;
}

/** Only same-site paths may be the target of ?next= (contract/safe-next.ts: the server checks SSO return paths the same way). */
export { safeNext } from '#contract/safe-next.ts';
