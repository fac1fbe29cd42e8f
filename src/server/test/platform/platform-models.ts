/**
 * The answers the platform's own clients can read, written from their sources:
 * the Python SDK as published (venkatajagannath/anyscale,
 * anyscale-0.0.0.dev0/anyscale/client/openapi_client/models/*.py: a required
 * field is one whose setter raises "must not be `None`") and the Terraform
 * provider (anyscale/terraform-provider-anyscale, internal/provider/models.go:
 * a Go string field decodes only from a JSON string, a *string also from null).
 * Each schema names the model it mirrors. `.loose()` everywhere: both clients
 * ignore fields they do not know, so Roster's own fields may ride along.
 */
import { z } from 'zod';

/** SDK `OrganizationPermissionLevel` (enum): the values its deserializer accepts. */
export const organizationPermissionLevel = z.enum(['owner', 'collaborator']);

/** SDK `Organization`: id, name, public_identifier, is_general_platform_enabled, is_private_endpoints_enabled, is_usage_blocked required. */
export const sdkOrganization = z
  .object({
    id: z.string(),
    name: z.string(),
    public_identifier: z.string(),
    sso_required: z.boolean().optional(),
    is_general_platform_enabled: z.boolean(),
    is_private_endpoints_enabled: z.boolean(),
    is_usage_blocked: z.boolean(),
  })
  .loose();

/** SDK `UserInfo`, wrapped in `UserinfoResponse` ({ result }). */
export const sdkUserinfoResponse = z.strictObject({
  result: z
    .object({
      id: z.string(),
      email: z.string(),
      name: z.string(),
      username: z.string(),
      verified: z.boolean(),
      organization_permission_level: organizationPermissionLevel,
      organization_ids: z.array(z.string()),
      organizations: z.array(sdkOrganization),
      ld_hash: z.string(),
      ld_hash_fields: z.array(z.string()),
    })
    .loose(),
});

/** An ISO-8601 time the SDK's `datetime` deserializer (dateutil) and Go's time.RFC3339 both parse. */
export const isoTime = z.iso.datetime({ offset: true });

/** SDK `OrganizationCollaborator` (permission_level, id, name, created_at, email required; user_id optional). */
export const sdkOrganizationCollaborator = z
  .object({
    permission_level: organizationPermissionLevel,
    id: z.string(),
    name: z.string(),
    created_at: isoTime,
    email: z.string(),
    user_id: z.string().optional(),
  })
  .loose();

/** SDK `ListResponseMetadata`: total and next_paging_token, the token null on the last page. */
export const listResponseMetadata = z
  .object({ total: z.number().int(), next_paging_token: z.string().nullable() })
  .loose();

/** SDK `OrganizationcollaboratorListResponse`: results and metadata both required. */
export const sdkCollaboratorListResponse = z.strictObject({
  results: z.array(sdkOrganizationCollaborator),
  metadata: listResponseMetadata,
});

/**
 * Provider `OrganizationCollaboratorResult`: ID, Email, PermissionLevel,
 * CreatedAt, BaseRole are Go strings (never null); AdditionalRoles a []string
 * the provider treats as required; UserID and Name *string.
 */
export const providerCollaborator = z
  .object({
    id: z.string(),
    user_id: z.string().nullable(),
    email: z.string(),
    name: z.string().nullable(),
    permission_level: organizationPermissionLevel,
    created_at: isoTime,
    base_role: z.enum(['owner', 'collaborator']),
    additional_roles: z.array(z.string()),
  })
  .loose();

/** Provider `OrganizationCollaboratorsListResponse`. */
export const providerCollaboratorList = z
  .object({ results: z.array(providerCollaborator), metadata: listResponseMetadata })
  .loose();

/** Provider `OrganizationCollaboratorSingularResponse`. */
export const providerCollaboratorResponse = z.object({ result: providerCollaborator }).loose();

/**
 * Provider `OrganizationInvitationResult` (and the SDK's `OrganizationInvitation`):
 * id, email, organization_id, created_at, expires_at strings; accepted_at *string.
 */
export const platformInvitation = z
  .object({
    id: z.string(),
    email: z.string(),
    organization_id: z.string(),
    created_at: isoTime,
    expires_at: isoTime,
    accepted_at: isoTime.nullable(),
  })
  .loose();

/** Provider `OrganizationInvitationResponse`. */
export const platformInvitationResponse = z.object({ result: platformInvitation }).loose();

/** The provider's invitation list (`OrganizationInvitationsListResponse`). */
export const platformInvitationList = z
  .object({ results: z.array(platformInvitation), metadata: listResponseMetadata })
  .loose();

/** The platform's error body: the provider's `extractAPIErrorDetail` reads error.detail. */
export const platformError = z.object({ error: z.object({ detail: z.string().min(1) }).loose() });

/** The SDK's key check before any request (anyscale/util.py credentials_check_sanity). */
export function sdkAcceptsKey(key: string): boolean {
  return key.startsWith('sss_') || (key.startsWith('a') && key.includes('_'));
}
