import crypto from 'node:crypto';
import { emailProblem } from '#contract/email-address.ts';
import { errorCodes } from '#contract/errors.ts';
import { safeNext } from '#contract/safe-next.ts';
import {
  ssoErrorCodes,
  ssoPaths,
  type ParsedAssertion,
  type SsoConfig,
  type SsoConfigBody,
  type SsoDiscovery,
  type SsoTestBody,
  type SsoTestResult,
  type SsoTestStart,
} from '#contract/sso.ts';
import type { AppDeps } from '../../deps.ts';
import { newId, randomToken } from '../../lib/crypto.ts';
import { AppError, badRequest, conflict, notFound } from '../../lib/errors.ts';
import { cancelInvitationMail } from '../../mail/outbox.ts';
import * as audit from '../audit/audit.repository.ts';
import type { AuditActor } from '../audit/audit.repository.ts';
import * as auth from '../auth/auth.service.ts';
import type { Principal, SessionClient } from '../auth/auth.service.ts';
import { applyInvitationAccess } from '../invitations/invitation-access.ts';
import { isUniqueViolation } from '../invitations/invitations.repository.ts';
import * as members from '../members/members.repository.ts';
import { requireOwnerUnderLock, underOrganizationLock } from '../members/owner-lock.ts';
import * as rateLimits from '../rate-limits/rate-limits.service.ts';
import { certificateInfo, fetchIdpMetadata, parseIdpMetadata, type IdpMetadata } from './idp-metadata.ts';
import {
  SamlRefusal,
  authnRequestUrl,
  serviceProviderMetadata,
  verifyResponse,
  type IdentityProvider,
  type ServiceProvider,
  type VerifiedAssertion,
} from './saml-protocol.ts';
import * as repo from './sso.repository.ts';

/** How long an AuthnRequest waits for the IdP's answer. */
const requestTtlMs = 10 * 60_000;
const emailNameIdFormat = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';
const unspecifiedNameIdFormat = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';
/** Where a test connection lands when the console named no page. */
export const defaultTestReturnPath = '/settings/single-sign-on';
/** Where a sign-in lands when it named no (or no acceptable) page. */
const defaultReturnPath = '/';

/**
 * A refusal a browser lands on (the ACS, the login start): a page, not JSON.
 * The routes render it; the code is the one the audit log and the test result use.
 */
export class SsoPageError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly title: string,
    message: string,
  ) {
    super(message);
    this.name = 'SsoPageError';
  }
}

export function serviceProvider(deps: AppDeps, orgId: string): ServiceProvider {
  return {
    entityId: `${deps.config.publicUrl}${ssoPaths.metadata(orgId)}`,
    acsUrl: `${deps.config.publicUrl}${ssoPaths.acs(orgId)}`,
  };
}

function identityProvider(row: repo.SsoConfigRow): IdentityProvider {
  return {
    entityId: row.idp_entity_id,
    ssoUrl: row.idp_sso_url,
    certificates: JSON.parse(row.idp_certificates) as string[],
  };
}

function toConfig(
  deps: AppDeps,
  orgId: string,
  row: repo.SsoConfigRow | undefined,
  domains: string[],
  ownerHasSsoLogin: boolean,
): SsoConfig {
  const sp = serviceProvider(deps, orgId);
  const now = deps.config.now();
  return {
    configured: row !== undefined,
    sso_mode: row?.sso_mode ?? 'off',
    jit_provisioning: row?.jit_provisioning === 1,
    allow_idp_initiated: row?.allow_idp_initiated === 1,
    domains,
    email_attribute: row?.email_attribute ?? null,
    name_attribute: row?.name_attribute ?? null,
    groups_attribute: row?.groups_attribute ?? null,
    idp_metadata_url: row?.idp_metadata_url ?? null,
    idp_entity_id: row?.idp_entity_id ?? null,
    idp_sso_url: row?.idp_sso_url ?? null,
    idp_certificates: row ? identityProvider(row).certificates.map((body) => certificateInfo(body, now)) : [],
    sp_entity_id: sp.entityId,
    acs_url: sp.acsUrl,
    sp_metadata_url: sp.entityId,
    login_url: `${deps.config.publicUrl}${ssoPaths.login(orgId)}`,
    owner_has_sso_login: ownerHasSsoLogin,
    updated_at: row?.updated_at ?? null,
  };
}

