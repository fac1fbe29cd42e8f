import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

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
    transform: jsonSchemaTransform,
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
