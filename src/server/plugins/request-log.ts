import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/** An `X-Request-Id` from a proxy is kept when it looks like an id; anything else gets a fresh one. */
const acceptableRequestId = /^[A-Za-z0-9._:-]{1,64}$/;

/** Fastify's `genReqId`: the proxy's request id, or a random one. */
export function requestId(request: { headers: Record<string, string | string[] | undefined> }): string {
  const given = request.headers['x-request-id'];
  if (typeof given === 'string' && acceptableRequestId.test(given)) return given;
  return crypto.randomUUID();
}

/**
 * What the log says about one request, once it is answered. The route is the
 * pattern (`/api/v2/organization_collaborators/:id`), never the URL: query
 * strings (invitation and reset tokens, paging tokens) and ids never reach the
 * log this way. Unmatched requests (console pages, 404s) give their path only.
 * The principal is the member's id and, for a script, the API key's id —
 * never a secret.
 */
export function requestLogLine(request: FastifyRequest, reply: FastifyReply) {
  const route = request.routeOptions.url ?? null;
  const principal = request.principal;
  return {
    method: request.method,
    route,
    ...(route === null ? { path: request.url.split('?')[0] } : {}),
    status: reply.statusCode,
    duration_ms: Math.round(reply.elapsedTime * 10) / 10,
    member_id: principal?.memberId ?? null,
    ...(principal?.apiKeyId ? { api_key_id: principal.apiKeyId } : {}),
  };
}

/** One structured line per request (Fastify's own two lines per request are off). */
async function requestLogPlugin(app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  // No logger (tests, the bench) or a silent one: no line to build.
  if (app.log.level === undefined || app.log.level === 'silent') return;
  app.addHook('onResponse', (request, reply, done) => {
    const line = requestLogLine(request, reply);
    if (reply.statusCode >= 500) request.log.warn(line, 'request');
    else request.log.info(line, 'request');
    done();
  });
}

export default fp(requestLogPlugin, { name: 'request-log' });
