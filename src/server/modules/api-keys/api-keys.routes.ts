import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { result, resultSchema, noContentSchema } from '#contract/envelope.ts';
import { apiKeyListSchema, createApiKeyBodySchema, createdApiKeySchema } from '#contract/api-keys.ts';
import { idParamsSchema } from '#contract/members.ts';
import { wholeList } from '#contract/pagination.ts';
import { auditActor, requirePrincipal } from '../../plugins/auth.ts';
import * as apiKeys from './api-keys.service.ts';

export async function apiKeysRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api_keys',
    {
      config: { access: 'member' },
      schema: { tags: ['api keys'], summary: 'Your personal API keys', response: { 200: apiKeyListSchema } },
    },
    async (request) => wholeList(await apiKeys.listApiKeys(app.deps, requirePrincipal(request))),
  );

  r.post(
    '/api_keys',
    {
      config: { access: 'member' },
      schema: {
        tags: ['api keys'],
        summary:
          'Create a personal API key from a signed-in session (the token is shown only in this response); expires_in_days: 30, 90 (default) or 365',
        body: createApiKeyBodySchema,
        response: { 201: resultSchema(createdApiKeySchema) },
      },
    },
    async (request, reply) => {
      const created = await apiKeys.createApiKey(
        app.deps,
        requirePrincipal(request),
        auditActor(request),
        request.body,
      );
      return reply.status(201).send(result(created));
    },
  );

  r.delete(
    '/api_keys/:id',
    {
      config: { access: 'member' },
      schema: {
        tags: ['api keys'],
        summary: 'Revoke one of your API keys',
        params: idParamsSchema,
        response: { 204: noContentSchema },
      },
    },
    async (request, reply) => {
      await apiKeys.revokeApiKey(app.deps, requirePrincipal(request), auditActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
