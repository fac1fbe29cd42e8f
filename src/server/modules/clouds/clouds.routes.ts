import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { noContentSchema, result, resultSchema } from '#contract/envelope.ts';
import {
  cloudAccessPageSchema,
  cloudAccessQuerySchema,
  cloudListQuerySchema,
  cloudMemberParamsSchema,
  cloudPageSchema,
  cloudParamsSchema,
  cloudSchema,
  createCloudBodySchema,
  grantCloudAccessBodySchema,
  grantCloudAccessResultSchema,
  transferCloudOwnershipBodySchema,
  updateCloudBodySchema,
  updateCloudGrantBodySchema,
  cloudAccessEntrySchema,
} from '#contract/clouds.ts';
import { auditActor, requirePrincipal } from '../../plugins/auth.ts';
import { cloudAccessRoutes } from './cloud-access.routes.ts';
import * as clouds from './clouds.service.ts';

// `user_id` in these paths and bodies is the `user_id` of GET /organization_collaborators
// (docs/decisions/003-cloud-member-ids.md). Managing a cloud's access is open to
// anyone with the `owner` role on it (organization owners, its explicit owner,
// `owner` grantees): the routes admit members and the service checks the role.
export async function cloudsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/clouds',
    {
      config: { access: 'member' },
      schema: {
        tags: ['clouds'],
        summary: 'List clouds (owners: all; collaborators: the clouds they own or were granted)',
        querystring: cloudListQuerySchema,
        response: { 200: cloudPageSchema },
      },
    },
    async (request) => clouds.listClouds(app.deps, requirePrincipal(request), request.query),
  );

  r.post(
    '/clouds',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['clouds'],
        summary: 'Register a cloud; you become its explicit owner',
        body: createCloudBodySchema,
        response: { 201: resultSchema(cloudSchema) },
      },
    },
    async (request, reply) => {
      const cloud = await clouds.createCloud(
        app.deps,
        requirePrincipal(request),
        auditActor(request),
        request.body,
      );
      return reply.status(201).send(result(cloud));
    },
  );

  r.get(
    '/clouds/:id',
    {
      config: { access: 'member' },
      schema: {
        tags: ['clouds'],
        summary: 'Get one cloud (404 if you have no access to it)',
        params: cloudParamsSchema,
        response: { 200: resultSchema(cloudSchema) },
      },
    },
    async (request) => result(await clouds.getCloud(app.deps, requirePrincipal(request), request.params.id)),
  );

  r.patch(
    '/clouds/:id',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['clouds'],
        summary: 'Rename a cloud',
        params: cloudParamsSchema,
        body: updateCloudBodySchema,
        response: { 200: resultSchema(cloudSchema) },
      },
    },
    async (request) =>
      result(
        await clouds.renameCloud(
          app.deps,
          requirePrincipal(request),
          auditActor(request),
          request.params.id,
          request.body.name,
        ),
      ),
  );

  r.get(
    '/clouds/:id/collaborators',
    {
      config: { access: 'member' },
      schema: {
        tags: ['clouds'],
        summary:
          'Who can use this cloud, with their role and every source (organization owner, cloud owner, grant, group); cloud owners only',
        params: cloudParamsSchema,
        querystring: cloudAccessQuerySchema,
        response: { 200: cloudAccessPageSchema },
      },
    },
    async (request) =>
      clouds.listCloudAccess(app.deps, requirePrincipal(request), request.params.id, request.query),
  );

  r.post(
    '/clouds/:id/collaborators',
    {
      config: { access: 'member' },
      schema: {
        tags: ['clouds'],
        summary:
          'Grant members direct access with a role (default write; a given role changes existing grants); cloud owners only',
        params: cloudParamsSchema,
        body: grantCloudAccessBodySchema,
        response: { 200: grantCloudAccessResultSchema },
      },
    },
    async (request) =>
      clouds.grantCloudAccess(
        app.deps,
        requirePrincipal(request),
        auditActor(request),
        request.params.id,
        request.body.user_ids,
        request.body.role,
      ),
  );

  r.patch(
    '/clouds/:id/collaborators/:user_id',
    {
      config: { access: 'member' },
      schema: {
        tags: ['clouds'],
        summary: "Change the role of a member's direct grant (404 without one); cloud owners only",
        params: cloudMemberParamsSchema,
        body: updateCloudGrantBodySchema,
        response: { 200: resultSchema(cloudAccessEntrySchema) },
      },
    },
    async (request) =>
      result(
        await clouds.updateCloudGrant(
          app.deps,
          requirePrincipal(request),
          auditActor(request),
          request.params.id,
          request.params.user_id,
          request.body.role,
        ),
      ),
  );

  r.delete(
    '/clouds/:id/collaborators/:user_id',
    {
      config: { access: 'member' },
      schema: {
        tags: ['clouds'],
        summary:
          "Remove a member's direct grant (user_id or identity id; organization owners and the cloud owner: 409); group access stays, as the list shows",
        params: cloudMemberParamsSchema,
        response: { 204: noContentSchema },
      },
    },
    async (request, reply) => {
      await clouds.revokeCloudAccess(
        app.deps,
        requirePrincipal(request),
        auditActor(request),
        request.params.id,
        request.params.user_id,
      );
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/clouds/:id/transfer_ownership',
    {
      config: { access: 'member' },
      schema: {
        tags: ['clouds'],
        summary:
          'Make a member the explicit owner, or pass user_id null to return it to the organization owners; cloud owners only',
        params: cloudParamsSchema,
        body: transferCloudOwnershipBodySchema,
        response: { 200: resultSchema(cloudSchema) },
      },
    },
    async (request) =>
      result(
        await clouds.transferCloudOwnership(
          app.deps,
          requirePrincipal(request),
          auditActor(request),
          request.params.id,
          request.body.user_id,
        ),
      ),
  );

  await app.register(cloudAccessRoutes);
}
