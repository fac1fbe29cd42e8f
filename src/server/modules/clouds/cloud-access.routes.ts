import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { noContentSchema, result } from '#contract/envelope.ts';
import {
  cloudAccessReportSchema,
  cloudGroupGrantListSchema,
  cloudGroupParamsSchema,
  cloudParamsSchema,
  grantCloudGroupsBodySchema,
  grantCloudGroupsResultSchema,
  memberCloudAccessListSchema,
  platformAddCollaboratorBodySchema,
  platformBatchCollaboratorsBodySchema,
  platformCollaboratorListSchema,
  platformCollaboratorPageSchema,
  platformCollaboratorResultSchema,
  platformCollaboratorSearchBodySchema,
  platformCollaboratorSearchQuerySchema,
  updateCloudGroupGrantBodySchema,
} from '#contract/clouds.ts';
import { wholeList } from '#contract/pagination.ts';
import { idString } from '#contract/text.ts';
import { attachment } from '../../lib/csv.ts';
import { auditActor, requirePrincipal } from '../../plugins/auth.ts';
import * as cloudAccess from './cloud-access.service.ts';

/**
 * Group grants, the access report, a member's access, and the platform's
 * cloud-collaborator paths. Like Manage users, they are open to anyone with the
 * `owner` role on the cloud (the service checks it under the organization lock).
 */
export async function cloudAccessRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/clouds/:id/group_grants',
    {
      config: { access: 'member' },
      schema: {
        tags: ['clouds'],
        summary: 'Groups that can use this cloud, with their role; cloud owners only',
        params: cloudParamsSchema,
        response: { 200: cloudGroupGrantListSchema },
      },
    },
    async (request) => cloudAccess.listGroupGrants(app.deps, requirePrincipal(request), request.params.id),
  );

  r.post(
    '/clouds/:id/group_grants',
    {
      config: { access: 'member' },
      schema: {
        tags: ['clouds'],
        summary:
          'Grant groups this cloud with a role (default write; a given role changes existing grants); cloud owners only',
        params: cloudParamsSchema,
        body: grantCloudGroupsBodySchema,
        response: { 200: grantCloudGroupsResultSchema },
      },
    },
    async (request) =>
      cloudAccess.grantGroups(
        app.deps,
        requirePrincipal(request),
        auditActor(request),
        request.params.id,
        request.body.group_ids,
        request.body.role,
      ),
  );

  r.patch(
    '/clouds/:id/group_grants/:group_id',
    {
      config: { access: 'member' },
      schema: {
        tags: ['clouds'],
        summary: "Change a group's role on this cloud; answers the cloud's group grants; cloud owners only",
        params: cloudGroupParamsSchema,
        body: updateCloudGroupGrantBodySchema,
        response: { 200: cloudGroupGrantListSchema },
      },
    },
    async (request) =>
      cloudAccess.updateGroupGrant(
        app.deps,
        requirePrincipal(request),
        auditActor(request),
        request.params.id,
        request.params.group_id,
        request.body.role,
      ),
  );

  r.delete(
    '/clouds/:id/group_grants/:group_id',
    {
      config: { access: 'member' },
      schema: {
        tags: ['clouds'],
        summary:
          "End a group's access to this cloud (its members keep their other sources); cloud owners only",
        params: cloudGroupParamsSchema,
        response: { 204: noContentSchema },
      },
    },
    async (request, reply) => {
      await cloudAccess.revokeGroupGrant(
        app.deps,
        requirePrincipal(request),
        auditActor(request),
        request.params.id,
        request.params.group_id,
      );
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/clouds/:id/access_report',
    {
      config: { access: 'member' },
      schema: {
        tags: ['clouds'],
        summary:
          'Every person with effective access: role, sources, last workload created on this cloud; cloud owners only',
        params: cloudParamsSchema,
        response: { 200: cloudAccessReportSchema },
      },
    },
    async (request) => cloudAccess.accessReport(app.deps, requirePrincipal(request), request.params.id),
  );

  r.get(
    '/clouds/:id/access_report/export',
    {
      config: { access: 'member' },
      schema: {
        tags: ['clouds'],
        summary:
          "The access report as CSV (cells that start like a formula are prefixed with `'`); cloud owners only",
        params: cloudParamsSchema,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const report = await cloudAccess.accessReportCsv(
        app.deps,
        requirePrincipal(request),
        request.params.id,
      );
      const day = app.deps.config.now().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', attachment(`roster-cloud-access-${report.cloud.name}-${day}.csv`))
        .send(Readable.from(report.rows));
    },
  );

  r.get(
    '/organization_collaborators/:id/cloud_access',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['members'],
        summary:
          'Every cloud a member can use: role, sources, and what removing each source alone would leave',
        params: z.object({ id: idString() }),
        response: { 200: memberCloudAccessListSchema },
      },
    },
    async (request) => cloudAccess.memberCloudAccess(app.deps, requirePrincipal(request), request.params.id),
  );

  // The platform's paths (its Terraform provider's cloud_access resource calls them).

  r.post(
    '/clouds/:id/collaborators/users/search',
    {
      config: { access: 'member' },
      schema: {
        tags: ['clouds'],
        summary:
          "The platform's collaborator search: people with access except organization owners; filter in the body, count and paging_token in the query",
        params: cloudParamsSchema,
        querystring: platformCollaboratorSearchQuerySchema,
        body: platformCollaboratorSearchBodySchema,
        response: { 200: platformCollaboratorPageSchema },
      },
    },
    async (request) =>
      cloudAccess.searchCollaborators(app.deps, requirePrincipal(request), request.params.id, {
        ...request.query,
        name_or_email: request.body?.name_or_email,
      }),
  );

  r.post(
    '/clouds/:id/collaborators/users',
    {
      config: { access: 'member' },
      schema: {
        tags: ['clouds'],
        summary:
          "The platform's add-collaborator: a direct grant by email (409 when they already have permissions for this cloud)",
        params: cloudParamsSchema,
        body: platformAddCollaboratorBodySchema,
        response: { 200: platformCollaboratorResultSchema },
      },
    },
    async (request) => {
      const [added] = await cloudAccess.addCollaboratorsByEmail(
        app.deps,
        requirePrincipal(request),
        auditActor(request),
        request.params.id,
        [request.body],
      );
      return result(added!);
    },
  );

  r.post(
    '/clouds/:id/collaborators/users/batch_create',
    {
      config: { access: 'member' },
      schema: {
        tags: ['clouds'],
        summary:
          "The platform's batch add: direct grants by email, all or nothing (409 when one already has permissions)",
        params: cloudParamsSchema,
        body: platformBatchCollaboratorsBodySchema,
        response: { 200: platformCollaboratorListSchema },
      },
    },
    async (request) =>
      wholeList(
        await cloudAccess.addCollaboratorsByEmail(
          app.deps,
          requirePrincipal(request),
          auditActor(request),
          request.params.id,
          request.body.map((entry) => ({
            email: 'value' in entry ? entry.value.email : entry.email,
            permission_level: entry.permission_level,
          })),
        ),
      ),
  );
}
