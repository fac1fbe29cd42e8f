import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { noContentSchema, result, resultSchema } from '#contract/envelope.ts';
import { collaboratorSchema } from '#contract/members.ts';
import { wholeList } from '#contract/pagination.ts';
import {
  createServiceAccountKeyBodySchema,
  createServiceAccountQuerySchema,
  serviceAccountKeyListSchema,
  serviceAccountKeyParamsSchema,
  serviceAccountKeySchema,
  serviceAccountParamsSchema,
} from '#contract/service-accounts.ts';
import { auditActor, requirePrincipal } from '../../plugins/auth.ts';
import * as serviceAccounts from './service-accounts.service.ts';

export async function serviceAccountsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/users/service_accounts',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['service accounts'],
        summary: 'Create a service account (a machine identity: API keys, a role, never a password sign-in)',
        description:
          'The name is in the query, as the platform sends it. The account is listed among the ' +
          'collaborators with `is_service_account: true`, and removed like a member.',
        querystring: createServiceAccountQuerySchema,
        response: { 201: resultSchema(collaboratorSchema) },
      },
    },
    async (request, reply) => {
      const created = await serviceAccounts.createServiceAccount(
        app.deps,
        requirePrincipal(request),
        auditActor(request),
        request.query.name,
      );
      return reply.status(201).send(result(created));
    },
  );

  r.post(
    '/users/create_api_key',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['service accounts'],
        summary: "Mint an API key for a service account (the platform's create_api_key)",
        description:
          "`user_id` is the service account's; `duration` in seconds (at most a year), omitted or null for a " +
          'key that never expires. From a signed-in session only (403 `session_required` with an API key). ' +
          'The token is shown only in this answer.',
        body: createServiceAccountKeyBodySchema,
        response: { 201: resultSchema(serviceAccountKeySchema) },
      },
    },
    async (request, reply) => {
      const created = await serviceAccounts.createServiceAccountKey(
        app.deps,
        requirePrincipal(request),
        auditActor(request),
        request.body,
      );
      return reply.status(201).send(result(created));
    },
  );

  r.get(
    '/users/service_accounts/:user_id/api_keys',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['service accounts'],
        summary: "A service account's API keys (never the tokens)",
        params: serviceAccountParamsSchema,
        response: { 200: serviceAccountKeyListSchema },
      },
    },
    async (request) =>
      wholeList(
        await serviceAccounts.listServiceAccountKeys(
          app.deps,
          requirePrincipal(request),
          request.params.user_id,
        ),
      ),
  );

  r.delete(
    '/users/service_accounts/:user_id/api_keys/:id',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['service accounts'],
        summary: "Revoke one of a service account's API keys",
        params: serviceAccountKeyParamsSchema,
        response: { 204: noContentSchema },
      },
    },
    async (request, reply) => {
      await serviceAccounts.revokeServiceAccountKey(
        app.deps,
        requirePrincipal(request),
        auditActor(request),
        request.params.user_id,
        request.params.id,
      );
      return reply.status(204).send(null);
    },
  );
}
