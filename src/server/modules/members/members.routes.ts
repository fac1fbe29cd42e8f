import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  collaboratorListQuerySchema,
  collaboratorPageSchema,
  collaboratorSchema,
  idParamsSchema,
} from '../../../contract/members.ts';
import { requirePrincipal } from '../../plugins/auth.ts';
import * as members from './members.service.ts';

export async function membersRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/organization_collaborators',
    {
      config: { access: 'member' },
      schema: {
        tags: ['members'],
        summary: 'List the members of your organization',
        querystring: collaboratorListQuerySchema,
        response: { 200: collaboratorPageSchema },
      },
    },
    async (request) => members.listCollaborators(app.deps, requirePrincipal(request), request.query),
  );

  r.get(
    '/organization_collaborators/:id',
    {
      config: { access: 'member' },
      schema: {
        tags: ['members'],
        summary: 'Get one member',
        params: idParamsSchema,
        response: { 200: collaboratorSchema },
      },
    },
    async (request) => members.getCollaborator(app.deps, requirePrincipal(request), request.params.id),
  );
}
