/**
 * Drives an SSO sign-in the way a browser does: start at /sso/{org}/login,
 * let the test IdP read the AuthnRequest and sign an answer, post it to the
 * ACS. Shared by the SSO test files.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { SsoConfigBody } from '#contract/sso.ts';
import type { Actor } from './actors.ts';
import { answerAuthnRequest, type AuthnRequestInfo, type ResponseOptions, type TestIdp } from './saml-idp.ts';
import type { TestClock } from './test-app.ts';

export const baseConfig = (idp: TestIdp): SsoConfigBody => ({
  idp_metadata_xml: idp.metadataXml,
  sso_mode: 'optional',
  jit_provisioning: false,
  allow_idp_initiated: false,
  domains: [],
});

export async function configureSso(owner: Actor, body: SsoConfigBody): Promise<LightMyRequestResponse> {
  return owner.request({ method: 'PUT', url: '/api/v2/sso_config', payload: body });
}

export function spUrls(app: FastifyInstance, orgId: string) {
  const base = app.deps.config.publicUrl;
  return {
    entityId: `${base}/api/v2/sso/${orgId}/metadata`,
    acsUrl: `${base}/api/v2/sso/${orgId}/acs`,
  };
}

/** GET /sso/{org}/login and the AuthnRequest it redirected to, as the IdP reads it. */
export async function startSsoLogin(
  app: FastifyInstance,
  idp: TestIdp,
  orgId: string,
  query: Record<string, string> = {},
): Promise<{ response: LightMyRequestResponse; request: AuthnRequestInfo }> {
  const search = new URLSearchParams(query).toString();
  const response = await app.inject({
    method: 'GET',
    url: `/api/v2/sso/${orgId}/login${search ? `?${search}` : ''}`,
  });
  if (response.statusCode !== 302)
    throw new Error(`login start answered ${response.statusCode}: ${response.body}`);
  const metadata = await app.inject({ method: 'GET', url: `/api/v2/sso/${orgId}/metadata` });
  const request = await idp.readAuthnRequest(String(response.headers.location), metadata.body);
  return { response, request };
}

/** Posts a SAMLResponse to the ACS as the IdP's auto-submitting form does (no cookie, no custom header). */
export async function postToAcs(
  app: FastifyInstance,
  orgId: string,
  samlResponse: string,
  relayState?: string | null,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const form = new URLSearchParams({ SAMLResponse: samlResponse });
  if (relayState) form.set('RelayState', relayState);
  return app.inject({
    method: 'POST',
    url: `/api/v2/sso/${orgId}/acs`,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: 'https://idp.example',
      'sec-fetch-site': 'cross-site',
      ...headers,
    },
    payload: form.toString(),
  });
}

/** A full SP-initiated sign-in; returns the ACS answer. */
export async function ssoSignIn(
  app: FastifyInstance,
  idp: TestIdp,
  clock: TestClock,
  orgId: string,
  options: Omit<ResponseOptions, 'acsUrl' | 'inResponseTo'> & { next?: string },
): Promise<LightMyRequestResponse> {
  const { next, ...response } = options;
  const { request } = await startSsoLogin(app, idp, orgId, {
    email: options.email,
    ...(next !== undefined ? { next } : {}),
  });
  const answer = answerAuthnRequest(idp, request, { now: clock.now, ...response });
  return postToAcs(app, orgId, answer.samlResponse, answer.relayState);
}

export function sessionCookieOf(response: LightMyRequestResponse): string | undefined {
  const header = response.headers['set-cookie'];
  const all = Array.isArray(header) ? header : header ? [header] : [];
  return all.find((cookie) => cookie.startsWith('roster_session='))?.split(';')[0];
}