export async function getConfig(deps: AppDeps, principal: Principal): Promise<SsoConfig> {
  const db = deps.database.db;
  const [row, domains, ssoLoginAt] = await Promise.all([
    repo.findConfig(db, principal.orgId),
    repo.listDomains(db, principal.orgId),
    repo.findSsoLoginAt(db, principal.memberId),
  ]);
  return toConfig(deps, principal.orgId, row, domains, ssoLoginAt !== null);
}

async function readMetadata(
  body: SsoConfigBody,
): Promise<{ metadata: IdpMetadata; url: string | null } | null> {
  if (body.idp_metadata_xml !== undefined && body.idp_metadata_url !== undefined) {
    throw badRequest(errorCodes.badRequest, 'Give the IdP metadata either as XML or as a URL, not both.');
  }
  if (body.idp_metadata_xml !== undefined)
    return { metadata: parseIdpMetadata(body.idp_metadata_xml), url: null };
  if (body.idp_metadata_url !== undefined) {
    const xml = await fetchIdpMetadata(body.idp_metadata_url);
    return { metadata: parseIdpMetadata(xml), url: body.idp_metadata_url };
  }
  return null;
}

/** What the audit log keeps of a configuration (no certificates in full, their fingerprints). */
function auditView(row: repo.SsoConfigRow | undefined, domains: string[]) {
  if (!row) return null;
  return {
    sso_mode: row.sso_mode,
    jit_provisioning: row.jit_provisioning === 1,
    allow_idp_initiated: row.allow_idp_initiated === 1,
    domains,
    email_attribute: row.email_attribute,
    name_attribute: row.name_attribute,
    groups_attribute: row.groups_attribute,
    idp_entity_id: row.idp_entity_id,
    idp_sso_url: row.idp_sso_url,
    idp_metadata_url: row.idp_metadata_url,
    idp_certificates: (JSON.parse(row.idp_certificates) as string[]).map((body) =>
      crypto.createHash('sha256').update(Buffer.from(body, 'base64')).digest('hex'),
    ),
  };
}

export async function putConfig(
  deps: AppDeps,
  principal: Principal,
  actor: AuditActor,
  body: SsoConfigBody,
): Promise<SsoConfig> {
  // Fetching and parsing happen before the lock: a slow IdP must not hold the organization's writes.
  const read = await readMetadata(body);
  const domains = [...new Set(body.domains)].sort();
  const orgId = principal.orgId;
  await underOrganizationLock(deps, orgId, async (trx) => {
    await requireOwnerUnderLock(trx, principal);
    const before = await repo.findConfig(trx, orgId);
    const domainsBefore = await repo.listDomains(trx, orgId);
    if (!read && !before) {
      throw badRequest(
        ssoErrorCodes.metadataRequired,
        "Add your identity provider's metadata (paste the XML or give its URL) first.",
      );
    }
    const taken = await repo.findDomainsOfOtherOrganizations(trx, orgId, domains);
    if (taken.length > 0) {
      throw conflict(
        ssoErrorCodes.domainTaken,
        `${taken.join(', ')} ${taken.length === 1 ? 'is' : 'are'} already registered for SSO by another organization.`,
      );
    }
    if (body.sso_mode === 'required' && before?.sso_mode !== 'required') {
      const ssoLoginAt = await repo.findSsoLoginAt(trx, principal.memberId);
      if (ssoLoginAt === null) {
        throw conflict(
          ssoErrorCodes.ssoLoginRequiredFirst,
          'Sign in with SSO yourself once (or run Test connection with your own account) before requiring SSO, so the organization cannot be locked out.',
        );
      }
    }
    const at = deps.config.now().toISOString();
    const row: repo.SsoConfigRow = {
      org_id: orgId,
      idp_entity_id: read?.metadata.entityId ?? before!.idp_entity_id,
      idp_sso_url: read?.metadata.ssoUrl ?? before!.idp_sso_url,
      idp_certificates: read ? JSON.stringify(read.metadata.certificates) : before!.idp_certificates,
      idp_metadata_url: read ? read.url : before!.idp_metadata_url,
      sso_mode: body.sso_mode,
      jit_provisioning: body.jit_provisioning ? 1 : 0,
      allow_idp_initiated: body.allow_idp_initiated ? 1 : 0,
      email_attribute: body.email_attribute ?? null,
      name_attribute: body.name_attribute ?? null,
      groups_attribute: body.groups_attribute ?? null,
      created_at: before?.created_at ?? at,
      updated_at: at,
    };
    await repo.upsertConfig(trx, row);
    try {
      await repo.replaceDomains(trx, orgId, domains, at);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw conflict(
          ssoErrorCodes.domainTaken,
          'One of these domains was just registered by another organization.',
        );
      }
      throw error;
    }
    await repo.setOrganizationSsoEnabled(trx, orgId, body.sso_mode !== 'off');
    await audit.insertAuditEvent(trx, {
      orgId,
      actor,
      action: before ? 'sso_config.updated' : 'sso_config.created',
      targetType: 'sso_config',
      targetId: orgId,
      targetLabel: 'Single sign-on',
      before: auditView(before, domainsBefore),
      after: auditView(row, domains),
      at,
    });
  });
  return getConfig(deps, principal);
}

