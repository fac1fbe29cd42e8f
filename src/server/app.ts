import Fastify, { LogController, type FastifyInstance, type RouteOptions } from 'fastify';
import cookie from '@fastify/cookie';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { developmentFeatures, fastifyTrustProxy } from './config.ts';
import type { AppDeps } from './deps.ts';
import authPlugin from './plugins/auth.ts';
import errorsPlugin, { clientErrorHandler, frameworkErrors } from './plugins/errors.ts';
import { requestLogSerializers } from './lib/log-redaction.ts';
import { responseSerializerCompiler } from './lib/response-serializer.ts';
import requestLogPlugin, { requestId } from './plugins/request-log.ts';
import metricsPlugin from './plugins/metrics.ts';
import openapiPlugin from './plugins/openapi.ts';
import securityHeaders from './plugins/security-headers.ts';
import spaPlugin from './plugins/spa.ts';
import { apiKeysRoutes } from './modules/api-keys/api-keys.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { cloudsRoutes } from './modules/clouds/clouds.routes.ts';
import { credentialsRoutes } from './modules/credentials/credentials.routes.ts';
import { devMailboxRoutes } from './modules/dev-mailbox/dev-mailbox.routes.ts';
import { devRoutes } from './modules/dev/dev.routes.ts';
import { groupsRoutes } from './modules/groups/groups.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { invitationsRoutes } from './modules/invitations/invitations.routes.ts';
import { membersRoutes } from './modules/members/members.routes.ts';
import { serviceAccountsRoutes } from './modules/service-accounts/service-accounts.routes.ts';
import { directoryGroupsRoutes, scimTokensRoutes } from './modules/directory-sync/scim-tokens.routes.ts';
import { scimRoutes } from './modules/scim/scim.routes.ts';
import { setupRoutes } from './modules/setup/setup.routes.ts';
import { ssoRoutes } from './modules/sso/sso.routes.ts';
import { workloadsRoutes } from './modules/workloads/workloads.routes.ts';

export type BuildOptions = {
  /** Serve the built console from this folder (production). */
  staticRoot?: string | null;
  logger?: boolean;
  /** Where the log goes when `logger` is on (default stdout); tests capture it. */
  logStream?: NodeJS.WritableStream;
  /** Sees every route as it is registered (the authorization matrix test lists them this way). */
  onRoute?: (route: RouteOptions) => void;
};

export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger
      ? {
          level: deps.config.logLevel,
          // Never a token of an invitation link (or any tokenised URL) in the request log.
          serializers: requestLogSerializers,
          ...(options.logStream ? { stream: options.logStream } : {}),
        }
      : false,
    // One line per request from plugins/request-log.ts (route pattern, status, duration, principal).
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestId,
    trustProxy: fastifyTrustProxy(deps.config.trustProxy),
    bodyLimit: 256 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors,
    clientErrorHandler,
    // Our own 503 (plugins/errors.ts) answers requests that arrive during shutdown, in the API's shape.
    return503OnClosing: false,
    // A missing Host gets a 400 in the API's shape from plugins/errors.ts instead of Node's empty one.
    http: { requireHostHeader: false },
  });
  app.decorate('deps', deps);
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  // The platform's clients send `Content-Type: application/json` on every request,
  // bodiless ones too (the SDK's DELETE, the Terraform provider's POST …/invalidate
  // with Content-Length: 0). An empty JSON body is no body, not a 400.
  const parseJson = app.getDefaultJsonParser('error', 'ignore');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') return done(null, undefined);
    parseJson(request, String(body), done);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler({ verify: deps.config.env !== 'production' }));

  await app.register(errorsPlugin);
  await app.register(requestLogPlugin);
  const https = deps.config.publicUrl.startsWith('https:');
  await app.register(securityHeaders, {
    // Tokens travel in invitation links; never leak them through Referer.
    referrerPolicy: { policy: 'no-referrer' },
    // Only a console served over https may pin browsers to https (a LAN console on http would lock itself out).
    strictTransportSecurity: https ? { maxAge: 365 * 24 * 60 * 60, includeSubDomains: false } : false,
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        // Only an https console may ask browsers to upgrade; on plain http (a LAN
        // host) the upgrade would break every script and style.
        'upgrade-insecure-requests': https ? [] : null,
      },
    },
  });
  // API answers are personal and often secret (tokens, member lists): no cache may keep them.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
  await app.register(cookie);
  await app.register(openapiPlugin);
  await app.register(authPlugin);
  await app.register(healthRoutes);
  await app.register(metricsPlugin);

  await app.register(
    async (api) => {
      await api.register(setupRoutes);
      await api.register(authRoutes);
      await api.register(apiKeysRoutes);
      await api.register(credentialsRoutes);
      await api.register(membersRoutes);
      await api.register(cloudsRoutes);
      await api.register(groupsRoutes);
      await api.register(workloadsRoutes);
      await api.register(auditRoutes);
      await api.register(invitationsRoutes);
      await api.register(serviceAccountsRoutes);
      await api.register(scimTokensRoutes);
      await api.register(directoryGroupsRoutes);
      await api.register(ssoRoutes);
      if (developmentFeatures(deps.config)) {
        await api.register(devMailboxRoutes);
        await api.register(devRoutes);
      }
    },
    { prefix: '/api/v2' },
  );

  // Identity providers (SCIM 2.0): its own authentication (SCIM tokens only) and error shape.
  await app.register(scimRoutes, { prefix: '/scim/v2' });

  await app.register(spaPlugin, { root: options.staticRoot ?? null });
  return app;
}
