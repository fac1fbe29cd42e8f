/**
 * Who an SSO sign-in lets in (members, invitees, just-in-time newcomers at
 * registered domains), sso_mode = required with the owners' break-glass,
 * sign-in discovery, and organizations kept apart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomToken, sha256 } from '../../lib/crypto.ts';
import {
  actorFor,
  createMember,
  createOrganization,
  memberActor,
  setupOrganization,
  testPassword,
  type Actor,
} from '../../test/actors.ts';
import { createTestIdp, type TestIdp } from '../../test/saml-idp.ts';
import { baseConfig, configureSso, sessionCookieOf, ssoSignIn, startSsoLogin } from '../../test/sso-kit.ts';
import { cookieFrom, createTestApp, type TestContext } from '../../test/test-app.ts';

let t: TestContext;
let owner: Actor;
let idp: TestIdp;
let orgId: string;
const newPassword = 'violet harbor compass 42';

async function userinfo(cookie: string | undefined) {
  return t.app.inject({ method: 'GET', url: '/api/v2/userinfo', headers: cookie ? { cookie } : {} });
}

async function passwordSignIn(email: string, password = testPassword) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v2/sessions',
    headers: { 'x-requested-with': 'roster' },
    payload: { email, password },
  });
}

async function members() {
  const response = await owner.request({
    method: 'GET',
    url: '/api/v2/organization_collaborators?count=100',
  });
  return response.json().results as { email: string; source: string; permission_level: string }[];
}

async function invite(email: string, role: 'owner' | 'collaborator' = 'collaborator'): Promise<string> {
  const response = await owner.request({
    method: 'POST',
    url: '/api/v2/organization_invitations',
    payload: { emails: [email], permission_level: role },
  });
  expect(response.statusCode, response.body).toBe(200);
  // The mailed token is not readable here; give the invitation a known one.
  const token = randomToken();
  await t.deps.database.db
    .updateTable('invitations')
    .set({ token_hash: sha256(token) })
    .where('email', '=', email)
    .where('org_id', '=', orgId)
    .execute();
  return token;
}

const config = (overrides: Partial<ReturnType<typeof baseConfig>> = {}) => ({
  ...baseConfig(idp),
  idp_metadata_xml: undefined,
  domains: ['acme.test'],
  ...overrides,
});

beforeAll(async () => {
  t = await createTestApp();
  owner = await setupOrganization(t.app);
  orgId = owner.orgId;
  idp = createTestIdp();
  expect((await configureSso(owner, { ...baseConfig(idp), domains: ['acme.test'] })).statusCode).toBe(200);
});
afterAll(async () => {
  await t?.close();
});

describe('just-in-time provisioning', () => {
  it('off: an unknown address is refused with a page saying so', async () => {
    const acs = await ssoSignIn(t.app, idp, t.clock, orgId, { email: 'newbie@acme.test' });
    expect(acs.statusCode).toBe(403);
    expect(acs.headers['content-type']).toContain('text/html');
    expect(acs.body).toContain('not a member of this organization');
    expect((await members()).map((m) => m.email)).not.toContain('newbie@acme.test');
  });

  it('on: an address at a registered domain becomes a collaborator (source sso_jit), audited', async () => {
    expect(
      (await configureSso(owner, config({ jit_provisioning: true, name_attribute: 'displayName' })))
        .statusCode,
    ).toBe(200);
    const acs = await ssoSignIn(t.app, idp, t.clock, orgId, {
      email: 'newbie@acme.test',
      attributes: { displayName: 'Nia Newbie' },
    });
    expect(acs.statusCode, acs.body).toBe(302);
    const info = await userinfo(sessionCookieOf(acs));
    expect(info.json().result).toMatchObject({
      email: 'newbie@acme.test',
      name: 'Nia Newbie',
      permission_level: 'collaborator',
    });
    expect((await members()).find((m) => m.email === 'newbie@acme.test')).toMatchObject({
      source: 'sso_jit',
      permission_level: 'collaborator',
    });
    const events = await owner.request({
      method: 'GET',
      url: '/api/v2/audit_events?action=member.provisioned',
    });
    expect(events.json().results[0].after).toMatchObject({ via: 'sso_jit' });
  });

  it('on: an address outside the registered domains is refused', async () => {
    const acs = await ssoSignIn(t.app, idp, t.clock, orgId, { email: 'visitor@gmail.test' });
    expect(acs.statusCode).toBe(403);
    expect((await members()).map((m) => m.email)).not.toContain('visitor@gmail.test');
    await configureSso(owner, config());
  });
});

describe('the email the assertion names', () => {
  it('comes from the configured attribute, which must agree with an email NameID', async () => {
    await createMember(t.deps, orgId, { name: 'Ada', email: 'ada@acme.test' });
    await configureSso(owner, config({ email_attribute: 'mail' }));
    try {
      const agreeing = await ssoSignIn(t.app, idp, t.clock, orgId, {
        email: 'ada@acme.test',
        attributes: { mail: 'ADA@acme.test' },
      });
      expect(agreeing.statusCode, agreeing.body).toBe(302);
      const disagreeing = await ssoSignIn(t.app, idp, t.clock, orgId, {
        email: 'mallory@acme.test',
        attributes: { mail: 'ada@acme.test' },
      });
      expect(disagreeing.statusCode).toBe(403);
      expect(disagreeing.body).toContain('sso_email_mismatch');
      // An opaque (persistent) NameID is not an email: the attribute decides.
      const persistent = await ssoSignIn(t.app, idp, t.clock, orgId, {
        email: 'ada@acme.test',
        nameId: 'a1b2c3-persistent',
        nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
        attributes: { mail: 'ada@acme.test' },
      });
      expect(persistent.statusCode, persistent.body).toBe(302);
      expect((await userinfo(sessionCookieOf(persistent))).json().result.email).toBe('ada@acme.test');
    } finally {
      await configureSso(owner, config());
    }
  });
});

describe('the members list', () => {
  it('marks who signed in with SSO and when, filters on it (sso=true / false) and exports it', async () => {
    await createMember(t.deps, orgId, { name: 'Sid Signed', email: 'sid@acme.test' });
    await createMember(t.deps, orgId, { name: 'Pat Password', email: 'pat@acme.test' });
    const before = await owner.request({
      method: 'GET',
      url: '/api/v2/organization_collaborators?email=sid@acme.test',
    });
    expect(before.json().results[0].last_sso_login_at).toBeNull();

    expect((await ssoSignIn(t.app, idp, t.clock, orgId, { email: 'sid@acme.test' })).statusCode).toBe(302);
    const at = t.clock.now.toISOString();
    const list = async (query: string) => {
      const response = await owner.request({
        method: 'GET',
        url: `/api/v2/organization_collaborators?count=100&${query}`,
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as {
        results: { email: string; last_sso_login_at: string | null }[];
        metadata: { total: number };
      };
    };
    const all = await list('');
    expect(all.results.find((m) => m.email === 'sid@acme.test')!.last_sso_login_at).toBe(at);
    expect(all.results.find((m) => m.email === 'pat@acme.test')!.last_sso_login_at).toBeNull();

    const signedIn = await list('sso=true');
    const never = await list('sso=false');
    expect(signedIn.results.map((m) => m.email)).toContain('sid@acme.test');
    expect(signedIn.results.map((m) => m.email)).not.toContain('pat@acme.test');
    expect(signedIn.results.every((m) => m.last_sso_login_at !== null)).toBe(true);
    expect(never.results.map((m) => m.email)).toContain('pat@acme.test');
    expect(never.results.every((m) => m.last_sso_login_at === null)).toBe(true);
    expect(signedIn.metadata.total + never.metadata.total).toBe(all.metadata.total);
    // With a search as well, on both sides.
    expect((await list('sso=true&q=si')).results.map((m) => m.email)).toEqual(['sid@acme.test']);
    expect((await list('sso=false&q=si')).results).toEqual([]);

    const csv = await owner.request({
      method: 'GET',
      url: '/api/v2/organization_collaborators/export?sso=true',
    });
    const [header, ...rows] = csv.body.trim().split(/\r?\n/);
    const column = header!.split(',').indexOf('last_sso_login_at');
    expect(column).toBeGreaterThan(0);
    const sid = rows.find((row) => row.includes('sid@acme.test'))!;
    expect(sid.split(',')[column]).toBe(at);
    expect(rows.some((row) => row.includes('pat@acme.test'))).toBe(false);
  });
});

describe('invitations', () => {
  it('a pending invitation is accepted by the SSO sign-in, with its role', async () => {
    await invite('ivy@partner.test', 'owner');
    const acs = await ssoSignIn(t.app, idp, t.clock, orgId, { email: 'ivy@partner.test' });
    expect(acs.statusCode, acs.body).toBe(302);
    expect((await userinfo(sessionCookieOf(acs))).json().result).toMatchObject({
      email: 'ivy@partner.test',
      permission_level: 'owner',
    });
    const list = await owner.request({ method: 'GET', url: '/api/v2/organization_invitations' });
    expect((list.json().results as { email: string }[]).map((i) => i.email)).not.toContain(
      'ivy@partner.test',
    );
    const events = await owner.request({
      method: 'GET',
      url: '/api/v2/audit_events?action=invitation.accepted',
    });
    expect(events.json().results[0].after).toMatchObject({ via: 'sso', permission_level: 'owner' });
  });
});

describe('sso_mode = required', () => {
  let collaborator: Actor;

  beforeAll(async () => {
    collaborator = await memberActor(t.app, orgId, { name: 'Cole', email: 'cole@acme.test' });
  });

  it('cannot be switched on until the acting owner completed one SSO sign-in', async () => {
    const refused = await configureSso(owner, config({ sso_mode: 'required' }));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('sso_login_required_first');
    expect(refused.json().error.message).toMatch(/locked out/);

    expect((await ssoSignIn(t.app, idp, t.clock, orgId, { email: owner.email })).statusCode).toBe(302);
    const switched = await configureSso(owner, config({ sso_mode: 'required' }));
    expect(switched.statusCode, switched.body).toBe(200);
    expect(switched.json().result).toMatchObject({ sso_mode: 'required', owner_has_sso_login: true });
    const events = await owner.request({
      method: 'GET',
      url: '/api/v2/audit_events?action=sso_config.updated',
    });
    const modes = (events.json().results as { after: { sso_mode: string } }[]).map(
      (event) => event.after.sso_mode,
    );
    expect(modes).toContain('required');
  });

  it('refuses a collaborator’s password sign-in with "Your organization signs in with SSO"', async () => {
    for (const password of [testPassword, 'not the password at all']) {
      const response = await passwordSignIn(collaborator.email, password);
      expect(response.statusCode).toBe(403);
      expect(response.json().error).toMatchObject({
        code: 'sso_required',
        message: 'Your organization signs in with SSO.',
      });
    }
    // Through the IdP they still get in.
    const acs = await ssoSignIn(t.app, idp, t.clock, orgId, { email: collaborator.email });
    expect(acs.statusCode).toBe(302);
    expect((await userinfo(sessionCookieOf(acs))).statusCode).toBe(200);
  });

  it('keeps password sign-in for owners (break-glass)', async () => {
    const response = await passwordSignIn(owner.email);
    expect(response.statusCode, response.body).toBe(200);
  });

  it('refuses a collaborator’s password reset, not an owner’s', async () => {
    const issue = async (email: string) => {
      const token = randomToken();
      await t.deps.database.db
        .insertInto('password_resets')
        .values({
          id: token.slice(0, 12),
          email,
          token_hash: sha256(token),
          created_at: t.clock.now.toISOString(),
          expires_at: new Date(t.clock.now.getTime() + 600_000).toISOString(),
          used_at: null,
        })
        .execute();
      return token;
    };
    const complete = (token: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v2/password_reset_completions',
        headers: { 'x-requested-with': 'roster' },
        payload: { token, password: newPassword },
      });
    const collaboratorReset = await complete(await issue(collaborator.email));
    expect(collaboratorReset.statusCode).toBe(403);
    expect(collaboratorReset.json().error.code).toBe('sso_required');
    const preview = await t.app.inject({
      method: 'POST',
      url: '/api/v2/password_reset_completions/preview',
      headers: { 'x-requested-with': 'roster' },
      payload: { token: await issue(collaborator.email) },
    });
    expect(preview.statusCode).toBe(403);
    const ownerReset = await complete(await issue(owner.email));
    expect(ownerReset.statusCode, ownerReset.body).toBe(204);
    const again = await passwordSignIn(owner.email, newPassword);
    expect(again.statusCode).toBe(200);
    // The reset ended the owner's sessions: carry on with the new one.
    owner = actorFor(t.app, owner, cookieFrom(again));
  });

  it('refuses accepting a collaborator invitation with a password; the SSO sign-in accepts it', async () => {
    const token = await invite('gus@acme.test');
    const preview = await t.app.inject({
      method: 'POST',
      url: '/api/v2/invitation_acceptances/preview',
      headers: { 'x-requested-with': 'roster' },
      payload: { token },
    });
    expect(preview.json().result.sso).toEqual({
      login_url: `/api/v2/sso/${orgId}/login?email=gus%40acme.test`,
      required: true,
    });
    const byPassword = await t.app.inject({
      method: 'POST',
      url: '/api/v2/invitation_acceptances',
      headers: { 'x-requested-with': 'roster' },
      payload: { token, name: 'Gus', password: newPassword },
    });
    expect(byPassword.statusCode).toBe(403);
    expect(byPassword.json().error.code).toBe('sso_required');
    const acs = await ssoSignIn(t.app, idp, t.clock, orgId, { email: 'gus@acme.test' });
    expect(acs.statusCode, acs.body).toBe(302);
  });

  it('discovery says SSO is required for the domain and for members', async () => {
    const discover = (email: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v2/auth/sso_discovery',
        headers: { 'x-requested-with': 'roster' },
        payload: { email },
      });
    const byDomain = await discover('Someone@ACME.test');
    expect(byDomain.json().result.sso).toEqual({
      organization_id: orgId,
      organization_name: 'Acme',
      login_url: `/api/v2/sso/${orgId}/login?email=someone%40acme.test`,
      required: true,
    });
    // A member at another domain is routed by their membership.
    expect((await discover('ivy@partner.test')).json().result.sso).toMatchObject({ organization_id: orgId });
    expect((await discover('nobody@nowhere.test')).json().result).toEqual({ sso: null });
  });
});

describe('tenant isolation', () => {
  it('another organization’s IdP cannot sign anyone into this one, nor this IdP into it', async () => {
    const otherOrg = await createOrganization(t.deps, 'Globex');
    const otherOwner = await memberActor(t.app, otherOrg, {
      name: 'Gina',
      email: 'gina@globex.test',
      role: 'owner',
    });
    const otherIdp = createTestIdp();
    expect(
      (await configureSso(otherOwner, { ...baseConfig(otherIdp), domains: ['globex.test'] })).statusCode,
    ).toBe(200);
    await createMember(t.deps, otherOrg, { name: 'Hank', email: 'hank@globex.test' });

    // Globex's IdP answers an AuthnRequest of Acme: Acme refuses it (not its certificate, not its issuer).
    const acmeRequest = (await startSsoLogin(t.app, idp, orgId)).request;
    const fromGlobexIdp = otherIdp.response({
      email: 'cole@acme.test',
      acsUrl: acmeRequest.acsUrl!,
      audience: acmeRequest.issuer,
      inResponseTo: acmeRequest.id,
      now: t.clock.now,
    });
    const intoAcme = await t.app.inject({
      method: 'POST',
      url: `/api/v2/sso/${orgId}/acs`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ SAMLResponse: fromGlobexIdp }).toString(),
    });
    expect(intoAcme.statusCode).toBe(400);
    // Acme's IdP (a valid signer for Acme) cannot sign someone into Globex.
    const { request } = await startSsoLogin(t.app, otherIdp, otherOrg);
    const forged = idp.response({
      email: 'hank@globex.test',
      acsUrl: request.acsUrl!,
      audience: request.issuer,
      inResponseTo: request.id,
      now: t.clock.now,
    });
    const form = new URLSearchParams({ SAMLResponse: forged, RelayState: request.relayState ?? '' });
    const intoGlobex = await t.app.inject({
      method: 'POST',
      url: `/api/v2/sso/${otherOrg}/acs`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form.toString(),
    });
    expect(intoGlobex.statusCode).toBe(400);
    // A response for Acme's ACS posted to Globex's: wrong audience and recipient.
    const acmeStart = await startSsoLogin(t.app, idp, orgId);
    const forAcme = idp.response({
      email: 'hank@globex.test',
      acsUrl: acmeStart.request.acsUrl!,
      audience: acmeStart.request.issuer,
      inResponseTo: acmeStart.request.id,
      now: t.clock.now,
    });
    const crossPosted = await t.app.inject({
      method: 'POST',
      url: `/api/v2/sso/${otherOrg}/acs`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ SAMLResponse: forAcme }).toString(),
    });
    expect(crossPosted.statusCode).toBe(400);
    // Globex's owner sees only Globex's configuration and audit.
    const config = await otherOwner.request({ method: 'GET', url: '/api/v2/sso_config' });
    expect(config.json().result).toMatchObject({
      idp_entity_id: otherIdp.entityId,
      domains: ['globex.test'],
    });
    const audit = await otherOwner.request({
      method: 'GET',
      url: '/api/v2/audit_events?action=sso.login_refused',
    });
    expect(audit.json().results.length).toBeGreaterThan(0);
    const acmeRefusals = await owner.request({
      method: 'GET',
      url: '/api/v2/audit_events?action=sso.login_refused',
    });
    expect(
      (acmeRefusals.json().results as { target: { id: string } }[]).every(
        (event) => event.target.id === orgId,
      ),
    ).toBe(true);
  });
});
