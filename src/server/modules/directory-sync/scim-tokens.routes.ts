import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { result, resultSchema, noContentSchema } from '#contract/envelope.ts';
import { idParamsSchema } from '#contract/members.ts';
import { wholeList } from '#contract/pagination.ts';
import {
  createScimTokenBodySchema,
  createdScimTokenSchema,
  directoryGroupListSchema,
  scimTokenListSchema,
} from '#contract/scim-tokens.ts';
import { auditActor, requirePrincipal } from '../../plugins/auth.ts';
import * as scimTokens from './scim-tokens.service.ts';

export async function scimTokensRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/scim_tokens',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['directory sync'],
        summary: "The organization's live SCIM tokens and the SCIM endpoint URL",
        response: { 200: scimTokenListSchema },
      },
    },
    async (request) => ({
      ...wholeList(await scimTokens.listScimTokens(app.deps, requirePrincipal(request))),
      endpoint: scimTokens.scimEndpoint(app.deps),
    }),
  );

  r.post(
    '/scim_tokens',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['directory sync'],
        summary:
          'Create a SCIM bearer token for the identity provider, from a signed-in session (the token is shown only in this response)',
        body: createScimTokenBodySchema,
        response: { 201: resultSchema(createdScimTokenSchema) },
      },
    },
    async (request, reply) => {
      const created = await scimTokens.createScimToken(
        app.deps,
        requirePrincipal(request),
        auditActor(request),
        request.body,
      );
      return reply.status(201).send(result(created));
    },
  );

  r.delete(
    '/scim_tokens/:id',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['directory sync'],
        summary: 'Revoke a SCIM token (the identity provider gets 401 from its next request)',
        params: idParamsSchema,
        response: { 204: noContentSchema },
      },
    },
    async (request, reply) => {
      await scimTokens.revokeScimToken(
        app.deps,
        requirePrincipal(request),
        auditActor(request),
        request.params.id,
      );
      return reply.status(204).send(null);
    },
  );
}

export async function directoryGroupsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/organization_collaborators/:id/directory_groups',
    {
      config: { access: 'member' },
      schema: {
        tags: ['directory sync'],
        summary: "The identity provider's groups this member is in (read-only: the directory manages them)",
        params: idParamsSchema,
        response: { 200: directoryGroupListSchema },
      },
    },
    async (request) =>
      wholeList(
        await scimTokens.memberDirectoryGroups(app.deps, requirePrincipal(request), request.params.id),
      ),
  );
}
