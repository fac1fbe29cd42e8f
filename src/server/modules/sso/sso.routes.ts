import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { result, resultSchema } from '#contract/envelope.ts';
import { idParamsSchema } from '#contract/members.ts';
import {
  ssoConfigBodySchema,
  ssoConfigSchema,
  ssoDiscoveryBodySchema,
  ssoDiscoverySchema,
  ssoTestBodySchema,
  ssoTestResultSchema,
  ssoTestStartSchema,
} from '#contract/sso.ts';
import { text } from '#contract/text.ts';
import { auditActor, requirePrincipal, setSessionCookie } from '../../plugins/auth.ts';
import { refusalPage } from './sso-pages.ts';
import * as sso from './sso.service.ts';

const orgParamsSchema = z.object({ org: text().min(1).max(64) });
const redirectSchema = z.null().describe('A redirect (Location) the browser follows.');

/** Browser landings answer a page a person can read, whatever went wrong. */
function sendPage(reply: FastifyReply, error: unknown): FastifyReply {
  if (!(error instanceof sso.SsoPageError)) throw error;
  return reply
    .status(error.statusCode)
    .header('content-type', 'text/html; charset=utf-8')
    .send(refusalPage({ title: error.title, message: error.message, code: error.code }));
}

export async function ssoRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // The IdP posts the ACS as an HTML form (HTTP-POST binding).
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 1024 * 1024 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );

  r.get(
    '/sso_config',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['single sign-on'],
        summary:
          "The organization's SAML single sign-on settings and the values to give the identity provider",
        response: { 200: resultSchema(ssoConfigSchema) },
      },
    },
    async (request) => result(await sso.getConfig(app.deps, requirePrincipal(request))),
  );

  r.put(
    '/sso_config',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['single sign-on'],
        summary:
          'Configure SAML single sign-on: IdP metadata (XML or a URL the server fetches), mode, mapping, domains',
        description:
          'Leave out both metadata fields to keep the stored metadata. Switching to `required` is refused (409 ' +
          '`sso_login_required_first`) until the acting owner has signed in with SSO once (a test connection ' +
          'as themselves counts). A domain another organization registered answers 409 `sso_domain_taken`.',
        body: ssoConfigBodySchema,
        response: { 200: resultSchema(ssoConfigSchema) },
      },
    },
    async (request) =>
      result(await sso.putConfig(app.deps, requirePrincipal(request), auditActor(request), request.body)),
  );

  r.post(
    '/sso_config/test',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['single sign-on'],
        summary:
          'Start a test connection: a full SSO login whose parsed assertion is shown, nobody is signed in',
        description:
          'Open `login_url` in the browser; after the identity provider, the browser lands on `next` (a path ' +
          'of the console) with `?sso_test=<id>`; read the outcome with GET /sso_config/test/{id}.',
        body: ssoTestBodySchema,
        response: { 201: resultSchema(ssoTestStartSchema) },
      },
    },
    async (request, reply) => {
      const started = await sso.startTest(app.deps, requirePrincipal(request), request.body ?? {});
      return reply.status(201).send(result(started));
    },
  );

  r.get(
    '/sso_config/test/:id',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['single sign-on'],
        summary: 'The outcome of a test connection: the parsed assertion, or why it was refused',
        params: idParamsSchema,
        response: { 200: resultSchema(ssoTestResultSchema) },
      },
    },
    async (request) => result(await sso.getTest(app.deps, requirePrincipal(request), request.params.id)),
  );

  r.post(
    '/auth/sso_discovery',
    {
      config: { access: 'public' },
      schema: {
        tags: ['single sign-on'],
        summary: 'Which sign-in an email address gets: SSO (and whether it is required) or a password',
        body: ssoDiscoveryBodySchema,
        response: { 200: resultSchema(ssoDiscoverySchema) },
      },
    },
    async (request) => result(await sso.discover(app.deps, request.body.email, request.ip)),
  );

  r.get(
    '/sso/:org/metadata',
    {
      config: { access: 'public' },
      schema: {
        tags: ['single sign-on'],
        summary: "The organization's SAML service-provider metadata (XML) for the identity provider",
        params: orgParamsSchema,
        produces: ['application/samlmetadata+xml'],
      },
    },
    async (request, reply) => {
      const xml = await sso.spMetadata(app.deps, request.params.org);
      return reply
        .header('content-type', 'application/samlmetadata+xml; charset=utf-8')
        .header('content-disposition', 'inline; filename="roster-sp-metadata.xml"')
        .send(xml);
    },
  );

  r.get(
    '/sso/:org/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['single sign-on'],
        summary: 'Start an SSO sign-in: redirects to the identity provider with a SAML AuthnRequest',
        description:
          '`next` is a path of the console to land on afterwards (anything else lands on the start page); ' +
          'it stays on the server, the identity provider only carries a reference. Refusals answer an HTML page.',
        params: orgParamsSchema,
        querystring: z.object({
          email: text().max(254).optional(),
          next: text().max(2048).optional(),
        }),
        response: { 302: redirectSchema },
      },
    },
    async (request, reply) => {
      try {
        const location = await sso.startLogin(app.deps, request.params.org, request.query);
        return reply.redirect(location, 302);
      } catch (error) {
        return sendPage(reply, error);
      }
    },
  );

  r.post(
    '/sso/:org/acs',
    {
      // A cross-site form POST from the IdP: no cookie, no X-Requested-With. Its
      // protection is the signature, InResponseTo (single use) and the replay cache.
      config: { access: 'public', crossSiteForm: true },
      schema: {
        tags: ['single sign-on'],
        summary: 'The SAML Assertion Consumer Service (HTTP-POST binding): the identity provider posts here',
        description:
          'Signs the person in and redirects to where the sign-in started; refusals answer an HTML page ' +
          '(and are in the audit log as `sso.login_refused`).',
        params: orgParamsSchema,
        consumes: ['application/x-www-form-urlencoded'],
        body: z.looseObject({
          SAMLResponse: z
            .string()
            .max(1024 * 1024)
            .optional(),
          RelayState: z.string().max(1024).optional(),
        }),
        response: { 302: redirectSchema },
      },
    },
    async (request, reply) => {
      try {
        const outcome = await sso.consumeAssertion(app.deps, request.params.org, request.body, {
          ip: request.ip,
          userAgent: request.headers['user-agent'],
        });
        if (outcome.session) setSessionCookie(app, reply, outcome.session);
        return reply.redirect(outcome.redirect, 302);
      } catch (error) {
        return sendPage(reply, error);
      }
    },
  );
}
