import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '#contract/errors.ts';

/** What each error status means, as the OpenAPI document says it. */
const errorMeaning: Record<number, string> = {
  400: 'The request is malformed or a value is not acceptable (`validation_failed`, `bad_request`, …).',
  401: 'Not signed in, or the API key is not valid (`unauthenticated`, `api_key_expired`).',
  403: 'Not allowed (`forbidden`, `csrf_rejected`, …).',
  404: 'Not found, or not in your organization (`not_found`).',
  409: 'The current state does not allow it; the code says why.',
  413: 'The body is too large.',
  415: 'The body is not JSON.',
  429: 'Too many requests (`rate_limited`); `Retry-After` says when to try again.',
  500: 'Something went wrong on the server (`internal_error`); nothing internal is disclosed.',
  503: 'The database is unreachable or the server is shutting down (`database_unavailable`, `shutting_down`).',
  507: 'The server is out of storage (`storage_full`).',
};

/**
 * Statuses a route answers beyond what its method, access level and inputs
 * imply (see `errorStatuses`). Adding a route that answers 409 or 429? Name it
 * here: src/server/test/openapi.test.ts checks every answered status is declared.
 */
const routeErrors: Record<string, number[]> = {
  'POST /api/v2/setup': [404, 429],
  'POST /api/v2/sessions': [429],
  'POST /api/v2/password_changes': [429],
  'POST /api/v2/password_resets': [429],
  'POST /api/v2/password_reset_completions/preview': [429],
  'POST /api/v2/password_reset_completions': [429],
  'PATCH /api/v2/organization_collaborators/:id': [409],
  'DELETE /api/v2/organization_collaborators/:id': [409],
  'PUT /api/v2/organization_collaborators/:id': [409],
  'PUT /api/v2/organization_collaborators/:id/roles': [409],
  'POST /api/v2/organization_collaborators/batch_delete': [404, 409],
  'POST /api/v2/organization_collaborators/leave': [409],
  'POST /api/v2/organization_invitations': [429],
  'POST /api/v2/organization_invitations/batch_create': [429],
  'POST /api/v2/users/create_api_key': [404],
  'POST /api/v2/organization_invitations/:id/resend': [409, 429],
  'POST /api/v2/organization_invitations/:id/retry_delivery': [409, 429],
  'POST /api/v2/invitation_acceptances/preview': [429],
  'POST /api/v2/invitation_acceptances': [409, 429],
  'POST /api/v2/clouds': [409],
  'PATCH /api/v2/clouds/:id': [409],
  'DELETE /api/v2/clouds/:id/collaborators/:user_id': [409],
  'POST /api/v2/clouds/:id/collaborators/users': [409],
  'POST /api/v2/clouds/:id/collaborators/users/batch_create': [409],
  'POST /api/v2/groups': [409],
  'PATCH /api/v2/groups/:id': [409],
  'DELETE /api/v2/groups/:id': [409],
  'GET /api/v2/groups/:id/deletion_preview': [409],
  'POST /api/v2/groups/:id/members': [409],
  'DELETE /api/v2/groups/:id/members/:user_id': [409],
  'POST /api/v2/workloads': [404],
  'POST /api/v2/workloads/:id/terminate': [409],
  'POST /api/v2/dev/sign_in_as': [404],
  'PUT /api/v2/sso_config': [409],
  'POST /api/v2/sso_config/test': [409],
  'POST /api/v2/auth/sso_discovery': [429],
  'GET /api/v2/sso/:org/login': [409],
  'POST /api/v2/sso/:org/acs': [429],
  'GET /metrics': [404],
};

/**
 * The error statuses one operation can answer. Every /api request may be
 * malformed (400), carry a bad API key (401) or a cross-site signal (403);
 * ids in the path may name nothing (404); bodies may be too large or not JSON;
 * writes may meet a full disk; anything may meet a database outage.
 */
export function errorStatuses(route: { method: string; url: string; hasParams: boolean; hasBody: boolean }) {
  const statuses = new Set<number>([500, 503]);
  if (route.url.startsWith('/api/')) [400, 401, 403].forEach((status) => statuses.add(status));
  if (route.hasParams) statuses.add(404);
  if (route.hasBody) [413, 415].forEach((status) => statuses.add(status));
  if (route.method !== 'GET' && route.method !== 'HEAD') statuses.add(507);
  for (const status of routeErrors[`${route.method} ${route.url}`] ?? []) statuses.add(status);
  return [...statuses].sort((a, b) => a - b);
}

const errorJsonSchema = z.toJSONSchema(errorBodySchema, { target: 'openapi-3.0' });

type Operation = {
  responses?: Record<string, { content?: Record<string, { schema?: { title?: string; $ref?: string } }> }>;
};

/** OpenAPI generated from the route schemas: /api/openapi.json, browsable at /api/docs. */
async function openapiPlugin(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Roster API',
        version: '2',
        description:
          'Every console action is an API call. Authenticate scripts with `Authorization: Bearer <API key>`; ' +
          'browser sessions send the `X-Requested-With: roster` header on writes.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'roster_session' },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      const schema = out.schema as Record<string, unknown> & { hide?: boolean; response?: object };
      if (schema.hide) return out;
      const methods = Array.isArray(input.route.method) ? input.route.method : [input.route.method];
      const response: Record<string, unknown> = { ...(schema.response ?? {}) };
      // A download (CSV) has no JSON schema to declare: its 200 is the file.
      const produces = (input.schema as { produces?: string[] } | undefined)?.produces;
      if (produces && !Object.keys(response).some((status) => Number(status) < 400)) {
        response[200] = { type: 'string', description: `The file (${produces.join(', ')}).` };
      }
      for (const status of errorStatuses({
        method: methods[0]!,
        url: input.route.url,
        hasParams: Boolean(input.schema?.params),
        hasBody: Boolean(input.schema?.body),
      })) {
        response[status] ??= {
          ...errorJsonSchema,
          title: 'Error',
          description: errorMeaning[status] ?? 'Error.',
        };
      }
      return { ...out, schema: { ...schema, response } };
    },
    // Every error answer is the one error body; a 204 has no content at all.
    transformObject: (documentObject) => {
      const document = ('openapiObject' in documentObject ? documentObject.openapiObject : {}) as {
        components?: { schemas?: Record<string, unknown> };
        paths?: Record<string, Record<string, Operation>>;
      };
      document.components = {
        ...document.components,
        schemas: { ...document.components?.schemas, Error: errorJsonSchema },
      };
      for (const operations of Object.values(document.paths ?? {})) {
        for (const operation of Object.values(operations)) {
          for (const [status, answer] of Object.entries(operation.responses ?? {})) {
            if (Object.values(answer.content ?? {}).some((media) => media.schema?.title === 'Error')) {
              answer.content = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
            } else if (status === '204') {
              delete answer.content;
            }
          }
        }
      }
      return document as never;
    },
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // The docs UI sets inline styles; allow that on the docs pages only.
    transformStaticCSP: (header) => {
      const withStyles = header.replace(/style-src ([^;]*)/, "style-src $1 'unsafe-inline'");
      return app.deps.config.publicUrl.startsWith('https:')
        ? withStyles
        : withStyles.replace(/upgrade-insecure-requests;?\s*/, '');
    },
  });
}

export default fp(openapiPlugin, { name: 'openapi' });