/** The SP metadata to load into the IdP (public: it holds nothing secret). */
export async function spMetadata(deps: AppDeps, orgId: string): Promise<string> {
  if (!(await repo.findOrganizationName(deps.database.db, orgId))) throw notFound('This organization');
  return serviceProviderMetadata(serviceProvider(deps, orgId));
}

const newRequestId = () => `_${crypto.randomBytes(20).toString('hex')}`;

async function createAuthnRequest(
  deps: AppDeps,
  orgId: string,
  row: repo.SsoConfigRow,
  input: { purpose: 'login' | 'test'; returnPath: string; testId: string | null; loginHint?: string },
): Promise<string> {
  const id = newRequestId();
  const relayState = randomToken();
  const now = deps.config.now();
  await repo.deleteExpiredRequests(deps.database.db, now.toISOString());
  await repo.insertRequest(deps.database.db, {
    id,
    org_id: orgId,
    purpose: input.purpose,
    relay_state: relayState,
    return_path: input.returnPath,
    test_id: input.testId,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + requestTtlMs).toISOString(),
    consumed_at: null,
  });
  const url = new URL(
    await authnRequestUrl(serviceProvider(deps, orgId), identityProvider(row), id, relayState),
  );
  // Entra ID and others prefill the account picker from login_hint.
  if (input.loginHint) url.searchParams.set('login_hint', input.loginHint);
  return url.toString();
}

const notConfiguredPage = () =>
  new SsoPageError(
    404,
    ssoErrorCodes.ssoNotConfigured,
    'Single sign-on is not set up',
    'This organization does not sign in with SSO. Sign in with your email and password instead.',
  );

/** SP-initiated sign-in: the IdP URL to redirect the browser to. */
export async function startLogin(
  deps: AppDeps,
  orgId: string,
  input: { email?: string | undefined; next?: string | undefined },
): Promise<string> {
  const row = await repo.findConfig(deps.database.db, orgId);
  if (!row) throw notConfiguredPage();
  if (row.sso_mode === 'off') {
    throw new SsoPageError(
      409,
      ssoErrorCodes.ssoOff,
      'Single sign-on is off',
      'An owner of this organization turned single sign-on off. Sign in with your email and password instead.',
    );
  }
  const hint =
    input.email && emailProblem(input.email.toLowerCase()) === undefined
      ? input.email.toLowerCase()
      : undefined;
  return createAuthnRequest(deps, orgId, row, {
    purpose: 'login',
    returnPath: safeNext(input.next, defaultReturnPath),
    testId: null,
    ...(hint ? { loginHint: hint } : {}),
  });
}

function withQuery(path: string, name: string, value: string): string {
  const url = new URL(path, 'https://roster.invalid');
  url.searchParams.set(name, value);
  return `${url.pathname}${url.search}${url.hash}`;
}

