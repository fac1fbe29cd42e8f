import { z } from 'zod';
import { emailSchema } from './auth.ts';
import { plainText, text } from './text.ts';

/**
 * Single sign-on (SAML 2.0): the organization's identity provider, how sign-in
 * is routed to it, and the test connection an owner runs before switching it on.
 */

export const ssoModes = ['off', 'optional', 'required'] as const;
export type SsoMode = (typeof ssoModes)[number];

/** A SAML attribute name as identity providers send them (`email`, `http://schemas…/emailaddress`). */
const attributeNameSchema = plainText()
  .min(1, { message: 'Enter an attribute name or leave the field empty.' })
  .max(256, { message: 'Use at most 256 characters.' });

/** A domain an owner registers for SSO: routes sign-in to the IdP and bounds just-in-time provisioning. */
export const ssoDomainSchema = plainText()
  .max(253)
  .transform((value) => value.normalize('NFC').toLowerCase().replace(/\.$/, ''))
  .refine((value) => /^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/.test(value), {
    message: 'Enter a domain such as example.com.',
  });

export const maxIdpMetadataBytes = 512 * 1024;

/**
 * PUT /api/v2/sso_config. Metadata: give `idp_metadata_xml` (pasted) or
 * `idp_metadata_url` (fetched by the server), not both; leave both out to keep
 * the metadata already stored (only the settings change).
 */
