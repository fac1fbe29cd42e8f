import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { result, resultSchema } from '#contract/envelope.ts';
import { z } from 'zod';
import { setupBodySchema, setupStatusSchema } from '#contract/auth.ts';
import { notFound } from '../../lib/errors.ts';
import { setSessionCookie } from '../../plugins/auth.ts';
import * as setup from './setup.service.ts';

export async function setupRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/setup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['setup'],
        summary: 'Whether first-run setup is still open',
        response: { 200: resultSchema(setupStatusSchema) },
      },
    },
    async () => result({ setup_required: await setup.setupRequired(app.deps) }),
  );

  r.post(
    '/setup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['setup'],
        summary: 'Create the organization and its first owner (first run only)',
        body: setupBodySchema,
        response: { 201: resultSchema(z.object({ ok: z.literal(true) })) },
      },
    },
    async (request, reply) => {
      if (!(await setup.setupRequired(app.deps))) throw notFound('Setup');
      const session = await setup.runSetup(app.deps, request.body, request.ip, request.headers['user-agent']);
      setSessionCookie(app, reply, session);
      return reply.status(201).send(result({ ok: true as const }));
    },
  );
}
