import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { noContentSchema, result, resultSchema } from '#contract/envelope.ts';
import {
  addGroupMembersBodySchema,
  addGroupMembersResultSchema,
  createGroupBodySchema,
  groupDeletionSchema,
  groupDetailSchema,
  groupListQuerySchema,
  groupMemberListQuerySchema,
  groupMemberPageSchema,
  groupMemberParamsSchema,
  groupPageSchema,
  groupParamsSchema,
  updateGroupBodySchema,
} from '#contract/groups.ts';
import { auditActor, requirePrincipal } from '../../plugins/auth.ts';
import * as groups from './groups.service.ts';

// Every member reads groups (a cloud's owner picks groups to grant it to);
// owners change them. SCIM groups answer 409 `group_read_only` to changes.
export async function groupsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/groups',
    {
      config: { access: 'member' },
      schema: {
        tags: ['groups'],
        summary: 'List groups by name (filter by name, source, or a member’s user_id)',
        querystring: groupListQuerySchema,
        response: { 200: groupPageSchema },
      },
    },
    async (request) => groups.listGroups(app.deps, requirePrincipal(request), request.query),
  );

  r.post(
    '/groups',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['groups'],
        summary: 'Create a manual group, optionally with members (409 group_name_taken)',
        body: createGroupBodySchema,
        response: { 201: resultSchema(groupDetailSchema) },
      },
    },
    async (request, reply) => {
      const group = await groups.createGroup(
        app.deps,
        requirePrincipal(request),
        auditActor(request),
        request.body,
      );
      return reply.status(201).send(result(group));
    },
  );

  r.get(
    '/groups/:id',
    {
      config: { access: 'member' },
      schema: {
        tags: ['groups'],
        summary: 'One group with the clouds it can use',
        params: groupParamsSchema,
        response: { 200: resultSchema(groupDetailSchema) },
      },
    },
    async (request) => result(await groups.getGroup(app.deps, requirePrincipal(request), request.params.id)),
  );

  r.patch(
    '/groups/:id',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['groups'],
        summary: 'Rename a manual group (409 group_name_taken, group_read_only)',
        params: groupParamsSchema,
        body: updateGroupBodySchema,
        response: { 200: resultSchema(groupDetailSchema) },
      },
    },
    async (request) =>
      result(
        await groups.renameGroup(
          app.deps,
          requirePrincipal(request),
          auditActor(request),
          request.params.id,
          request.body.name,
        ),
      ),
  );

  r.get(
    '/groups/:id/deletion_preview',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['groups'],
        summary: 'The cloud access deleting this group would end (409 group_read_only)',
        params: groupParamsSchema,
        response: { 200: resultSchema(groupDeletionSchema) },
      },
    },
    async (request) =>
      result(await groups.deletionPreview(app.deps, requirePrincipal(request), request.params.id)),
  );

  r.delete(
    '/groups/:id',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['groups'],
        summary: 'Delete a manual group; answers the cloud access that ended (409 group_read_only)',
        params: groupParamsSchema,
        response: { 200: resultSchema(groupDeletionSchema) },
      },
    },
    async (request) =>
      result(
        await groups.deleteGroup(app.deps, requirePrincipal(request), auditActor(request), request.params.id),
      ),
  );

  r.get(
    '/groups/:id/members',
    {
      config: { access: 'member' },
      schema: {
        tags: ['groups'],
        summary: 'Members of a group, by name',
        params: groupParamsSchema,
        querystring: groupMemberListQuerySchema,
        response: { 200: groupMemberPageSchema },
      },
    },
    async (request) =>
      groups.listGroupMembers(app.deps, requirePrincipal(request), request.params.id, request.query),
  );

  r.post(
    '/groups/:id/members',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['groups'],
        summary: 'Add members to a manual group (idempotent; 409 group_read_only)',
        params: groupParamsSchema,
        body: addGroupMembersBodySchema,
        response: { 200: addGroupMembersResultSchema },
      },
    },
    async (request) =>
      groups.addGroupMembers(
        app.deps,
        requirePrincipal(request),
        auditActor(request),
        request.params.id,
        request.body.user_ids,
      ),
  );

  r.delete(
    '/groups/:id/members/:user_id',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['groups'],
        summary: 'Remove a member from a manual group (409 group_read_only)',
        params: groupMemberParamsSchema,
        response: { 204: noContentSchema },
      },
    },
    async (request, reply) => {
      await groups.removeGroupMember(
        app.deps,
        requirePrincipal(request),
        auditActor(request),
        request.params.id,
        request.params.user_id,
      );
      return reply.status(204).send(null);
    },
  );
}
