import crypto from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import { maxIdpMetadataBytes, ssoErrorCodes, type IdpCertificate } from '#contract/sso.ts';
import { badRequest } from '../../lib/errors.ts';

const nsMetadata = 'urn:oasis:names:tc:SAML:2.0:metadata';
const nsDsig = 'http://www.w3.org/2000/09/xmldsig#';
const redirectBinding = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';

export type IdpMetadata = {
  entityId: string;
  /** The IdP's HTTP-Redirect SingleSignOnService. */
  ssoUrl: string;
  /** Signing certificates, base64 DER (as metadata carries them). */
  certificates: string[];
};

const invalid = (message: string) => badRequest(ssoErrorCodes.invalidMetadata, message);

/**
 * Reads an IdP's SAML metadata: its entity id, its HTTP-Redirect SSO URL and
 * the certificates it signs with. Structure only: trust comes from the owner
 * pasting (or naming the URL of) the metadata, not from a signature on it.
 */
export function parseIdpMetadata(xml: string): IdpMetadata {
  let problem: string | undefined;
  const doc = new DOMParser({
    errorHandler: (level: string, message: unknown) => {
      if (level !== 'warning') problem ??= String(message);
    },
  }).parseFromString(xml, 'text/xml');
  if (problem || !doc.documentElement) {
    throw invalid(
      'The IdP metadata is not well-formed XML. Paste the whole file your identity provider offers.',
    );
  }
  const root = doc.documentElement;
  const entities =
    root.localName === 'EntityDescriptor' && root.namespaceURI === nsMetadata
      ? [root]
      : Array.from(root.getElementsByTagNameNS(nsMetadata, 'EntityDescriptor'));
  const entity = entities.find((e) => e.getElementsByTagNameNS(nsMetadata, 'IDPSSODescriptor').length > 0);
  if (!entity) {
    throw invalid(
      'The metadata describes no identity provider (no IDPSSODescriptor). Use the IdP metadata, not the SP metadata.',
    );
  }
  const entityId = entity.getAttribute('entityID')?.trim();
  if (!entityId) throw invalid('The IdP metadata has no entityID.');
  const descriptor = entity.getElementsByTagNameNS(nsMetadata, 'IDPSSODescriptor')[0]!;
  const ssoUrl = Array.from(descriptor.getElementsByTagNameNS(nsMetadata, 'SingleSignOnService'))
    .find((service) => service.getAttribute('Binding') === redirectBinding)
    ?.getAttribute('Location')
    ?.trim();
  if (!ssoUrl || !/^https?:\/\//i.test(ssoUrl)) {
    throw invalid('The IdP metadata has no HTTP-Redirect SingleSignOnService URL.');
  }
  const certificates = Array.from(descriptor.getElementsByTagNameNS(nsMetadata, 'KeyDescriptor'))
    .filter((key) => {
      const use = key.getAttribute('use');
      return !use || use === 'signing';
    })
    .flatMap((key) => Array.from(key.getElementsByTagNameNS(nsDsig, 'X509Certificate')))
    .map((node) => (node.textContent ?? '').replace(/\s+/g, ''))
    .filter((body) => body.length > 0);
  const unique = [...new Set(certificates)];
  if (unique.length === 0) throw invalid('The IdP metadata has no signing certificate.');
  for (const body of unique) certificateInfo(body, new Date());
  return { entityId, ssoUrl, certificates: unique };
}

/** Fingerprint, subject and validity of a base64 DER certificate. */
export function certificateInfo(body: string, now: Date): IdpCertificate {
  let cert: crypto.X509Certificate;
  try {
    cert = new crypto.X509Certificate(Buffer.from(body, 'base64'));
  } catch {
    throw invalid('A signing certificate in the IdP metadata cannot be read.');
  }
  const notAfter = new Date(cert.validTo);
  return {
    fingerprint_sha256: cert.fingerprint256,
    subject: cert.subject.replace(/\n/g, ', '),
    not_before: new Date(cert.validFrom).toISOString(),
    not_after: notAfter.toISOString(),
    expired: notAfter.getTime() <= now.getTime(),
  };
}

export const metadataFetchTimeoutMs = 10_000;

/** Fetches metadata from the IdP's URL, with a deadline and a size cap. */
export async function fetchIdpMetadata(url: string, timeoutMs = metadataFetchTimeoutMs): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/samlmetadata+xml, application/xml, text/xml' },
      redirect: 'follow',
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    throw invalid(
      timedOut
        ? `The IdP metadata URL did not answer within ${timeoutMs / 1000} seconds.`
        : 'The IdP metadata URL could not be reached from the Roster server.',
    );
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw invalid(`The IdP metadata URL answered HTTP ${response.status}.`);
  }
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxIdpMetadataBytes) {
    await response.body?.cancel();
    throw invalid('The IdP metadata is larger than 512 KB.');
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  try {
    while (reader) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxIdpMetadataBytes) {
        await reader.cancel();
        throw invalid('The IdP metadata is larger than 512 KB.');
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof Error && error.name === 'AppError') throw error;
    throw invalid('Reading the IdP metadata from its URL failed or took too long.');
  }
  return Buffer.concat(chunks).toString('utf8');
}
