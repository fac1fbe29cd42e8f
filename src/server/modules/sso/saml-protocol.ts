import { DOMParser } from '@xmldom/xmldom';
import {
  SAML,
  ValidateInResponseTo,
  generateServiceProviderMetadata,
  type Profile,
} from '@node-saml/node-saml';
import { ssoErrorCodes } from '#contract/sso.ts';

/**
 * The SAML protocol, through @node-saml/node-saml: AuthnRequests (HTTP-Redirect),
 * SP metadata, and checking a posted Response. node-saml verifies the
 * signature (over the Response or the Assertion, by the configured
 * certificates), the Audience and the status; this module adds what it leaves
 * to the caller, reading only the XML the signature covers: Issuer,
 * Recipient, Destination, the validity window on our clock, and the ids
 * (InResponseTo, assertion ID) that the service checks against the database.
 */

/** Clock skew accepted on NotBefore / NotOnOrAfter. */
export const clockSkewMs = 2 * 60_000;

export type ServiceProvider = { entityId: string; acsUrl: string };
export type IdentityProvider = { entityId: string; ssoUrl: string; certificates: string[] };

function samlFor(sp: ServiceProvider, idp: IdentityProvider, requestId?: string): SAML {
  return new SAML({
    idpCert: idp.certificates,
    issuer: sp.entityId,
    audience: sp.entityId,
    callbackUrl: sp.acsUrl,
    entryPoint: idp.ssoUrl,
    // Either the Response or the Assertion must carry a valid signature (node-saml
    // refuses a response where neither does).
    wantAssertionsSigned: false,
    wantAuthnResponseSigned: false,
    // Checked by the service against the database (single use, any instance).
    validateInResponseTo: ValidateInResponseTo.never,
    // Time is checked below on the app's clock, with our own skew.
    acceptedClockSkewMs: -1,
    identifierFormat: null,
    // Entra ID and Okta refuse a fixed AuthnContext when the person used MFA or a passkey.
    disableRequestedAuthnContext: true,
    signatureAlgorithm: 'sha256',
    ...(requestId ? { generateUniqueId: () => requestId } : {}),
  });
}

/** The IdP URL carrying a deflated AuthnRequest with this ID and RelayState. */
export async function authnRequestUrl(
  sp: ServiceProvider,
  idp: IdentityProvider,
  requestId: string,
  relayState: string,
): Promise<string> {
  return samlFor(sp, idp, requestId).getAuthorizeUrlAsync(relayState, undefined, {});
}

export function serviceProviderMetadata(sp: ServiceProvider): string {
  return generateServiceProviderMetadata({
    issuer: sp.entityId,
    callbackUrl: sp.acsUrl,
    identifierFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
    wantAssertionsSigned: true,
  });
}

/** A refused response: a code for the page and the audit log, a sentence for people. */
export class SamlRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** What node-saml or the check said, for the log (not shown to people). */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'SamlRefusal';
  }
}

export type VerifiedAssertion = {
  assertionId: string;
  issuer: string;
  /** InResponseTo from the signed SubjectConfirmationData (else the Response's); null: IdP-initiated. */
  inResponseTo: string | null;
  nameId: string;
  nameIdFormat: string | null;
  sessionIndex: string | null;
  attributes: Record<string, string[]>;
  /** The replay cache keeps the ID until then. */
  expiresAt: Date;
};

type XmlNode = { $?: Record<string, string>; _?: string; [key: string]: unknown };

const first = (value: unknown): XmlNode | undefined =>
  Array.isArray(value) ? (value[0] as XmlNode | undefined) : undefined;

function attributeValues(profile: Profile): Record<string, string[]> {
  const attributes = (profile.attributes ?? {}) as Record<string, unknown>;
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(attributes)) {
    const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    out[name] = values;
  }
  return out;
}

function instant(value: string | undefined, field: string): number | null {
  if (value === undefined) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw new SamlRefusal(ssoErrorCodes.invalidResponse, 'The SAML response has an unreadable time.', field);
  return ms;
}

const invalidResponse = (detail: string) =>
  new SamlRefusal(
    ssoErrorCodes.invalidResponse,
    'The identity provider sent a response Roster cannot accept.',
    detail,
  );

/**
 * Checks a base64 SAMLResponse posted to the ACS and returns the signed
 * assertion's fields. Throws SamlRefusal for anything not acceptable.
 */
