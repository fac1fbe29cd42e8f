/**
 * An identity provider for tests and journeys, built on samlify (a SAML
 * implementation independent of the one Roster uses) with its own key pair.
 * It reads Roster's HTTP-Redirect AuthnRequests and answers signed
 * HTTP-POST responses, with a knob for every way a response can be wrong.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import samlify from 'samlify';

// Roster validates against its own rules; samlify's XSD check needs a JVM or native module.
samlify.setSchemaValidator({ validate: async () => 'skipped' });

const nsProtocol = 'urn:oasis:names:tc:SAML:2.0:protocol';
const nsAssertion = 'urn:oasis:names:tc:SAML:2.0:assertion';
const redirectBinding = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const postBinding = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
export const emailNameIdFormat = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';
const rsaSha256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';

export type KeyPair = { privateKey: string; certificate: string };

/** A fresh RSA key and a self-signed certificate (openssl; Node cannot issue certificates). */
export function generateKeyPair(commonName = 'Test IdP', days = 30): KeyPair {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-idp-'));
  try {
    const keyFile = path.join(dir, 'key.pem');
    const certFile = path.join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-sha256',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-days',
        String(days),
        '-subj',
        `/CN=${commonName}`,
      ],
      { stdio: 'ignore' },
    );
    return { privateKey: fs.readFileSync(keyFile, 'utf8'), certificate: fs.readFileSync(certFile, 'utf8') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The base64 body of a PEM certificate (what metadata and KeyInfo carry). */
export function certificateBody(pem: string): string {
  return pem
    .replace(/-----(BEGIN|END) CERTIFICATE-----/g, '')
    .replace(/\s+/g, '')
    .trim();
}

export type AuthnRequestInfo = {
  id: string;
  issuer: string;
  acsUrl: string | null;
  destination: string | null;
  relayState: string | null;
};

export type ResponseOptions = {
  /** Whose NameID (default: the email). */
  email: string;
  nameId?: string;
  nameIdFormat?: string;
  /** Attributes in the AttributeStatement; values as given. */
  attributes?: Record<string, string | string[]>;
  /** The AuthnRequest answered; null/absent: IdP-initiated (no InResponseTo). */
  inResponseTo?: string | null;
  /** Where the response is posted (Destination, Recipient). */
  acsUrl: string;
  destination?: string | null;
  recipient?: string;
  audience?: string;
  issuer?: string;
  /** Reference instant (default: the real clock). */
  now?: Date;
  /** Conditions window; defaults to now-1 min … now+5 min. */
  notBefore?: Date;
  notOnOrAfter?: Date;
  assertionId?: string;
  responseId?: string;
  /** What carries the signature (default: the assertion). */
  sign?: 'assertion' | 'response' | 'both' | 'none';
  /** Sign with this key instead of the IdP's (signature by another key). */
  signingKey?: KeyPair;
  /**
   * Replace text in the XML after signing (e.g. put an XML comment inside the
   * NameID: the signature over the canonical form stays valid).
   */
  afterSigning?: (xml: string) => string;
  statusCode?: string;
};

export type TestIdp = {
  entityId: string;
  ssoUrl: string;
  keys: KeyPair;
  /** The IdP's metadata XML (entity id, HTTP-Redirect SSO URL, signing certificate). */
  metadataXml: string;
  /**
   * Reads an HTTP-Redirect AuthnRequest (the `Location` Roster answered) with
   * samlify, checking it was meant for this IdP.
   */
  readAuthnRequest: (location: string, spMetadataXml: string) => Promise<AuthnRequestInfo>;
  /** A SAML Response, base64 as the POST binding carries it. */
  response: (options: ResponseOptions) => string;
  /** The raw XML of a response (for tests that forge on top of it). */
  responseXml: (options: ResponseOptions) => string;
  /**
   * Signature wrapping: a validly signed assertion for `signedFor`, hidden
   * inside a forged, unsigned assertion that names `forgedEmail`.
   */
  wrappedResponse: (options: ResponseOptions & { forgedEmail: string }) => string;
};

const escapeXml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const newSamlId = () => `_${crypto.randomBytes(20).toString('hex')}`;

function attributeStatement(attributes: Record<string, string | string[]>): string {
  const entries = Object.entries(attributes);
  if (entries.length === 0) return '';
  const body = entries
    .map(([name, value]) => {
      const values = (Array.isArray(value) ? value : [value])
        .map(
          (v) =>
            `<saml:AttributeValue xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">${escapeXml(v)}</saml:AttributeValue>`,
        )
        .join('');
      return `<saml:Attribute Name="${escapeXml(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">${values}</saml:Attribute>`;
    })
    .join('');
  return `<saml:AttributeStatement>${body}</saml:AttributeStatement>`;
}

function assertionXml(idp: { entityId: string }, o: ResponseOptions, email: string, id: string): string {
  const now = o.now ?? new Date();
  const notBefore = (o.notBefore ?? new Date(now.getTime() - 60_000)).toISOString();
  const notOnOrAfter = (o.notOnOrAfter ?? new Date(now.getTime() + 5 * 60_000)).toISOString();
  const inResponseTo = o.inResponseTo ? ` InResponseTo="${escapeXml(o.inResponseTo)}"` : '';
  const issuer = escapeXml(o.issuer ?? idp.entityId);
  return (
    `<saml:Assertion xmlns:saml="${nsAssertion}" ID="${id}" Version="2.0" IssueInstant="${now.toISOString()}">` +
    `<saml:Issuer>${issuer}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="${escapeXml(o.nameIdFormat ?? emailNameIdFormat)}">${escapeXml(o.nameId ?? email)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">` +
    `<saml:SubjectConfirmationData NotOnOrAfter="${notOnOrAfter}" Recipient="${escapeXml(o.recipient ?? o.acsUrl)}"${inResponseTo}/>` +
    `</saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}">` +
    `<saml:AudienceRestriction><saml:Audience>${escapeXml(o.audience ?? '')}</saml:Audience></saml:AudienceRestriction>` +
    `</saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${now.toISOString()}" SessionIndex="${newSamlId()}">` +
    `<saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext>` +
    `</saml:AuthnStatement>` +
    attributeStatement(o.attributes ?? {}) +
    `</saml:Assertion>`
  );
}

function responseEnvelope(idp: { entityId: string }, o: ResponseOptions, inner: string, id: string): string {
  const now = o.now ?? new Date();
  const inResponseTo = o.inResponseTo ? ` InResponseTo="${escapeXml(o.inResponseTo)}"` : '';
  const destination = o.destination === null ? '' : ` Destination="${escapeXml(o.destination ?? o.acsUrl)}"`;
  const status = o.statusCode ?? 'urn:oasis:names:tc:SAML:2.0:status:Success';
  return (
    `<samlp:Response xmlns:samlp="${nsProtocol}" xmlns:saml="${nsAssertion}" ID="${id}" Version="2.0" IssueInstant="${now.toISOString()}"${destination}${inResponseTo}>` +
    `<saml:Issuer>${escapeXml(o.issuer ?? idp.entityId)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="${escapeXml(status)}"/></samlp:Status>` +
    inner +
    `</samlp:Response>`
  );
}

function sign(xml: string, keys: KeyPair, target: 'assertion' | 'response'): string {
  const assertionPath = "/*[local-name(.)='Response']/*[local-name(.)='Assertion']";
  return samlify.SamlLib.constructSAMLSignature({
    rawSamlMessage: xml,
    privateKey: keys.privateKey,
    signingCert: certificateBody(keys.certificate),
    signatureAlgorithm: rsaSha256,
    isBase64Output: false,
    ...(target === 'assertion'
      ? {
          referenceTagXPath: assertionPath,
          signatureConfig: {
            prefix: 'ds',
            location: { reference: `${assertionPath}/*[local-name(.)='Issuer']`, action: 'after' },
          },
        }
      : {
          isMessageSigned: true,
          signatureConfig: {
            prefix: 'ds',
            location: {
              reference: "/*[local-name(.)='Response']/*[local-name(.)='Issuer']",
              action: 'after',
            },
          },
        }),
  });
}

export function createTestIdp(options: { entityId?: string; ssoUrl?: string; keys?: KeyPair } = {}): TestIdp {
  const entityId = options.entityId ?? `https://idp.test/${crypto.randomBytes(4).toString('hex')}`;
  const ssoUrl = options.ssoUrl ?? `${entityId}/sso`;
  const keys = options.keys ?? generateKeyPair();
  const idp = samlify.IdentityProvider({
    entityID: entityId,
    privateKey: keys.privateKey,
    signingCert: keys.certificate,
    wantAuthnRequestsSigned: false,
    singleSignOnService: [
      { Binding: redirectBinding, Location: ssoUrl },
      { Binding: postBinding, Location: ssoUrl },
    ],
    singleLogoutService: [{ Binding: redirectBinding, Location: `${entityId}/slo` }],
  });
  const self = { entityId };

  const responseXml = (o: ResponseOptions): string => {
    const keysToUse = o.signingKey ?? keys;
    const how = o.sign ?? 'assertion';
    let xml = responseEnvelope(
      self,
      o,
      assertionXml(self, o, o.email, o.assertionId ?? newSamlId()),
      o.responseId ?? newSamlId(),
    );
    if (how === 'assertion' || how === 'both') xml = sign(xml, keysToUse, 'assertion');
    if (how === 'response' || how === 'both') xml = sign(xml, keysToUse, 'response');
    return o.afterSigning ? o.afterSigning(xml) : xml;
  };

  return {
    entityId,
    ssoUrl,
    keys,
    metadataXml: idp.getMetadata(),
    async readAuthnRequest(location, spMetadataXml) {
      const url = new URL(location);
      if (`${url.origin}${url.pathname}` !== ssoUrl) {
        throw new Error(`The AuthnRequest went to ${url.origin}${url.pathname}, not ${ssoUrl}`);
      }
      const sp = samlify.ServiceProvider({ metadata: spMetadataXml });
      const query = Object.fromEntries(url.searchParams);
      const parsed = await idp.parseLoginRequest(sp, 'redirect', { query, octetString: '' } as never);
      const extract = parsed.extract as {
        request?: { id?: string; destination?: string; assertionConsumerServiceUrl?: string };
        issuer?: string;
      };
      if (!extract.request?.id) throw new Error('The AuthnRequest has no ID');
      return {
        id: extract.request.id,
        issuer: extract.issuer ?? '',
        acsUrl: extract.request.assertionConsumerServiceUrl ?? null,
        destination: extract.request.destination ?? null,
        relayState: url.searchParams.get('RelayState'),
      };
    },
    responseXml,
    response: (o) => Buffer.from(responseXml(o), 'utf8').toString('base64'),
    wrappedResponse(o) {
      const genuineId = newSamlId();
      // A response the IdP really signed, for the attacker's own account.
      const genuine = sign(
        responseEnvelope(self, o, assertionXml(self, o, o.email, genuineId), newSamlId()),
        keys,
        'assertion',
      );
      const start = genuine.indexOf('<saml:Assertion ');
      const end = genuine.indexOf('</saml:Assertion>') + '</saml:Assertion>'.length;
      const signedAssertion = genuine.slice(start, end);
      // The forged assertion (the victim) carries the signed one inside it.
      const forged = assertionXml(self, o, o.forgedEmail, newSamlId()).replace(
        '</saml:Issuer>',
        `</saml:Issuer>${signedAssertion}`,
      );
      const xml = responseEnvelope(self, o, forged, o.responseId ?? newSamlId());
      return Buffer.from(xml, 'utf8').toString('base64');
    },
  };
}

/**
 * The HTML page an IdP answers after sign-in: a form that posts the response
 * to the ACS by itself (HTTP-POST binding), with a button for browsers that
 * run no script.
 */
export function autoPostForm(acsUrl: string, samlResponse: string, relayState?: string | null): string {
  const relay = relayState ? `<input type="hidden" name="RelayState" value="${escapeXml(relayState)}">` : '';
  return (
    `<!doctype html><html><head><meta charset="utf-8"><title>Signing in…</title></head>` +
    `<body onload="document.forms[0].submit()">` +
    `<form method="post" action="${escapeXml(acsUrl)}">` +
    `<input type="hidden" name="SAMLResponse" value="${escapeXml(samlResponse)}">${relay}` +
    `<noscript><button type="submit">Continue</button></noscript>` +
    `</form></body></html>`
  );
}

/**
 * The IdP's answer to one AuthnRequest, signed as asked: the response, and the
 * page that posts it to the ACS the request named (or `acsUrl`).
 */
export function answerAuthnRequest(
  idp: TestIdp,
  request: AuthnRequestInfo,
  options: Omit<ResponseOptions, 'acsUrl' | 'inResponseTo'> & { acsUrl?: string },
): { acsUrl: string; samlResponse: string; relayState: string | null; html: string } {
  const acsUrl = options.acsUrl ?? request.acsUrl;
  if (!acsUrl) throw new Error('The AuthnRequest names no ACS URL; pass acsUrl');
  const samlResponse = idp.response({
    audience: request.issuer,
    ...options,
    acsUrl,
    inResponseTo: request.id,
  });
  return {
    acsUrl,
    samlResponse,
    relayState: request.relayState,
    html: autoPostForm(acsUrl, samlResponse, request.relayState),
  };
}

export type TestIdpServer = {
  idp: TestIdp;
  /** The IdP's SSO URL on this server (what its metadata names). */
  url: string;
  close: () => Promise<void>;
};

/**
 * The test IdP over HTTP, for journeys: its SSO URL shows a sign-in form (an
 * "Email" field and a "Sign in" button); submitting it answers the page that
 * posts a signed response to Roster's ACS. `spMetadataUrl` is fetched to read
 * each AuthnRequest (its ACS URL and audience come from there).
 */
export async function startTestIdpServer(options: {
  port: number;
  host?: string;
  spMetadataUrl: (authnRequestIssuer: string) => string;
  keys?: KeyPair;
  /** Per-response knobs (e.g. sign the response instead of the assertion). */
  responseOptions?: Partial<ResponseOptions>;
}): Promise<TestIdpServer> {
  const host = options.host ?? '127.0.0.1';
  const base = `http://${host}:${options.port}`;
  const idp = createTestIdp({
    entityId: `${base}/idp`,
    ssoUrl: `${base}/idp/sso`,
    ...(options.keys ? { keys: options.keys } : {}),
  });
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', base);
      if (req.method === 'GET' && url.pathname === '/idp/metadata') {
        res.writeHead(200, { 'content-type': 'application/samlmetadata+xml' }).end(idp.metadataXml);
        return;
      }
      if (req.method === 'GET' && url.pathname === '/idp/sso') {
        const page =
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title></head><body>` +
          `<main><h1>Test identity provider</h1><form method="post" action="/idp/sso/answer">` +
          `<input type="hidden" name="location" value="${escapeXml(url.href)}">` +
          `<label for="email">Email</label> <input id="email" name="email" type="email" value="${escapeXml(url.searchParams.get('login_hint') ?? '')}" required> ` +
          `<button type="submit">Sign in</button></form></main></body></html>`;
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
        return;
      }
      if (req.method === 'POST' && url.pathname === '/idp/sso/answer') {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        const location = form.get('location') ?? '';
        const email = form.get('email') ?? '';
        const issuer = new URL(location).searchParams.get('SAMLRequest') ? await peekIssuer(location) : '';
        const metadata = await (await fetch(options.spMetadataUrl(issuer))).text();
        const request = await idp.readAuthnRequest(location, metadata);
        const answer = answerAuthnRequest(idp, request, {
          email,
          attributes: { email, name: email.split('@')[0] ?? email },
          ...options.responseOptions,
        });
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(answer.html);
        return;
      }
      res.writeHead(404).end();
    })().catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port, host, resolve));
  return {
    idp,
    url: idp.ssoUrl,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The Issuer of a redirect-bound AuthnRequest (which SP sent it), before samlify reads it in full. */
async function peekIssuer(location: string): Promise<string> {
  const { inflateRawSync } = await import('node:zlib');
  const encoded = new URL(location).searchParams.get('SAMLRequest') ?? '';
  const xml = inflateRawSync(Buffer.from(encoded, 'base64')).toString('utf8');
  return /<(?:\w+:)?Issuer[^>]*>([^<]+)</.exec(xml)?.[1] ?? '';
}
