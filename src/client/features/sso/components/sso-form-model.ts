import {
  ssoConfigBodySchema,
  ssoDomainSchema,
  ssoErrorCodes,
  type SsoConfig,
  type SsoConfigBody,
  type SsoMode,
} from '../../../../contract/sso.ts';
import { ApiError } from '../../../lib/api-client.ts';

/** What the form holds while the owner edits: text as typed, nothing lost on a refusal. */
export type SsoDraft = {
  metadataSource: 'xml' | 'url';
  metadataXml: string;
  metadataUrl: string;
  emailAttribute: string;
  nameAttribute: string;
  groupsAttribute: string;
  domains: string;
  jit: boolean;
  idpInitiated: boolean;
  mode: SsoMode;
};

export const ssoFields = [
  'idp_metadata_xml',
  'idp_metadata_url',
  'email_attribute',
  'name_attribute',
  'groups_attribute',
  'domains',
  'sso_mode',
] as const;
export type SsoField = (typeof ssoFields)[number];

export function draftFrom(config: SsoConfig): SsoDraft {
  return {
    metadataSource: config.idp_metadata_url ? 'url' : 'xml',
    metadataXml: '',
    metadataUrl: config.idp_metadata_url ?? '',
    emailAttribute: config.email_attribute ?? '',
    nameAttribute: config.name_attribute ?? '',
    groupsAttribute: config.groups_attribute ?? '',
    domains: config.domains.join('\n'),
    jit: config.jit_provisioning,
    idpInitiated: config.allow_idp_initiated,
    mode: config.sso_mode,
  };
}

/** Domains as typed: one per line, or separated by commas or spaces. */
export function splitDomains(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((domain) => domain.trim())
        .filter(Boolean),
    ),
  ];
}

/** Same meaning as saved: whitespace and order of domains do not count. */
export function sameDraft(a: SsoDraft, b: SsoDraft): boolean {
  const key = (d: SsoDraft) =>
    JSON.stringify({
      ...d,
      metadataXml: d.metadataXml.trim(),
      metadataUrl: d.metadataUrl.trim(),
      emailAttribute: d.emailAttribute.trim(),
      nameAttribute: d.nameAttribute.trim(),
      groupsAttribute: d.groupsAttribute.trim(),
      domains: splitDomains(d.domains.toLowerCase()).sort(),
    });
  return key(a) === key(b);
}

const optional = (text: string) => text.trim() || null;

/**
 * The PUT body, or the problems by field. Metadata is sent only when given
 * (pasted XML) or named (a URL is fetched again on every save); without it
 * the server keeps what it has.
 */
export function toBody(
  draft: SsoDraft,
  configured: boolean,
):
  | { body: SsoConfigBody; errors?: undefined }
  | { body?: undefined; errors: Partial<Record<SsoField, string>> } {
  const errors: Partial<Record<SsoField, string>> = {};
  const xml = draft.metadataXml.trim();
  const url = draft.metadataUrl.trim();
  const metadata =
    draft.metadataSource === 'xml'
      ? xml
        ? { idp_metadata_xml: xml }
        : {}
      : url
        ? { idp_metadata_url: url }
        : {};
  if (!configured && Object.keys(metadata).length === 0) {
    if (draft.metadataSource === 'xml')
      errors.idp_metadata_xml = "Paste your identity provider's metadata XML.";
    else errors.idp_metadata_url = "Enter the URL of your identity provider's metadata.";
  }
  const domains = splitDomains(draft.domains);
  const badDomain = domains.find((domain) => !ssoDomainSchema.safeParse(domain).success);
  if (badDomain) errors.domains = `“${badDomain}” is not a domain. Enter domains such as example.com.`;
  const body: SsoConfigBody = {
    ...metadata,
    sso_mode: draft.mode,
    jit_provisioning: draft.jit,
    allow_idp_initiated: draft.idpInitiated,
    domains,
    email_attribute: optional(draft.emailAttribute),
    name_attribute: optional(draft.nameAttribute),
    groups_attribute: optional(draft.groupsAttribute),
  };
  const parsed = ssoConfigBodySchema.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]) as SsoField;
      if (ssoFields.includes(field)) errors[field] ??= issue.message;
    }
  }
  if (Object.keys(errors).length > 0) return { errors };
  return { body };
}

/** What the server refused, under the field it concerns; the rest is a message for the whole form. */
export function refusal(
  error: unknown,
  draft: SsoDraft,
): { fieldErrors: Partial<Record<SsoField, string>>; formError: string | null } {
  if (!error) return { fieldErrors: {}, formError: null };
  if (!(error instanceof ApiError)) return { fieldErrors: {}, formError: 'Something went wrong.' };
  const metadataField: SsoField = draft.metadataSource === 'xml' ? 'idp_metadata_xml' : 'idp_metadata_url';
  const byCode: Record<string, SsoField> = {
    [ssoErrorCodes.invalidMetadata]: metadataField,
    [ssoErrorCodes.metadataRequired]: metadataField,
    [ssoErrorCodes.domainTaken]: 'domains',
    [ssoErrorCodes.ssoLoginRequiredFirst]: 'sso_mode',
  };
  const field = byCode[error.code];
  if (field) return { fieldErrors: { [field]: error.message }, formError: null };
  const prefix = /^Invalid body: /.exec(error.message);
  if (error.status === 400 && prefix) {
    const fieldErrors: Partial<Record<SsoField, string>> = {};
    for (const part of error.message.slice(prefix[0].length).split('; ')) {
      const named = /^([\w.]+): ([\s\S]+)$/.exec(part);
      const name = named?.[1]?.split('.')[0] as SsoField | undefined;
      if (name && ssoFields.includes(name)) fieldErrors[name] ??= named![2]!;
    }
    if (Object.keys(fieldErrors).length > 0) return { fieldErrors, formError: null };
  }
  return { fieldErrors: {}, formError: error.message };
}
