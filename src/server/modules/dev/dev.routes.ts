import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { result, resultSchema } from '#contract/envelope.ts';
import { userInfoSchema } from '#contract/auth.ts';
import { devAccountsSchema, devSignInAsBodySchema } from '#contract/dev.ts';
import { developmentFeatures } from '../../config.ts';
import { setSessionCookie } from '../../plugins/auth.ts';
import * as auth from '../auth/auth.service.ts';
import * as dev from './dev.service.ts';

/**
 * Development only: "sign in as" anyone, so a reviewer sees the console as an
 * owner or a collaborator in one click. app.ts registers these routes only when
 * NODE_ENV=development on a loopback HOST; they refuse to exist anywhere else.
 */
export async function devRoutes(app: FastifyInstance): Promise<void> {
  if (!developmentFeatures(app.deps.config)) {
    throw new Error(
      'The development sign-in routes exist only when NODE_ENV=development on a loopback HOST.',
    );
  }
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/dev/accounts',
    {
      config: { access: 'public' },
      schema: {
        tags: ['development'],
        summary: 'Accounts to sign in as, per organization (development only)',
        response: { 200: resultSchema(devAccountsSchema) },
      },
    },
    async () => result(await dev.listAccounts(app.deps)),
  );

  r.post(
    '/dev/sign_in_as',
    {
      config: { access: 'public' },
      schema: {
        tags: ['development'],
        summary: 'Sign in as a member without a password (development only)',
        body: devSignInAsBodySchema,
        response: { 200: resultSchema(userInfoSchema) },
      },
    },
    async (request, reply) => {
      const session = await dev.signInAs(app.deps, request.body.member_id);
      // Whoever was signed in in this browser before is signed out.
      if (request.principal?.sessionIdHash) await auth.logout(app.deps, request.principal.sessionIdHash);
      setSessionCookie(app, reply, session);
      const principal = await auth.resolveSession(app.deps, session.sessionId);
      return result(auth.toUserInfo(principal!));
    },
  );
}