export const ssoConfigBodySchema = z.strictObject({
  idp_metadata_xml: text()
    .min(1)
    .max(maxIdpMetadataBytes, { message: 'IdP metadata is limited to 512 KB.' })
    .optional(),
  idp_metadata_url: text()
    .max(2048)
    .refine((value) => /^https?:\/\//i.test(value), { message: 'Enter an http(s) URL.' })
    .optional(),
  sso_mode: z.enum(ssoModes),
  jit_provisioning: z.boolean(),
  allow_idp_initiated: z.boolean(),
  domains: z.array(ssoDomainSchema).max(50),
  /** Attribute holding the email; null/absent: the NameID is the email. */
  email_attribute: attributeNameSchema.nullable().optional(),
  name_attribute: attributeNameSchema.nullable().optional(),
  groups_attribute: attributeNameSchema.nullable().optional(),
});
export type SsoConfigBody = z.input<typeof ssoConfigBodySchema>;

export const idpCertificateSchema = z.object({
  /** SHA-256 of the DER certificate, colon-separated upper-case hex (as IdP consoles show it). */
  fingerprint_sha256: z.string(),
  subject: z.string(),
  not_before: z.string(),
  not_after: z.string(),
  expired: z.boolean(),
});
export type IdpCertificate = z.infer<typeof idpCertificateSchema>;

/** GET/PUT /api/v2/sso_config answer (`{ result }`). */
export const ssoConfigSchema = z.object({
  /** False until IdP metadata was saved; the SP values are there from the start (copy them into the IdP). */
  configured: z.boolean(),
  sso_mode: z.enum(ssoModes),
  jit_provisioning: z.boolean(),
  allow_idp_initiated: z.boolean(),
  domains: z.array(z.string()),
  email_attribute: z.string().nullable(),
  name_attribute: z.string().nullable(),
  groups_attribute: z.string().nullable(),
  /** The URL the metadata was fetched from, when it came from one. */
  idp_metadata_url: z.string().nullable(),
  idp_entity_id: z.string().nullable(),
  idp_sso_url: z.string().nullable(),
  idp_certificates: z.array(idpCertificateSchema),
  sp_entity_id: z.string(),
  acs_url: z.string(),
  sp_metadata_url: z.string(),
  /** SP-initiated sign-in start for this organization (append `?email=…&next=…`). */
  login_url: z.string(),
  /** Whether the signed-in owner completed one SSO login (or test) as themselves: required needs it. */
  owner_has_sso_login: z.boolean(),
  updated_at: z.string().nullable(),
});
export type SsoConfig = z.infer<typeof ssoConfigSchema>;

/** POST /api/v2/sso_config/test: where the browser lands after the IdP (`?sso_test=<id>` is appended). */
export const ssoTestBodySchema = z.strictObject({
  next: text().max(2048).optional(),
});
export type SsoTestBody = z.input<typeof ssoTestBodySchema>;

export const ssoTestStartSchema = z.object({
  id: z.string(),
  /** Open this in the browser: it redirects to the IdP with a fresh AuthnRequest. */
  login_url: z.string(),
});
export type SsoTestStart = z.infer<typeof ssoTestStartSchema>;

export const parsedAssertionSchema = z.object({
  issuer: z.string(),
  name_id: z.string(),
  name_id_format: z.string().nullable(),
  /** The email Roster would sign in (attribute, else NameID); null when none was usable. */
  email: z.string().nullable(),
  name: z.string().nullable(),
  groups: z.array(z.string()),
  /** Every attribute the IdP sent, values as strings. */
  attributes: z.record(z.string(), z.array(z.string())),
  session_index: z.string().nullable(),
});
export type ParsedAssertion = z.infer<typeof parsedAssertionSchema>;

export const ssoTestStatuses = ['pending', 'succeeded', 'failed'] as const;

/** GET /api/v2/sso_config/test/{id} answer. */
export const ssoTestResultSchema = z.object({
  id: z.string(),
  status: z.enum(ssoTestStatuses),
  created_at: z.string(),
  completed_at: z.string().nullable(),
  /** The assertion as parsed, once the IdP answered with one that passed every check. */
  assertion: parsedAssertionSchema.nullable(),
  /** Why the response was refused (same codes as a refused sign-in). */
  failure: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type SsoTestResult = z.infer<typeof ssoTestResultSchema>;

/** POST /api/v2/auth/sso_discovery (public): which sign-in an address gets. */
export const ssoDiscoveryBodySchema = z.strictObject({ email: emailSchema });
export type SsoDiscoveryBody = z.input<typeof ssoDiscoveryBodySchema>;

export const ssoDiscoverySchema = z.object({
  sso: z
    .object({
      organization_id: z.string(),
      organization_name: z.string(),
      /** `/api/v2/sso/{org}/login?email=…`; append `&next=<path>` to come back there. */
      login_url: z.string(),
      /** SSO is required: password sign-in is refused for collaborators (owners keep it as break-glass). */
      required: z.boolean(),
    })
    .nullable(),
});
export type SsoDiscovery = z.infer<typeof ssoDiscoverySchema>;

/** Paths below the console's public URL. */
export const ssoPaths = {
  metadata: (orgId: string) => `/api/v2/sso/${orgId}/metadata`,
  acs: (orgId: string) => `/api/v2/sso/${orgId}/acs`,
  login: (orgId: string) => `/api/v2/sso/${orgId}/login`,
} as const;

/** Error codes the SSO routes and the ACS refusal pages use. */
export const ssoErrorCodes = {
  /** 403 on password sign-in, reset or invitation-by-password for a collaborator when SSO is required. */
  ssoRequired: 'sso_required',
  /** 400: the IdP metadata could not be read, fetched, or lacks an entity id / SSO URL / signing certificate. */
  invalidMetadata: 'invalid_idp_metadata',
  /** 400: PUT without metadata while none is stored. */
  metadataRequired: 'idp_metadata_required',
  /** 409: a domain is registered by another organization. */
  domainTaken: 'sso_domain_taken',
  /** 409: switching to required before the acting owner completed one SSO login. */
  ssoLoginRequiredFirst: 'sso_login_required_first',
  /** 409: test connection or login while SSO is not configured / off. */
  ssoNotConfigured: 'sso_not_configured',
  ssoOff: 'sso_off',
  /** ACS refusals (HTML page; the test result shows them too). */
  invalidResponse: 'sso_invalid_response',
  unknownRequest: 'sso_unknown_request',
  replayed: 'sso_replayed_assertion',
  idpInitiatedOff: 'sso_idp_initiated_off',
  emailMismatch: 'sso_email_mismatch',
  noEmail: 'sso_no_email',
  notProvisioned: 'sso_not_provisioned',
} as const;

/** The message collaborators get where SSO is required. */
export const ssoRequiredMessage = 'Your organization signs in with SSO.';