export async function verifyResponse(
  sp: ServiceProvider,
  idp: IdentityProvider,
  samlResponse: string,
  now: Date,
): Promise<VerifiedAssertion> {
  let profile: Profile | null;
  try {
    ({ profile } = await samlFor(sp, idp).validatePostResponseAsync({ SAMLResponse: samlResponse }));
  } catch (error) {
    throw invalidResponse(error instanceof Error ? error.message : String(error));
  }
  if (!profile) throw invalidResponse('no assertion');

  // The envelope: Destination is not always under the signature, but when present it must be us.
  const raw = Buffer.from(samlResponse, 'base64').toString('utf8');
  const envelope = new DOMParser({ errorHandler: () => undefined }).parseFromString(
    raw,
    'text/xml',
  ).documentElement;
  const destination = envelope?.getAttribute('Destination');
  if (destination && destination !== sp.acsUrl) throw invalidResponse(`Destination ${destination}`);
  const responseInResponseTo = envelope?.getAttribute('InResponseTo') || null;

  // Everything below reads the assertion as the signature covers it.
  const assertion = (profile.getAssertion?.() as { Assertion?: XmlNode } | undefined)?.Assertion;
  if (!assertion) throw invalidResponse('no signed assertion');
  const assertionId = assertion.$?.ID;
  if (!assertionId) throw invalidResponse('assertion without ID');
  if (profile.issuer !== idp.entityId) throw invalidResponse(`Issuer ${profile.issuer}`);
  if (!profile.nameID) throw invalidResponse('no NameID');

  const nowMs = now.getTime();
  const conditions = first(assertion.Conditions)?.$ ?? {};
  const conditionsNotBefore = instant(conditions.NotBefore, 'Conditions NotBefore');
  const conditionsNotOnOrAfter = instant(conditions.NotOnOrAfter, 'Conditions NotOnOrAfter');
  if (conditionsNotBefore !== null && nowMs + clockSkewMs < conditionsNotBefore) {
    throw invalidResponse('not yet valid');
  }
  if (conditionsNotOnOrAfter !== null && nowMs - clockSkewMs >= conditionsNotOnOrAfter) {
    throw expired();
  }

  // Web SSO profile: a bearer confirmation for our ACS, with an expiry.
  const confirmations = (first(assertion.Subject)?.SubjectConfirmation ?? []) as XmlNode[];
  const bearer = confirmations
    .filter((c) => c.$?.Method === 'urn:oasis:names:tc:SAML:2.0:cm:bearer')
    .map((c) => first(c.SubjectConfirmationData)?.$ ?? {});
  if (bearer.length === 0) throw invalidResponse('no bearer SubjectConfirmation');
  const forUs = bearer.filter((data) => data.Recipient === sp.acsUrl);
  if (forUs.length === 0) throw invalidResponse(`Recipient ${bearer.map((d) => d.Recipient).join(', ')}`);
  const current = forUs.filter((data) => {
    const notOnOrAfter = instant(data.NotOnOrAfter, 'SubjectConfirmationData NotOnOrAfter');
    const notBefore = instant(data.NotBefore, 'SubjectConfirmationData NotBefore');
    return (
      notOnOrAfter !== null &&
      nowMs - clockSkewMs < notOnOrAfter &&
      (notBefore === null || nowMs + clockSkewMs >= notBefore)
    );
  });
  const confirmation = current[0];
  if (!confirmation) throw expired();

  const subjectInResponseTo = confirmation.InResponseTo || null;
  if (subjectInResponseTo && responseInResponseTo && subjectInResponseTo !== responseInResponseTo) {
    throw invalidResponse('InResponseTo of the Response and the SubjectConfirmationData differ');
  }
  const expiries = [instant(confirmation.NotOnOrAfter, 'NotOnOrAfter')!, conditionsNotOnOrAfter ?? 0];
  const nameIdNode = first(first(assertion.Subject)?.NameID);
  return {
    assertionId,
    issuer: profile.issuer,
    inResponseTo: subjectInResponseTo ?? responseInResponseTo,
    nameId: profile.nameID,
    nameIdFormat: nameIdNode?.$?.Format ?? profile.nameIDFormat ?? null,
    sessionIndex: profile.sessionIndex ?? null,
    attributes: attributeValues(profile),
    expiresAt: new Date(Math.max(...expiries) + clockSkewMs),
  };
}

const expired = () =>
  new SamlRefusal(
    ssoErrorCodes.invalidResponse,
    'The sign-in response from your identity provider has expired. Sign in again.',
    'expired',
  );