/** A test connection: a full login whose assertion is shown instead of signing anyone in. */
export async function startTest(
  deps: AppDeps,
  principal: Principal,
  body: SsoTestBody,
): Promise<SsoTestStart> {
  const row = await repo.findConfig(deps.database.db, principal.orgId);
  if (!row) {
    throw conflict(
      ssoErrorCodes.ssoNotConfigured,
      "Save your identity provider's metadata before testing the connection.",
    );
  }
  const id = newId();
  await repo.insertTest(deps.database.db, {
    id,
    org_id: principal.orgId,
    created_by: principal.memberId,
    status: 'pending',
    assertion: null,
    failure_code: null,
    failure_message: null,
    created_at: deps.config.now().toISOString(),
    completed_at: null,
  });
  const returnPath = withQuery(safeNext(body.next, defaultTestReturnPath), 'sso_test', id);
  const loginUrl = await createAuthnRequest(deps, principal.orgId, row, {
    purpose: 'test',
    returnPath,
    testId: id,
    loginHint: principal.email,
  });
  return { id, login_url: loginUrl };
}

export async function getTest(deps: AppDeps, principal: Principal, id: string): Promise<SsoTestResult> {
  const row = await repo.findTest(deps.database.db, principal.orgId, id);
  if (!row) throw notFound('This test connection');
  return {
    id: row.id,
    status: row.status,
    created_at: row.created_at,
    completed_at: row.completed_at,
    assertion: row.assertion ? (JSON.parse(row.assertion) as ParsedAssertion) : null,
    failure:
      row.failure_code !== null ? { code: row.failure_code, message: row.failure_message ?? '' } : null,
  };
}

function normalizeEmail(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const email = value.trim().normalize('NFC').toLowerCase();
  return email;
}

/** The email, name and groups an assertion gives, by the owner's attribute mapping. */
function parseAssertion(
  row: repo.SsoConfigRow,
  verified: VerifiedAssertion,
): ParsedAssertion & { problem?: SamlRefusal } {
  const attribute = (name: string | null) => (name ? verified.attributes[name]?.[0] : undefined);
  const fromAttribute = normalizeEmail(attribute(row.email_attribute));
  const format = verified.nameIdFormat;
  const nameIdIsEmail =
    format === emailNameIdFormat ||
    ((format === null || format === unspecifiedNameIdFormat) && verified.nameId.includes('@'));
  const fromNameId = normalizeEmail(verified.nameId);
  let email = fromAttribute ?? fromNameId;
  let problem: SamlRefusal | undefined;
  if (fromAttribute !== undefined && nameIdIsEmail && fromAttribute !== fromNameId) {
    problem = new SamlRefusal(
      ssoErrorCodes.emailMismatch,
      `Your identity provider named two different addresses (${fromNameId} as NameID, ${fromAttribute} as ${row.email_attribute}). Ask an owner to check the SSO attribute mapping.`,
    );
  }
  if (email !== undefined && emailProblem(email) !== undefined) {
    problem ??= new SamlRefusal(
      ssoErrorCodes.noEmail,
      `Your identity provider did not send a usable email address (got "${email}"). Ask an owner to check the SSO attribute mapping.`,
    );
    email = undefined;
  }
  const name = attribute(row.name_attribute)?.trim() || null;
  const groups = row.groups_attribute ? (verified.attributes[row.groups_attribute] ?? []) : [];
  return {
    issuer: verified.issuer,
    name_id: verified.nameId,
    name_id_format: verified.nameIdFormat,
    email: email ?? null,
    name,
    groups,
    attributes: verified.attributes,
    session_index: verified.sessionIndex,
    ...(problem ? { problem } : {}),
  };
}

export type AcsOutcome = {
  /** Where the browser goes next (a path of the console). */
  redirect: string;
  /** A session to set as the cookie (a sign-in). */
  session?: { sessionId: string; expiresAt: Date };
};

const refusalTitle = 'Single sign-on did not sign you in';

function refusalPage(refusal: SamlRefusal, status = 403): SsoPageError {
  return new SsoPageError(status, refusal.code, refusalTitle, refusal.message);
}

/** The Response's own InResponseTo, read before any check: only to file a failed test under its test. */
function claimedInResponseTo(samlResponse: string): string | null {
  const xml = Buffer.from(samlResponse, 'base64').toString('utf8').slice(0, 4096);
  return /<(?:\w+:)?Response\b[^>]*\sInResponseTo="([^"]{1,200})"/.exec(xml)?.[1] ?? null;
}

