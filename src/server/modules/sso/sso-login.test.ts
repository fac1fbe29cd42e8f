/**
 * SAML sign-in against an independent IdP (samlify, its own keys): the happy
 * path through the real protocol, and every response the ACS must refuse.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, setupOrganization, type Actor } from '../../test/actors.ts';
import { answerAuthnRequest, createTestIdp, generateKeyPair, type TestIdp } from '../../test/saml-idp.ts';
import {
  baseConfig,
  configureSso,
  postToAcs,
  sessionCookieOf,
  spUrls,
  ssoSignIn,
  startSsoLogin,
} from '../../test/sso-kit.ts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';

let t: TestContext;
let owner: Actor;
let idp: TestIdp;
let orgId: string;
const collaborator = 'casey@acme.test';

async function userinfo(cookie: string | undefined) {
  return t.app.inject({ method: 'GET', url: '/api/v2/userinfo', headers: cookie ? { cookie } : {} });
}

async function refusedAuditCodes(): Promise<string[]> {
  const response = await owner.request({
    method: 'GET',
    url: '/api/v2/audit_events?action=sso.login_refused&count=100',
  });
  return (response.json().results as { after: { code: string } }[]).map((event) => event.after.code);
}

beforeAll(async () => {
  t = await createTestApp();
  owner = await setupOrganization(t.app);
  orgId = owner.orgId;
  idp = createTestIdp();
  const configured = await configureSso(owner, baseConfig(idp));
  expect(configured.statusCode, configured.body).toBe(200);
  await createMember(t.deps, orgId, { name: 'Casey Collaborator', email: collaborator });
});
afterAll(async () => {
  await t?.close();
});

describe('SP-initiated sign-in', () => {
  it('redirects to the IdP with an AuthnRequest, and the signed answer gives an SSO session /userinfo accepts', async () => {
    const { response, request } = await startSsoLogin(t.app, idp, orgId, {
      email: collaborator,
      next: '/clouds',
    });
    const location = new URL(String(response.headers.location));
    expect(`${location.origin}${location.pathname}`).toBe(idp.ssoUrl);
    // RelayState is an opaque reference: the return path stays on the server.
    expect(request.relayState).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(request.relayState).not.toContain('clouds');
    expect(request.acsUrl).toBe(spUrls(t.app, orgId).acsUrl);
    expect(request.issuer).toBe(spUrls(t.app, orgId).entityId);

    const answer = answerAuthnRequest(idp, request, { email: collaborator, now: t.clock.now });
    const acs = await postToAcs(t.app, orgId, answer.samlResponse, answer.relayState);
    expect(acs.statusCode, acs.body).toBe(302);
    expect(acs.headers.location).toBe('/clouds');
    const cookie = sessionCookieOf(acs);
    expect(cookie).toBeDefined();
    const info = await userinfo(cookie);
    expect(info.statusCode).toBe(200);
    expect(info.json().result.email).toBe(collaborator);
    const sessions = await t.deps.database.db
      .selectFrom('sessions')
      .select(['sso'])
      .where('sso', '=', 1)
      .execute();
    expect(sessions.length).toBeGreaterThan(0);
  });

  it('accepts a response signed over the Response instead of the Assertion', async () => {
    const acs = await ssoSignIn(t.app, idp, t.clock, orgId, { email: collaborator, sign: 'response' });
    expect(acs.statusCode, acs.body).toBe(302);
    expect((await userinfo(sessionCookieOf(acs))).statusCode).toBe(200);
  });

  it('never leaves the console: a `next` pointing off-site lands on the start page', async () => {
    for (const next of [
      'https://evil.example/phish',
      '//evil.example',
      '/\\evil.example',
      'javascript:alert(1)',
    ]) {
      const acs = await ssoSignIn(t.app, idp, t.clock, orgId, { email: collaborator, next });
      expect(acs.statusCode, next).toBe(302);
      expect(acs.headers.location, next).toBe('/');
    }
  });

  it('publishes SP metadata naming the entity id and the ACS', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v2/sso/${orgId}/metadata` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/samlmetadata+xml');
    expect(response.body).toContain(`entityID="${spUrls(t.app, orgId).entityId}"`);
    expect(response.body).toContain(`Location="${spUrls(t.app, orgId).acsUrl}"`);
  });
});

describe('the ACS refuses', () => {
  const refuses = async (acs: Awaited<ReturnType<typeof postToAcs>>, code: string) => {
    expect(acs.statusCode, acs.body).toBeGreaterThanOrEqual(400);
    expect(acs.headers['content-type']).toContain('text/html');
    expect(acs.body).toContain(code);
    expect(sessionCookieOf(acs)).toBeUndefined();
    expect(await refusedAuditCodes()).toContain(code);
  };

  it('an unsigned response', async () => {
    await refuses(
      await ssoSignIn(t.app, idp, t.clock, orgId, { email: collaborator, sign: 'none' }),
      'sso_invalid_response',
    );
  });

  it('a response signed by another key', async () => {
    const acs = await ssoSignIn(t.app, idp, t.clock, orgId, {
      email: collaborator,
      signingKey: generateKeyPair('Evil'),
    });
    await refuses(acs, 'sso_invalid_response');
  });

  it('a validly signed assertion wrapped inside a forged one (signature wrapping)', async () => {
    const { request } = await startSsoLogin(t.app, idp, orgId);
    const forged = idp.wrappedResponse({
      email: 'mallory@elsewhere.test',
      forgedEmail: collaborator,
      acsUrl: request.acsUrl!,
      audience: request.issuer,
      inResponseTo: request.id,
      now: t.clock.now,
    });
    await refuses(await postToAcs(t.app, orgId, forged, request.relayState), 'sso_invalid_response');
  });

  it('a NameID with an XML comment inside the email: read whole, it names nobody here', async () => {
    const email = `${collaborator}.evil.test`;
    const acs = await ssoSignIn(t.app, idp, t.clock, orgId, {
      email,
      afterSigning: (xml) =>
        xml.replace(`${email}</saml:NameID>`, `${collaborator}<!---->.evil.test</saml:NameID>`),
    });
    await refuses(acs, 'sso_not_provisioned');
    expect(acs.body).toContain(email);
  });

  it('a wrong audience', async () => {
    await refuses(
      await ssoSignIn(t.app, idp, t.clock, orgId, {
        email: collaborator,
        audience: 'https://other-sp.example/metadata',
      }),
      'sso_invalid_response',
    );
  });

  it('a wrong Recipient or Destination', async () => {
    await refuses(
      await ssoSignIn(t.app, idp, t.clock, orgId, {
        email: collaborator,
        recipient: 'https://other-sp.example/acs',
      }),
      'sso_invalid_response',
    );
    await refuses(
      await ssoSignIn(t.app, idp, t.clock, orgId, {
        email: collaborator,
        destination: 'https://other-sp.example/acs',
      }),
      'sso_invalid_response',
    );
  });

  it('an assertion from another issuer signed with the right key', async () => {
    await refuses(
      await ssoSignIn(t.app, idp, t.clock, orgId, {
        email: collaborator,
        issuer: 'https://impostor.example',
      }),
      'sso_invalid_response',
    );
  });

  it('an expired assertion (past NotOnOrAfter + 2 minutes), and one not yet valid', async () => {
    const past = new Date(t.clock.now.getTime() - 10 * 60_000);
    await refuses(
      await ssoSignIn(t.app, idp, t.clock, orgId, {
        email: collaborator,
        now: past,
        notOnOrAfter: new Date(t.clock.now.getTime() - 3 * 60_000),
      }),
      'sso_invalid_response',
    );
    await refuses(
      await ssoSignIn(t.app, idp, t.clock, orgId, {
        email: collaborator,
        notBefore: new Date(t.clock.now.getTime() + 5 * 60_000),
      }),
      'sso_invalid_response',
    );
  });

  it('accepts clock skew within 2 minutes', async () => {
    const acs = await ssoSignIn(t.app, idp, t.clock, orgId, {
      email: collaborator,
      notOnOrAfter: new Date(t.clock.now.getTime() - 60_000),
      notBefore: new Date(t.clock.now.getTime() + 60_000),
    });
    expect(acs.statusCode, acs.body).toBe(302);
  });

  it('a replayed assertion, and the same AuthnRequest answered twice', async () => {
    const { request } = await startSsoLogin(t.app, idp, orgId);
    const answer = answerAuthnRequest(idp, request, { email: collaborator, now: t.clock.now });
    const first = await postToAcs(t.app, orgId, answer.samlResponse, answer.relayState);
    expect(first.statusCode, first.body).toBe(302);
    await refuses(
      await postToAcs(t.app, orgId, answer.samlResponse, answer.relayState),
      'sso_unknown_request',
    );

    // A fresh request, an assertion ID already seen: the replay cache refuses it.
    const again = await startSsoLogin(t.app, idp, orgId);
    const assertionId = '_replayed-assertion-id';
    const one = answerAuthnRequest(idp, again.request, {
      email: collaborator,
      now: t.clock.now,
      assertionId,
    });
    expect((await postToAcs(t.app, orgId, one.samlResponse, one.relayState)).statusCode).toBe(302);
    const other = await startSsoLogin(t.app, idp, orgId);
    const two = answerAuthnRequest(idp, other.request, {
      email: collaborator,
      now: t.clock.now,
      assertionId,
    });
    await refuses(await postToAcs(t.app, orgId, two.samlResponse, two.relayState), 'sso_replayed_assertion');
  });

  it('a response to an AuthnRequest Roster never sent (unknown InResponseTo)', async () => {
    const { request } = await startSsoLogin(t.app, idp, orgId);
    const answer = answerAuthnRequest(
      idp,
      { ...request, id: '_never-sent-by-roster' },
      { email: collaborator, now: t.clock.now },
    );
    await refuses(
      await postToAcs(t.app, orgId, answer.samlResponse, answer.relayState),
      'sso_unknown_request',
    );
  });

  it('an AuthnRequest that expired before the IdP answered', async () => {
    const { request } = await startSsoLogin(t.app, idp, orgId);
    t.clock.advance(11 * 60_000);
    const answer = answerAuthnRequest(idp, request, { email: collaborator, now: t.clock.now });
    await refuses(
      await postToAcs(t.app, orgId, answer.samlResponse, answer.relayState),
      'sso_unknown_request',
    );
  });

  it('an IdP-initiated response while the owner has not allowed them, and accepts it once allowed', async () => {
    const { acsUrl, entityId } = spUrls(t.app, orgId);
    const unsolicited = () =>
      idp.response({ email: collaborator, acsUrl, audience: entityId, now: t.clock.now });
    await refuses(
      await postToAcs(t.app, orgId, unsolicited(), 'https://evil.example/'),
      'sso_idp_initiated_off',
    );

    expect(
      (
        await configureSso(owner, {
          ...baseConfig(idp),
          idp_metadata_xml: undefined,
          allow_idp_initiated: true,
        })
      ).statusCode,
    ).toBe(200);
    try {
      const acs = await postToAcs(t.app, orgId, unsolicited(), 'https://evil.example/');
      expect(acs.statusCode, acs.body).toBe(302);
      // The IdP's RelayState is not a return path.
      expect(acs.headers.location).toBe('/');
      expect((await userinfo(sessionCookieOf(acs))).statusCode).toBe(200);
    } finally {
      await configureSso(owner, { ...baseConfig(idp), idp_metadata_xml: undefined });
    }
  });

  it('a response posted to another organization’s ACS', async () => {
    const { request } = await startSsoLogin(t.app, idp, orgId);
    const answer = answerAuthnRequest(idp, request, { email: collaborator, now: t.clock.now });
    const response = await postToAcs(t.app, 'no-such-org', answer.samlResponse, answer.relayState);
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('text/html');
  });
});
