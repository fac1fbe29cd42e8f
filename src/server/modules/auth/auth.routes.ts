import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { result, resultSchema, noContentSchema } from '#contract/envelope.ts';
import { loginBodySchema, userInfoSchema } from '#contract/auth.ts';
import { requirePrincipal, sessionCookie, setSessionCookie } from '../../plugins/auth.ts';
import { badRequest } from '../../lib/errors.ts';
import * as auth from './auth.service.ts';

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/sessions',
    {
      config: { access: 'public' },
      schema: {
        tags: ['sessions'],
        summary: 'Sign in with email and password',
        body: loginBodySchema,
        response: { 200: resultSchema(userInfoSchema) },
      },
    },
    async (request, reply) => {
      const session = await auth.login(app.deps, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
      setSessionCookie(app, reply, session);
      const principal = await auth.resolveSession(app.deps, session.sessionId);
      return result(auth.toUserInfo(principal!));
    },
  );

  r.delete(
    '/sessions/current',
    {
      config: { access: 'member' },
      schema: {
        tags: ['sessions'],
        summary: 'Sign out of this browser session',
        response: { 204: noContentSchema },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      if (!principal.sessionIdHash) {
        throw badRequest('not_a_session', 'API keys have no session to end. Revoke the key instead.');
      }
      await auth.logout(app.deps, principal.sessionIdHash);
      reply.clearCookie(sessionCookie, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/userinfo',
    {
      config: { access: 'member' },
      schema: {
        tags: ['sessions'],
        summary: 'The signed-in member, their role and organization',
        response: { 200: resultSchema(userInfoSchema) },
      },
    },
    async (request) => result(auth.toUserInfo(requirePrincipal(request))),
  );
}
