import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { readiness } from './health.service.ts';

const liveSchema = z.object({ status: z.literal('ok') });
const readySchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.string(),
  message: z.string().optional(),
  elapsed_ms: z.number(),
});

/**
 * For load balancers and orchestrators (not under /api: no session, no CSRF).
 * /healthz: the process is up and answering (no database call, so a database
 * outage never gets the process restarted). /readyz: the database answers
 * within READY_TIMEOUT_MS and is migrated; 503 otherwise.
 */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: { tags: ['health'], summary: 'Liveness: the process is up', response: { 200: liveSchema } },
    },
    async (_request, reply) => {
      void reply.header('cache-control', 'no-store');
      return { status: 'ok' as const };
    },
  );

  app.get(
    '/readyz',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Readiness: the database answers within the deadline and is migrated',
        response: { 200: readySchema, 503: readySchema },
      },
    },
    async (_request, reply) => {
      const result = await readiness(app.deps);
      void reply.header('cache-control', 'no-store');
      if (result.ready)
        return reply.status(200).send({ status: 'ok', database: 'ok', elapsed_ms: result.elapsed_ms });
      return reply.status(503).send({
        status: 'unavailable',
        database: result.database,
        message: result.message,
        elapsed_ms: result.elapsed_ms,
      });
    },
  );
}
