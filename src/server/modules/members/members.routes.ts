import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { result, resultSchema } from '../../../contract/envelope.ts';
import {
  batchDeleteBodySchema,
  changeRoleBodySchema,
  collaboratorListQuerySchema,
  collaboratorPageSchema,
  collaboratorSchema,
  idParamsSchema,
  offboardingPreviewSchema,
  removalReceiptSchema,
} from '../../../contract/members.ts';
import { auditActor, requirePrincipal, sessionCookie } from '../../plugins/auth.ts';
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

  r.patch(
    '/organization_collaborators/:id',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['members'],
        summary: "Change a member's role (applies on their next request)",
        description:
          'Answers 409 `last_owner` when the change would leave the organization without an owner.',
        params: idParamsSchema,
        body: changeRoleBodySchema,
        response: { 200: resultSchema(collaboratorSchema) },
      },
    },
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
      },
    },
    async (request, reply) => {
      await members.removeMembers(app.deps, requirePrincipal(request), auditActor(request), {
        ids: [request.params.id],
      });
      return reply.status(204).send();
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
}
