/**
 * Owners configure SSO: IdP metadata (pasted or fetched), the values for the
 * IdP, domains, the test connection, and every change in the audit log.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, memberActor, setupOrganization, type Actor } from '../../test/actors.ts';
import { answerAuthnRequest, createTestIdp, generateKeyPair, type TestIdp } from '../../test/saml-idp.ts';
import { baseConfig, configureSso, postToAcs, spUrls } from '../../test/sso-kit.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { fetchIdpMetadata } from './idp-metadata.ts';

let t: TestContext;
let owner: Actor;
let idp: TestIdp;
let metadataServer: http.Server;
let metadataBase: string;
let slowServer: http.Server;

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

beforeAll(async () => {
  t = await createTestApp();
  owner = await setupOrganization(t.app);
  idp = createTestIdp();
  metadataServer = http.createServer((request, response) => {
    if (request.url === '/metadata.xml') return response.writeHead(200).end(idp.metadataXml);
    if (request.url === '/huge.xml') {
      response.writeHead(200, { 'content-type': 'application/xml' });
      response.write('<EntityDescriptor>');
      response.end('x'.repeat(600 * 1024));
      return;
    }
    response.writeHead(404).end('not here');
  });
  metadataBase = await listen(metadataServer);
  // Accepts the connection, never answers.
  slowServer = http.createServer(() => undefined);
});
afterAll(async () => {
  metadataServer?.close();
  slowServer?.closeAllConnections();
  slowServer?.close();
  await t?.close();
});

describe('GET /api/v2/sso_config', () => {
  it('gives the SP values to copy into the IdP before anything is configured', async () => {
    const response = await owner.request({ method: 'GET', url: '/api/v2/sso_config' });
    expect(response.statusCode).toBe(200);
    const { entityId, acsUrl } = spUrls(t.app, owner.orgId);
    expect(response.json().result).toMatchObject({
      configured: false,
      sso_mode: 'off',
      sp_entity_id: entityId,
      acs_url: acsUrl,
      sp_metadata_url: entityId,
      idp_entity_id: null,
      idp_certificates: [],
      owner_has_sso_login: false,
    });
  });

  it('is for owners only', async () => {
    const collaborator = await memberActor(t.app, owner.orgId, { name: 'Cleo', email: 'cleo@acme.test' });
    expect((await collaborator.request({ method: 'GET', url: '/api/v2/sso_config' })).statusCode).toBe(403);
    expect(
      (await collaborator.request({ method: 'PUT', url: '/api/v2/sso_config', payload: baseConfig(idp) }))
        .statusCode,
    ).toBe(403);
  });
});

describe('PUT /api/v2/sso_config', () => {
  it('reads pasted metadata: entity id, SSO URL, certificate fingerprint and expiry; audited', async () => {
    const response = await configureSso(owner, {
      ...baseConfig(idp),
      domains: ['Acme.test', 'acme.test', 'eu.acme.test'],
      email_attribute: 'email',
    });
    expect(response.statusCode, response.body).toBe(200);
    const config = response.json().result;
    expect(config).toMatchObject({
      configured: true,
      sso_mode: 'optional',
      idp_entity_id: idp.entityId,
      idp_sso_url: idp.ssoUrl,
      domains: ['acme.test', 'eu.acme.test'],
      email_attribute: 'email',
      name_attribute: null,
    });
    expect(config.idp_certificates).toHaveLength(1);
    expect(config.idp_certificates[0].fingerprint_sha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(config.idp_certificates[0].subject).toContain('Test IdP');
    expect(config.idp_certificates[0].expired).toBe(false);

    const events = await owner.request({
      method: 'GET',
      url: '/api/v2/audit_events?action=sso_config.created',
    });
    const event = events.json().results[0];
    expect(event.after).toMatchObject({ sso_mode: 'optional', idp_entity_id: idp.entityId });
    expect(event.after.idp_certificates[0]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps the stored metadata when neither field is given, and audits the change', async () => {
    const response = await configureSso(owner, {
      ...baseConfig(idp),
      idp_metadata_xml: undefined,
      jit_provisioning: true,
      domains: ['acme.test'],
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().result).toMatchObject({ idp_entity_id: idp.entityId, jit_provisioning: true });
    const events = await owner.request({
      method: 'GET',
      url: '/api/v2/audit_events?action=sso_config.updated',
    });
    const event = events.json().results[0];
    expect(event.before.jit_provisioning).toBe(false);
    expect(event.after.jit_provisioning).toBe(true);
  });

  it('fetches metadata from a URL on the server', async () => {
    const other = createTestIdp();
    const served = idp;
    idp = other;
    try {
      const response = await configureSso(owner, {
        ...baseConfig(other),
        idp_metadata_xml: undefined,
        idp_metadata_url: `${metadataBase}/metadata.xml`,
        domains: ['acme.test'],
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().result).toMatchObject({
        idp_entity_id: other.entityId,
        idp_metadata_url: `${metadataBase}/metadata.xml`,
      });
    } finally {
      idp = served;
      await configureSso(owner, { ...baseConfig(idp), domains: ['acme.test'] });
    }
  });

  it.each([
    ['not XML', { idp_metadata_xml: 'hello' }, /not well-formed/],
    [
      'SP metadata',
      {
        idp_metadata_xml:
          '<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"><SPSSODescriptor/></EntityDescriptor>',
      },
      /no identity provider/,
    ],
  ])('refuses %s with a clear 400', async (_name, metadata, message) => {
    const response = await configureSso(owner, { ...baseConfig(idp), ...metadata });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_idp_metadata');
    expect(response.json().error.message).toMatch(message);
  });

  it('refuses metadata without a signing certificate or SSO URL', async () => {
    const noCert = idp.metadataXml.replace(/<KeyDescriptor[\s\S]*?<\/KeyDescriptor>/g, '');
    const noSso = idp.metadataXml.replace(
      /<SingleSignOnService[^>]*?(\/>|>[\s\S]*?<\/SingleSignOnService>)/g,
      '',
    );
    for (const [xml, message] of [
      [noCert, /no signing certificate/],
      [noSso, /SingleSignOnService/],
    ] as const) {
      const response = await configureSso(owner, { ...baseConfig(idp), idp_metadata_xml: xml });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error.message).toMatch(message);
    }
  });

  it('refuses a metadata URL that answers 404, sends more than 512 KB, or both metadata fields', async () => {
    const missing = await configureSso(owner, {
      ...baseConfig(idp),
      idp_metadata_xml: undefined,
      idp_metadata_url: `${metadataBase}/nope.xml`,
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('HTTP 404');
    const huge = await configureSso(owner, {
      ...baseConfig(idp),
      idp_metadata_xml: undefined,
      idp_metadata_url: `${metadataBase}/huge.xml`,
    });
    expect(huge.statusCode).toBe(400);
    expect(huge.json().error.message).toContain('512 KB');
    const both = await configureSso(owner, {
      ...baseConfig(idp),
      idp_metadata_url: `${metadataBase}/metadata.xml`,
    });
    expect(both.statusCode).toBe(400);
  });

  it('gives up on a metadata URL that never answers', async () => {
    const base = await listen(slowServer);
    await expect(fetchIdpMetadata(`${base}/metadata.xml`, 300)).rejects.toThrow(/did not answer within/);
  });

  it('asks for metadata when none is stored', async () => {
    const { app } = t;
    const orgId = await createOrganization(t.deps, 'Bare');
    const bareOwner = await memberActor(app, orgId, { name: 'Bo', email: 'bo@bare.test', role: 'owner' });
    const response = await configureSso(bareOwner, { ...baseConfig(idp), idp_metadata_xml: undefined });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('idp_metadata_required');
  });

  it('refuses a domain another organization registered (409)', async () => {
    const orgId = await createOrganization(t.deps, 'Rival');
    const rival = await memberActor(t.app, orgId, { name: 'Rita', email: 'rita@rival.test', role: 'owner' });
    expect((await configureSso(owner, { ...baseConfig(idp), domains: ['acme.test'] })).statusCode).toBe(200);
    const response = await configureSso(rival, {
      ...baseConfig(createTestIdp()),
      domains: ['rival.test', 'acme.test'],
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('sso_domain_taken');
    expect(response.json().error.message).toContain('acme.test');
  });
});

describe('test connection', () => {
  async function runTest(options: { email: string; signingKey?: ReturnType<typeof generateKeyPair> }) {
    const started = await owner.request({
      method: 'POST',
      url: '/api/v2/sso_config/test',
      payload: { next: '/settings/single-sign-on' },
    });
    expect(started.statusCode, started.body).toBe(201);
    const { id, login_url: loginUrl } = started.json().result as { id: string; login_url: string };
    const metadata = await t.app.inject({ method: 'GET', url: `/api/v2/sso/${owner.orgId}/metadata` });
    const request = await idp.readAuthnRequest(loginUrl, metadata.body);
    const answer = answerAuthnRequest(idp, request, {
      email: options.email,
      now: t.clock.now,
      attributes: { email: options.email, groups: ['Engineering', 'Admins'], department: 'R&D' },
      ...(options.signingKey ? { signingKey: options.signingKey } : {}),
    });
    const acs = await postToAcs(t.app, owner.orgId, answer.samlResponse, answer.relayState);
    return { id, acs };
  }

  it('shows the parsed assertion, signs nobody in, and counts as the owner’s SSO login', async () => {
    await configureSso(owner, {
      ...baseConfig(idp),
      domains: ['acme.test'],
      email_attribute: 'email',
      groups_attribute: 'groups',
    });
    const { id, acs } = await runTest({ email: owner.email });
    expect(acs.statusCode, acs.body).toBe(302);
    expect(acs.headers.location).toBe(`/settings/single-sign-on?sso_test=${id}`);
    expect(acs.headers['set-cookie']).toBeUndefined();
    const result = await owner.request({ method: 'GET', url: `/api/v2/sso_config/test/${id}` });
    expect(result.statusCode).toBe(200);
    expect(result.json().result).toMatchObject({
      status: 'succeeded',
      failure: null,
      assertion: {
        issuer: idp.entityId,
        name_id: owner.email,
        email: owner.email,
        groups: ['Engineering', 'Admins'],
        attributes: { department: ['R&D'] },
      },
    });
    const config = await owner.request({ method: 'GET', url: '/api/v2/sso_config' });
    expect(config.json().result.owner_has_sso_login).toBe(true);
  });

  it('shows why a response was refused', async () => {
    const { id, acs } = await runTest({ email: owner.email, signingKey: generateKeyPair('Rogue') });
    expect(acs.statusCode).toBe(302);
    const result = await owner.request({ method: 'GET', url: `/api/v2/sso_config/test/${id}` });
    expect(result.json().result).toMatchObject({
      status: 'failed',
      assertion: null,
      failure: { code: 'sso_invalid_response' },
    });
    expect(result.json().result.failure.message).toMatch(/Invalid signature/);
  });

  it('a test of another organization is not found', async () => {
    const orgId = await createOrganization(t.deps, 'Elsewhere');
    const stranger = await memberActor(t.app, orgId, {
      name: 'Sam',
      email: 'sam@elsewhere.test',
      role: 'owner',
    });
    const started = await owner.request({ method: 'POST', url: '/api/v2/sso_config/test', payload: {} });
    const id = started.json().result.id as string;
    expect((await stranger.request({ method: 'GET', url: `/api/v2/sso_config/test/${id}` })).statusCode).toBe(
      404,
    );
  });
});
