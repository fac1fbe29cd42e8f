import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../lib/errors.ts';
import { classifyDatabaseError } from '../../db/database-errors.ts';
import {
  resolveScimToken,
  scimEndpoint,
  type DirectoryPrincipal,
} from '../directory-sync/scim-tokens.service.ts';
import { ScimError, scimErrorBody } from './scim-errors.ts';
import { schemas } from './scim-resources.ts';
import * as scim from './scim.service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    directory: DirectoryPrincipal | null;
  }
}

const scimJson = 'application/scim+json';
type Query = { filter?: string; startIndex?: string; count?: string; excludedAttributes?: string };
type IdParams = { id: string };

/**
 * SCIM 2.0 (RFC 7643/7644) for identity providers, at /scim/v2. Only a SCIM
 * bearer token is accepted here (it names the organization); every answer,
 * errors included, is application/scim+json in SCIM's own shapes.
 */
export async function scimRoutes(app: FastifyInstance): Promise<void> {
  app.decorateRequest('directory', null);
  // Identity providers send DELETE with a JSON content type and no body; that is not an error here.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser([scimJson, 'application/json'], { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new ScimError(400, 'The body is not valid JSON.', 'invalidSyntax'), undefined);
    }
  });

  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new ScimError(401, 'A SCIM bearer token is required.');
    const directory = await resolveScimToken(app.deps, match[1]!);
    if (!directory) throw new ScimError(401, 'This SCIM token is not valid. It may have been revoked.');
    request.directory = directory;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    void reply.header('content-type', `${scimJson}; charset=utf-8`).header('cache-control', 'no-store');
    return payload;
  });
  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    if (error instanceof ScimError) return sendError(reply, error.status, error.detail, error.scimType);
    if (error instanceof AppError) return sendError(reply, error.statusCode, error.message);
    const database = classifyDatabaseError(error);
    if (database) return sendError(reply, database.status, database.message);
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return sendError(reply, status, error.message, status === 400 ? 'invalidSyntax' : undefined);
    }
    request.log.error({ err: error }, 'unhandled SCIM error');

    return sendError(reply, 500, `Something went wrong on our side. Reference: ${request.id}`);
  });
  app.setNotFoundHandler(async (request, reply) => {
    return sendError(reply, 404, `${request.method} ${request.url} is not a SCIM endpoint of Roster.`);
  });

  const config = { access: 'scim' as const };
  const schema = { hide: true };
  const context = (request: FastifyRequest): scim.ScimContext => ({
    deps: app.deps,
    directory: request.directory!,
    ip: request.ip ?? null,
  });

  app.get('/ServiceProviderConfig', { config, schema }, async () =>
    serviceProviderConfig(scimEndpoint(app.deps)),
  );
  app.get('/ResourceTypes', { config, schema }, async () => {
    const resources = resourceTypes(scimEndpoint(app.deps));
    return {
      schemas: [schemas.list],
      totalResults: resources.length,
      startIndex: 1,
      itemsPerPage: resources.length,
      Resources: resources,
    };
  });
  app.get('/Schemas', { config, schema }, async () => {
    const resources = schemaDefinitions(scimEndpoint(app.deps));
    return {
      schemas: [schemas.list],
      totalResults: resources.length,
      startIndex: 1,
      itemsPerPage: resources.length,
      Resources: resources,
    };
  });

  app.get<{ Querystring: Query }>('/Users', { config, schema }, async (request) =>
    scim.listUsers(context(request), request.query),
  );
  app.post('/Users', { config, schema }, async (request, reply) => {
    const user = await scim.createUser(context(request), request.body);
    return reply.status(201).header('location', user.meta.location).send(user);
  });
  app.get<{ Params: IdParams }>('/Users/:id', { config, schema }, async (request) =>
    scim.getUser(context(request), request.params.id),
  );
  app.put<{ Params: IdParams }>('/Users/:id', { config, schema }, async (request) =>
    scim.replaceUser(context(request), request.params.id, request.body),
  );
  app.patch<{ Params: IdParams }>('/Users/:id', { config, schema }, async (request) =>
    scim.patchUser(context(request), request.params.id, request.body),
  );
  app.delete<{ Params: IdParams }>('/Users/:id', { config, schema }, async (request, reply) => {
    await scim.deleteUser(context(request), request.params.id);
    return reply.status(204).send();
  });

  app.get<{ Querystring: Query }>('/Groups', { config, schema }, async (request) =>
    scim.listGroups(context(request), request.query),
  );
  app.post('/Groups', { config, schema }, async (request, reply) => {
    const group = await scim.createGroup(context(request), request.body);
    return reply.status(201).header('location', group.meta.location).send(group);
  });
  app.get<{ Params: IdParams }>('/Groups/:id', { config, schema }, async (request) =>
    scim.getGroup(context(request), request.params.id),
  );
  app.put<{ Params: IdParams }>('/Groups/:id', { config, schema }, async (request) =>
    scim.replaceGroup(context(request), request.params.id, request.body),
  );
  app.patch<{ Params: IdParams }>('/Groups/:id', { config, schema }, async (request, reply) => {
    const group = await scim.patchGroup(context(request), request.params.id, request.body);
    return reply.status(200).send(group);
  });
  app.delete<{ Params: IdParams }>('/Groups/:id', { config, schema }, async (request, reply) => {
    await scim.deleteGroup(context(request), request.params.id);
    return reply.status(204).send();
  });
}

function sendError(reply: FastifyReply, status: number, detail: string, scimType?: string) {
  return reply.status(status).send(scimErrorBody(status, detail, scimType));
}

function serviceProviderConfig(base: string) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    documentationUri: `${base.replace(/\/scim\/v2$/, '')}/api/docs`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: 200 },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description:
          'A SCIM token an organization owner creates in Roster (Organization settings › Directory sync).',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${base}/ServiceProviderConfig` },
  };
}

function resourceTypes(base: string) {
  return [
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      schema: schemas.user,
      meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/User` },
    },
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      schema: schemas.group,
      meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/Group` },
    },
  ];
}

const attribute = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  type: 'string',
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  ...extra,
});

function schemaDefinitions(base: string) {
  return [
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
      id: schemas.user,
      name: 'User',
      attributes: [
        attribute('userName', { required: true, uniqueness: 'server' }),
        attribute('externalId', { caseExact: true }),
        attribute('name', {
          type: 'complex',
          subAttributes: [
            attribute('givenName'),
            attribute('familyName'),
            attribute('formatted', { mutability: 'readOnly' }),
          ],
        }),
        attribute('displayName'),
        attribute('emails', {
          type: 'complex',
          multiValued: true,
          subAttributes: [attribute('value'), attribute('type'), attribute('primary', { type: 'boolean' })],
        }),
        attribute('active', { type: 'boolean' }),
        attribute('groups', { type: 'complex', multiValued: true, mutability: 'readOnly' }),
      ],
      meta: { resourceType: 'Schema', location: `${base}/Schemas/${schemas.user}` },
    },
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
      id: schemas.group,
      name: 'Group',
      attributes: [
        attribute('displayName', { required: true }),
        attribute('externalId', { caseExact: true }),
        attribute('members', {
          type: 'complex',
          multiValued: true,
          subAttributes: [
            attribute('value', { mutability: 'immutable' }),
            attribute('display', { mutability: 'readOnly' }),
          ],
        }),
      ],
      meta: { resourceType: 'Schema', location: `${base}/Schemas/${schemas.group}` },
    },
  ];
}
