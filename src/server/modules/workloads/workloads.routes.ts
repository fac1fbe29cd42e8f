import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { result, resultSchema } from '#contract/envelope.ts';
import {
  createWorkloadBodySchema,
  duplicateWorkloadBodySchema,
  workloadListQuerySchema,
  workloadPageSchema,
  workloadParamsSchema,
  workloadSchema,
} from '#contract/workloads.ts';
import { auditActor, requirePrincipal } from '../../plugins/auth.ts';
import * as workloads from './workloads.service.ts';

export async function workloadsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/workloads',
    {
      config: { access: 'member' },
      schema: {
        tags: ['workloads'],
        summary: 'List workloads on the clouds you can use, newest first',
        querystring: workloadListQuerySchema,
        response: { 200: workloadPageSchema },
      },
    },
    async (request) => workloads.listWorkloads(app.deps, requirePrincipal(request), request.query),
  );

  r.post(
    '/workloads',
    {
      config: { access: 'member' },
      schema: {
        tags: ['workloads'],
        summary: 'Record a workload (a workspace by default) on a cloud you can use; no compute is launched',
        body: createWorkloadBodySchema,
        response: { 201: resultSchema(workloadSchema) },
      },
    },
    async (request, reply) => {
      const created = await workloads.createWorkload(
        app.deps,
        requirePrincipal(request),
        auditActor(request),
        request.body,
      );
      return reply.status(201).send(result(created));
    },
  );

  r.post(
    '/workloads/:id/terminate',
    {
      config: { access: 'member' },
      schema: {
        tags: ['workloads'],
        summary: 'Terminate a workload (its creator or an organization owner); 409 if already terminated',
        params: workloadParamsSchema,
        response: { 200: resultSchema(workloadSchema) },
      },
    },
    async (request) =>
      result(
        await workloads.terminateWorkload(
          app.deps,
          requirePrincipal(request),
          auditActor(request),
          request.params.id,
        ),
      ),
  );

  r.post(
    '/workloads/:id/duplicate',
    {
      config: { access: 'member' },
      schema: {
        tags: ['workloads'],
        summary: 'Duplicate a workload as a workspace that you own',
        params: workloadParamsSchema,
        body: duplicateWorkloadBodySchema.nullish(),
        response: { 201: resultSchema(workloadSchema) },
      },
    },
    async (request, reply) => {
      const created = await workloads.duplicateWorkload(
        app.deps,
        requirePrincipal(request),
        auditActor(request),
        request.params.id,
        request.body?.name,
      );
      return reply.status(201).send(result(created));
    },
  );
}