async function auditRefusal(
  deps: AppDeps,
  orgId: string,
  ip: string | null,
  refusal: SamlRefusal,
  email: string | null,
): Promise<void> {
  await audit.insertAuditEvent(deps.database.db, {
    orgId,
    actor: { memberId: null, apiKeyId: null, ip },
    action: 'sso.login_refused',
    targetType: 'sso_config',
    targetId: orgId,
    targetLabel: email ?? 'Single sign-on',
    after: {
      code: refusal.code,
      reason: refusal.message,
      ...(refusal.detail ? { detail: refusal.detail } : {}),
    },
    at: deps.config.now().toISOString(),
  });
}

async function failTest(deps: AppDeps, testId: string, refusal: SamlRefusal): Promise<void> {
  await repo.completeTest(deps.database.db, testId, {
    status: 'failed',
    assertion: null,
    failure_code: refusal.code,
    failure_message: refusal.detail ? `${refusal.message} (${refusal.detail})` : refusal.message,
    completed_at: deps.config.now().toISOString(),
  });
}

/**
 * The Assertion Consumer Service: checks the IdP's POST and signs the person
 * in (or completes a test connection). Needs no cookie: the AuthnRequest it
 * answers is found in the database by InResponseTo.
 */
export async function consumeAssertion(
  deps: AppDeps,
  orgId: string,
  form: { SAMLResponse?: string | undefined; RelayState?: string | undefined },
  client: SessionClient,
): Promise<AcsOutcome> {
  const ip = client.ip ?? null;
  try {
    await rateLimits.consume(
      deps.database,
      `sso-acs:ip:${ip}`,
      {
        max: 300,
        windowMs: 15 * 60_000,
        message: 'Too many sign-in attempts. Wait 15 minutes and try again.',
      },
      deps.config.now(),
    );
  } catch (error) {
    if (error instanceof AppError) throw new SsoPageError(429, error.code, refusalTitle, error.message);
    throw error;
  }
  const row = await repo.findConfig(deps.database.db, orgId);
  if (!row) throw notConfiguredPage();
  const samlResponse = form.SAMLResponse;
  if (!samlResponse) {
    throw refusalPage(
      new SamlRefusal(ssoErrorCodes.invalidResponse, 'The identity provider sent no SAML response.'),
      400,
    );
  }
  const sp = serviceProvider(deps, orgId);
  const now = deps.config.now();
  let verified: VerifiedAssertion;
  try {
    verified = await verifyResponse(sp, identityProvider(row), samlResponse, now);
  } catch (error) {
    if (!(error instanceof SamlRefusal)) throw error;
    // A failed test connection is shown in the console, under its test.
    const claimed = claimedInResponseTo(samlResponse);
    const request = claimed
      ? await repo.consumeRequest(deps.database.db, orgId, claimed, now.toISOString())
      : undefined;
    if (request?.purpose === 'test' && request.test_id) {
      await failTest(deps, request.test_id, error);
      await auditRefusal(deps, orgId, ip, error, null);
      return { redirect: request.return_path };
    }
    await auditRefusal(deps, orgId, ip, error, null);
    throw refusalPage(error, 400);
  }

  const at = now.toISOString();
  let request: Awaited<ReturnType<typeof repo.consumeRequest>>;
  if (verified.inResponseTo) {
    request = await repo.consumeRequest(deps.database.db, orgId, verified.inResponseTo, at);
    if (!request || (form.RelayState !== undefined && form.RelayState !== request.relay_state)) {
      const refusal = new SamlRefusal(
        ssoErrorCodes.unknownRequest,
        'This sign-in response does not answer a sign-in Roster started, or it was already used or has expired. Start again from the sign-in page.',
        `InResponseTo ${verified.inResponseTo}`,
      );
      await auditRefusal(deps, orgId, ip, refusal, null);
      throw refusalPage(refusal, 400);
    }
  } else if (row.allow_idp_initiated !== 1) {
    const refusal = new SamlRefusal(
      ssoErrorCodes.idpInitiatedOff,
      'Signing in from the identity provider’s app list is off for this organization. Start from the Roster sign-in page.',
    );
    await auditRefusal(deps, orgId, ip, refusal, null);
    throw refusalPage(refusal, 400);
  }

  const fail = async (refusal: SamlRefusal, email: string | null): Promise<never | AcsOutcome> => {
    if (request?.purpose === 'test' && request.test_id) {
      await failTest(deps, request.test_id, refusal);
      await auditRefusal(deps, orgId, ip, refusal, email);
      return { redirect: request.return_path };
    }
    await auditRefusal(deps, orgId, ip, refusal, email);
    throw refusalPage(refusal);
  };

  if (
    !(await repo.rememberAssertion(
      deps.database.db,
      { org_id: orgId, assertion_id: verified.assertionId, expires_at: verified.expiresAt.toISOString() },
      at,
    ))
  ) {
    return fail(
      new SamlRefusal(
        ssoErrorCodes.replayed,
        'This sign-in response was already used. Start again from the sign-in page.',
        `assertion ${verified.assertionId}`,
      ),
      null,
    );
  }

  const parsed = parseAssertion(row, verified);
  const { problem, ...assertion } = parsed;
  if (problem) return fail(problem, assertion.email);
  const email = assertion.email;
  if (!email) {
    return fail(
      new SamlRefusal(
        ssoErrorCodes.noEmail,
        'Your identity provider did not send an email address. Ask an owner to check the SSO attribute mapping.',
      ),
      null,
    );
  }

  if (request?.purpose === 'test' && request.test_id) {
    const test = await repo.findTest(deps.database.db, orgId, request.test_id);
    await repo.completeTest(deps.database.db, request.test_id, {
      status: 'succeeded',
      assertion: JSON.stringify(assertion),
      failure_code: null,
      failure_message: null,
      completed_at: at,
    });
    // The owner who ran it proved the IdP signs them in: that counts as their SSO login.
    if (test) {
      const tester = await members.findMember(deps.database.db, orgId, test.created_by);
      if (tester && tester.email === email) await repo.markSsoLogin(deps.database.db, tester.id, at);
    }
    await audit.insertAuditEvent(deps.database.db, {
      orgId,
      actor: { memberId: test?.created_by ?? null, apiKeyId: null, ip },
      action: 'sso_config.tested',
      targetType: 'sso_config',
      targetId: orgId,
      targetLabel: email,
      after: { status: 'succeeded', email, issuer: assertion.issuer },
      at,
    });
    return { redirect: request.return_path };
  }

  if (row.sso_mode === 'off') {
    return fail(
      new SamlRefusal(
        ssoErrorCodes.ssoOff,
        'An owner of this organization turned single sign-on off. Sign in with your email and password instead.',
      ),
      email,
    );
  }

  const signedIn = await signInMember(deps, orgId, row, { email, name: assertion.name }, ip);
  if ('refusal' in signedIn) return fail(signedIn.refusal, email);
  const session = await auth.startSession(deps, signedIn.memberId, { ...client, sso: true });
  return { redirect: request?.return_path ?? defaultReturnPath, session };
}

