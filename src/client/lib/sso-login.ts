/** The server's code when a password path is closed because the organization requires SSO. */
export const ssoRequiredCode = 'sso_required';

/**
 * An organization's SP-initiated login (`/api/v2/sso/{org}/login?email=…`),
 * coming back to `next` (a same-site path) afterwards.
 */
export function ssoLoginHref(loginUrl: string, next: string): string {
  const url = new URL(loginUrl, window.location.origin);
  if (next !== '/') url.searchParams.set('next', next);
  return url.origin === window.location.origin ? `${url.pathname}${url.search}` : url.href;
}

/** Sends the browser to the identity provider (a full navigation: it leaves the console). */
export function goToSso(href: string): void {
  window.location.assign(href);
}
