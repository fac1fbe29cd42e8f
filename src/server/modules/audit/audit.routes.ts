import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditEventListQuerySchema, auditEventPageSchema } from '../../../contract/audit.ts';
import { requirePrincipal } from '../../plugins/auth.ts';
import * as auditLog from './audit.service.ts';

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/audit_events',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['audit'],
        summary: "Your organization's audit log, newest first",
        description: 'Filter by `actor` (member id) and `action`; page with `count` and `paging_token`.',
        querystring: auditEventListQuerySchema,
        response: { 200: auditEventPageSchema },
      },
    },
    async (request) => auditLog.listAuditEvents(app.deps, requirePrincipal(request), request.query),
  );
}