/**
 * The member the assertion names: an active member; else one made from their
 * pending invitation (the SSO login accepts it); else, when the owner allows
 * it and the address is at a registered domain, a collaborator provisioned
 * just in time.
 */
async function signInMember(
  deps: AppDeps,
  orgId: string,
  row: repo.SsoConfigRow,
  person: { email: string; name: string | null },
  ip: string | null,
): Promise<{ memberId: string } | { refusal: SamlRefusal }> {
  const domain = person.email.slice(person.email.lastIndexOf('@') + 1);
  return underOrganizationLock(deps, orgId, async (trx) => {
    const at = deps.config.now().toISOString();
    const existing = await members.findActiveMemberByEmail(trx, orgId, person.email);
    if (existing) {
      if (existing.is_service_account === 1) {
        return {
          refusal: new SamlRefusal(
            ssoErrorCodes.notProvisioned,
            `${person.email} is a service account; service accounts never sign in.`,
          ),
        };
      }
      await repo.markSsoLogin(trx, existing.id, at);
      return { memberId: existing.id };
    }
    const name = person.name ?? person.email.slice(0, person.email.indexOf('@'));
    const actor = (memberId: string) => ({ memberId, apiKeyId: null, ip });
    const invitation = await repo.findUsableInvitationByEmail(trx, orgId, person.email, at);
    if (invitation) {
      const memberId = newId();
      if (!(await repo.markInvitationAcceptedBySso(trx, { id: invitation.id, memberId, at }))) {
        return {
          refusal: new SamlRefusal(
            ssoErrorCodes.notProvisioned,
            'Your invitation could not be accepted. Try again.',
          ),
        };
      }
      await members.insertMember(trx, {
        id: memberId,
        user_id: newId(),
        org_id: orgId,
        email: person.email,
        name,
        role: invitation.role,
        password_hash: null,
        created_at: at,
        invited_by: invitation.invited_by,
        sso_login_at: at,
      });
      const given = await applyInvitationAccess(trx, { ...invitation, org_id: orgId }, memberId, at);
      await cancelInvitationMail(trx, invitation.id);
      await audit.insertAuditEvent(trx, {
        orgId,
        actor: actor(memberId),
        action: 'invitation.accepted',
        targetType: 'invitation',
        targetId: invitation.id,
        targetLabel: person.email,
        after: { member_id: memberId, permission_level: invitation.role, ...given, via: 'sso' },
        at,
      });
      return { memberId };
    }
    const domains = await repo.listDomains(trx, orgId);
    if (row.jit_provisioning !== 1 || !domains.includes(domain)) {
      return {
        refusal: new SamlRefusal(
          ssoErrorCodes.notProvisioned,
          `Your identity provider signed you in as ${person.email}, but that address is not a member of this organization. Ask an owner to invite you.`,
          row.jit_provisioning === 1
            ? `domain ${domain} is not registered`
            : 'just-in-time provisioning is off',
        ),
      };
    }
    const memberId = newId();
    await members.insertMember(trx, {
      id: memberId,
      user_id: newId(),
      org_id: orgId,
      email: person.email,
      name,
      role: 'collaborator',
      password_hash: null,
      created_at: at,
      invited_by: null,
      source: 'sso_jit',
      sso_login_at: at,
    });
    await audit.insertAuditEvent(trx, {
      orgId,
      actor: actor(memberId),
      action: 'member.provisioned',
      targetType: 'member',
      targetId: memberId,
      targetLabel: `${name} <${person.email}>`,
      after: { permission_level: 'collaborator', via: 'sso_jit' },
      at,
    });
    return { memberId };
  }).catch((error: unknown) => {
    // Two first logins at once: the second finds the member the first created.
    if (isUniqueViolation(error)) return signInMember(deps, orgId, row, person, ip);
    throw error;
  });
}

