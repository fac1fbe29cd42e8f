import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { errorCodes } from '#contract/errors.ts';
import { AppError, forbidden, unauthenticated } from '../lib/errors.ts';
import * as auth from '../modules/auth/auth.service.ts';
import type { Principal } from '../modules/auth/auth.service.ts';

export const sessionCookie = 'roster_session';
/**
 * The platform's SDK sends its API key as this cookie (never Bearer). Roster
 * never sets it; it is accepted only from clients that are not browsers.
 */
export const platformTokenCookie = 'cli_token';

/** Who may call a route. Every /api route declares one; the authorization matrix test reads it. */
/** `scim`: only a SCIM bearer token, checked by the /scim/v2 plugin (modules/scim). */
export type Access = 'public' | 'member' | 'owner' | 'scim';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    access?: Access;
    /**
     * A form another site posts (the SAML ACS): no cookie or key is read and no
     * X-Requested-With is asked for; the route authenticates the post itself.
     */
    crossSiteForm?: boolean;
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw unauthenticated('The Authorization header must be "Bearer <API key>".');
  return match[1];
}

/**
 * Cookie-authenticated writes must prove they come from the console: the custom
 * header cannot be sent cross-site without CORS (which is off), and a present
 * Origin must be our own.
 */
function checkCsrf(app: FastifyInstance, request: FastifyRequest): void {
  if (safeMethods.has(request.method)) return;
  if (request.headers['x-requested-with'] !== 'roster') {
    throw new AppError(403, errorCodes.csrfRejected, 'Missing the X-Requested-With: roster header.');
  }
  const origin = request.headers.origin;
  if (origin === undefined) return;
  // PUBLIC_URL's origin only: Host (and X-Forwarded-Host) are whatever the client says.
  if (origin !== new URL(app.deps.config.publicUrl).origin) {
    throw new AppError(403, errorCodes.csrfRejected, 'This request came from another site.');
  }
}

/**
 * The `cli_token` cookie is a credential a browser would attach on its own, so a
 * request that shows a browser's cross-site signals is refused outright, and a
 * request the console itself makes (same-origin) never authenticates by it: a
 * sibling subdomain that tossed such a cookie must not sign the console in as
 * someone else. Returns whether the cookie may be used.
 */
function platformCookieUsable(app: FastifyInstance, request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') {
    throw new AppError(403, errorCodes.csrfRejected, 'This request came from another site.');
  }
  const origin = request.headers.origin;
  const consoleOrigin = new URL(app.deps.config.publicUrl).origin;
  if (origin !== undefined && origin !== consoleOrigin) {
    throw new AppError(403, errorCodes.csrfRejected, 'This request came from another site.');
  }
  return site === undefined && origin === undefined;
}

export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthenticated();
  return request.principal;
}

async function authPlugin(app: FastifyInstance): Promise<void> {
  app.decorateRequest('principal', null);

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/v2/') && !route.config?.access) {
      throw new Error(`Route ${route.method} ${route.url} declares no access level`);
    }
  });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.url.startsWith('/api/')) return;
    if (request.routeOptions.config?.crossSiteForm) return;
    const deps = app.deps;
    const token = bearerToken(request);
    if (token) {
      request.principal = await auth.resolveApiKey(deps, token, request.ip);
      if (!request.principal) throw unauthenticated('This API key is not valid. It may have been revoked.');
      return;
    }
    const platformToken = request.cookies[platformTokenCookie];
    if (platformToken && platformCookieUsable(app, request)) {
      request.principal = await auth.resolveApiKey(deps, platformToken, request.ip);
      if (!request.principal) throw unauthenticated('This API key is not valid. It may have been revoked.');
      // Not a browser: nothing to forge, so no CSRF header is asked for.
      return;
    }
    const cookie = request.cookies[sessionCookie];
    if (cookie) {
      request.principal = await auth.resolveSession(deps, cookie);
      if (!request.principal) reply.clearCookie(sessionCookie, { path: '/' });
    }
    // Public writes (sign-in, setup, accepting an invitation) are checked too: no login CSRF.
    checkCsrf(app, request);
  });

  app.addHook('preHandler', async (request: FastifyRequest) => {
    const access = request.routeOptions.config.access;
    if (!access || access === 'public' || access === 'scim') return;
    const principal = requirePrincipal(request);
    if (access === 'owner' && principal.role !== 'owner') throw forbidden();
  });
}

export default fp(authPlugin, { name: 'auth' });

/** Who did it, for the audit log. */
export function auditActor(request: FastifyRequest) {
  return {
    memberId: request.principal?.memberId ?? null,
    apiKeyId: request.principal?.apiKeyId ?? null,
    ip: request.ip ?? null,
  };
}

export function setSessionCookie(
  app: FastifyInstance,
  reply: FastifyReply,
  session: { sessionId: string; expiresAt: Date },
): void {
  reply.setCookie(sessionCookie, session.sessionId, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: !/^http:\/\/(localhost|127\.0\.0\.1)(:|$)/.test(app.deps.config.publicUrl),
    expires: session.expiresAt,
  });
}
