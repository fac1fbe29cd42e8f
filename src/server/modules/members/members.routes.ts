import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { result, resultSchema, noContentSchema } from '#contract/envelope.ts';
import {
  batchDeleteBodySchema,
  changeRoleBodySchema,
  collaboratorExportQuerySchema,
  collaboratorListQuerySchema,
  collaboratorPageSchema,
  collaboratorSchema,
  idParamsSchema,
  memberProfileSchema,
  offboardingPreviewSchema,
  removalReceiptSchema,
  setRolesBodySchema,
} from '#contract/members.ts';
import { auditActor, requirePrincipal, sessionCookie } from '../../plugins/auth.ts';
import { attachment } from '../../lib/csv.ts';
import * as memberPage from './member-profile.service.ts';
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
        response: { 200: resultSchema(collaboratorSchema) },
      },
    },
    async (request) =>
      result(await members.getCollaborator(app.deps, requirePrincipal(request), request.params.id)),
  );

  const changeRoleRoute = (summary: string) => ({
    config: { access: 'owner' as const },
    schema: {
      tags: ['members'],
      summary,
      description: 'Answers 409 `last_owner` when the change would leave the organization without an owner.',
      params: idParamsSchema,
      body: changeRoleBodySchema,
      response: { 200: resultSchema(collaboratorSchema) },
    },
  });
  r.patch(
    '/organization_collaborators/:id',
    changeRoleRoute("Change a member's role (applies on their next request)"),
    async (request) =>
      result(
        await members.changeRole(
          app.deps,
          requirePrincipal(request),
          auditActor(request),
          request.params.id,
          request.body.permission_level,
        ),
      ),
  );

  // The platform's own verb for the same change (the Terraform provider sends it).
  r.put(
    '/organization_collaborators/:id',
    changeRoleRoute("Change a member's role, the platform's way (same as PATCH)"),
    async (request) =>
      result(
        await members.changeRole(
          app.deps,
          requirePrincipal(request),
          auditActor(request),
          request.params.id,
          request.body.permission_level,
        ),
      ),
  );

  r.put(
    '/organization_collaborators/:id/roles',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['members'],
        summary: "Set a member's organization roles, the platform's way (by user id or identity id)",
        description:
          '`base_role` is the role; Roster has no additional roles, so `additional_roles` must be empty. ' +
          'Answers 204, or 409 `last_owner` like PATCH.',
        params: idParamsSchema,
        body: setRolesBodySchema,
        response: { 204: noContentSchema },
      },
    },
    async (request, reply) => {
      await members.setRoles(
        app.deps,
        requirePrincipal(request),
        auditActor(request),
        request.params.id,
        request.body,
      );
      return reply.status(204).send(null);
    },
  );

  r.delete(
    '/organization_collaborators/:id',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['members'],
        summary: 'Remove a member from the organization',
        description:
          'Ends their sessions and API keys, removes their cloud grants, and returns the clouds they own to ' +
          'the organization owners. Owners must be downgraded first (409 `owner_must_be_downgraded`).',
        params: idParamsSchema,
        response: { 204: noContentSchema },
      },
    },
    async (request, reply) => {
      await members.removeMembers(app.deps, requirePrincipal(request), auditActor(request), {
        ids: [request.params.id],
      });
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/organization_collaborators/batch_delete',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['members'],
        summary: 'Remove several members at once, all or nothing',
        description:
          'Owners among `ids` answer 409 `owner_must_be_downgraded` unless `downgrade_owners` is true: then they ' +
          'are made collaborators and removed in the same transaction (you cannot remove yourself; use leave). ' +
          '`cloud_transfers` chooses, per cloud owned by someone being removed, the member (`user_id`) who ' +
          'becomes its explicit owner, or `null` for the organization owners (the default).',
        body: batchDeleteBodySchema,
        response: { 200: resultSchema(removalReceiptSchema) },
      },
    },
    async (request) =>
      result(
        await members.removeMembers(app.deps, requirePrincipal(request), auditActor(request), {
          ids: request.body.ids,
          cloudTransfers: request.body.cloud_transfers,
          downgradeOwners: request.body.downgrade_owners,
        }),
      ),
  );

  r.post(
    '/organization_collaborators/leave',
    {
      config: { access: 'member' },
      schema: {
        tags: ['members'],
        summary: 'Leave the organization yourself',
        description:
          'The same removal an owner makes: your sessions and API keys end, your cloud grants go, the ' +
          'invitations you sent are revoked and your clouds return to the organization owners. The last owner ' +
          'cannot leave (409 `last_owner`).',
        response: { 200: resultSchema(removalReceiptSchema) },
      },
    },
    async (request, reply) => {
      const receipt = await members.leaveOrganization(
        app.deps,
        requirePrincipal(request),
        auditActor(request),
      );
      reply.clearCookie(sessionCookie, { path: '/' });
      return result(receipt);
    },
  );

  r.get(
    '/organization_collaborators/:id/offboarding_preview',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['members'],
        summary: 'What removing this member would affect',
        params: idParamsSchema,
        response: { 200: resultSchema(offboardingPreviewSchema) },
      },
    },
    async (request) =>
      result(await members.offboardingPreview(app.deps, requirePrincipal(request), request.params.id)),
  );

  r.get(
    '/organization_collaborators/export',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['members'],
        summary: 'Download the member list as CSV',
        description:
          "Every member matching the list's filters (`q`, `email`, `permission_level`, `source`, `sso`, …), in `sort` order, streamed (any size). " +
          "Cells that start like a spreadsheet formula are prefixed with `'`. The export is audited.",
        querystring: collaboratorExportQuerySchema,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const rows = await memberPage.exportMembers(
        app.deps,
        requirePrincipal(request),
        auditActor(request),
        request.query,
      );
      const day = app.deps.config.now().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', attachment(`roster-members-${day}.csv`))
        .header('cache-control', 'no-store')
        .send(Readable.from(rows));
    },
  );

  r.get(
    '/organization_collaborators/:id/profile',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['members'],
        summary: "One member's page: how they joined, their clouds and API keys",
        description:
          'Their workloads: `GET /workloads?creator=`; their audit trail: `GET /audit_events?actor=`.',
        params: idParamsSchema,
        response: { 200: resultSchema(memberProfileSchema) },
      },
    },
    async (request) =>
      result(await memberPage.memberProfile(app.deps, requirePrincipal(request), request.params.id)),
  );
}
