import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditEventFiltersSchema, auditEventListQuerySchema, auditEventPageSchema } from '#contract/audit.ts';
import { attachment } from '../../lib/csv.ts';
import { auditActor, requirePrincipal } from '../../plugins/auth.ts';
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
        description:
          'Filter by `actor` (member id), `action`, `target` (id of what the event is about) and a date ' +
          'range (`from` inclusive, `to` exclusive; ISO 8601 dates or date-times); page with `count` and ' +
          '`paging_token`. `metadata.total` is exact up to 1,000; beyond it is 1000 with `total_capped: true`.',
        querystring: auditEventListQuerySchema,
        response: { 200: auditEventPageSchema },
      },
    },
    async (request) => auditLog.listAuditEvents(app.deps, requirePrincipal(request), request.query),
  );

  r.get(
    '/audit_events/export',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['audit'],
        summary: 'Download the audit log as CSV',
        description:
          'The same filters as the list, every matching event, newest first, streamed. The export is itself ' +
          'recorded in the audit log.',
        querystring: auditEventFiltersSchema,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const rows = await auditLog.exportAuditEvents(
        app.deps,
        requirePrincipal(request),
        auditActor(request),
        request.query,
      );
      const day = app.deps.config.now().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', attachment(`roster-audit-log-${day}.csv`))
        .header('cache-control', 'no-store')
        .send(Readable.from(rows));
    },
  );
}