const discoveryRule = {
  max: 300,
  windowMs: 15 * 60_000,
  message: 'Too many sign-in lookups from your network. Wait 15 minutes and try again.',
};

/**
 * Which sign-in an address gets: the organization that registered its domain,
 * else the first organization it belongs to with SSO on.
 */
export async function discover(deps: AppDeps, email: string, ip: string): Promise<SsoDiscovery> {
  await rateLimits.consume(deps.database, `sso-discovery:ip:${ip}`, discoveryRule, deps.config.now());
  const db = deps.database.db;
  const loginUrl = (orgId: string) => `${ssoPaths.login(orgId)}?email=${encodeURIComponent(email)}`;
  const domain = email.slice(email.lastIndexOf('@') + 1);
  const byDomain = await repo.findConfigByDomain(db, domain);
  if (byDomain && byDomain.sso_mode !== 'off') {
    return {
      sso: {
        organization_id: byDomain.org_id,
        organization_name: byDomain.org_name,
        login_url: loginUrl(byDomain.org_id),
        required: byDomain.sso_mode === 'required',
      },
    };
  }
  const memberships = await repo.findMembershipSsoModes(db, email);
  const withSso = memberships.find((m) => m.sso_mode && m.sso_mode !== 'off');
  if (!withSso) return { sso: null };
  return {
    sso: {
      organization_id: withSso.org_id,
      organization_name: withSso.org_name,
      login_url: loginUrl(withSso.org_id),
      required: withSso.sso_mode === 'required',
    },
  };
}
