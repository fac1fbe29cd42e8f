import { z } from 'zod';
import { idString, plainText, text } from './text.ts';
import { pageQuerySchema, pageSchema, wholeListSchema } from './pagination.ts';
import { permissionLevelSchema } from './roles.ts';
import { cloudRoles } from './enums.ts';

export const cloudProviders = ['aws', 'gcp', 'azure', 'kubernetes'] as const;
export const cloudProviderSchema = z.enum(cloudProviders);
export type CloudProvider = z.infer<typeof cloudProviderSchema>;

export const cloudProviderLabels: Record<CloudProvider, string> = {
  aws: 'AWS',
  gcp: 'Google Cloud',
  azure: 'Azure',
  kubernetes: 'Kubernetes',
};

/**
 * Why someone can use a cloud. Organization owners have implicit access to
 * every cloud; a cloud's explicit owner and people granted access are explicit;
 * `group`: a group they belong to was granted the cloud.
 */
export const cloudAccessSources = ['organization_owner', 'cloud_owner', 'grant', 'group'] as const;
export const cloudAccessSourceSchema = z.enum(cloudAccessSources);
export type CloudAccessSource = z.infer<typeof cloudAccessSourceSchema>;

/** A member as referenced from a cloud: `id` is the member id, `user_id` the value that `user_id` fields take. */
export const cloudPersonSchema = z.object({
  id: z.string(),
  user_id: z.string(),
  name: z.string(),
  email: z.string(),
});
export type CloudPerson = z.infer<typeof cloudPersonSchema>;

/**
 * The platform's cloud roles (its `permission_level` on cloud collaborators):
 * `owner` manages who may use the cloud and may transfer its ownership,
 * `write` creates, terminates and duplicates workloads, `readonly` sees the
 * cloud and its workloads. A person's effective role is the strongest of all
 * their sources (docs/decisions/022-groups-and-cloud-roles.md).
 */
export const cloudRoleSchema = z.enum(cloudRoles);
export type CloudRole = z.infer<typeof cloudRoleSchema>;

export const cloudRoleLabels: Record<CloudRole, string> = {
  owner: 'Owner',
  write: 'Write',
  readonly: 'Read only',
};

/** Higher is stronger. */
export const cloudRoleRank: Record<CloudRole, number> = { readonly: 1, write: 2, owner: 3 };

/** The stronger of two roles (null: no access). */
export function strongerRole(a: CloudRole | null, b: CloudRole | null): CloudRole | null {
  if (a === null) return b;
  if (b === null) return a;
  return cloudRoleRank[a] >= cloudRoleRank[b] ? a : b;
}

/** Who made a grant; a removed member keeps their name, with `removed: true`. */
export const grantedBySchema = cloudPersonSchema.extend({ removed: z.boolean() }).nullable();
export type GrantedBy = z.infer<typeof grantedBySchema>;

/** A group as referenced from a cloud's access. */
export const cloudGroupRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** `scim`: synced from the identity provider (read-only in the console). */
  source: z.enum(['manual', 'scim']),
});
export type CloudGroupRef = z.infer<typeof cloudGroupRefSchema>;

/**
 * One reason a person can use a cloud, with the role it gives. A person may
 * have several (an organization owner with a direct grant, a member of two
 * granted groups); the list is ordered strongest first.
 */
export const cloudAccessSourceDetailSchema = z.discriminatedUnion('type', [
  /** "Organization owner (implicit)": every organization owner is an implicit cloud owner. */
  z.object({ type: z.literal('organization_owner'), role: z.literal('owner') }),
  /** "Cloud owner": the cloud's explicit owner. */
  z.object({ type: z.literal('cloud_owner'), role: z.literal('owner') }),
  /** "Granted write by Ada on 3 May": a direct grant. */
  z.object({
    type: z.literal('grant'),
    role: cloudRoleSchema,
    granted_by: grantedBySchema,
    granted_at: z.string(),
  }),
  /** "readonly via group Data Science": a grant to a group the person belongs to. */
  z.object({
    type: z.literal('group'),
    role: cloudRoleSchema,
    group: cloudGroupRefSchema,
    granted_by: grantedBySchema,
    granted_at: z.string(),
  }),
]);
export type CloudAccessSourceDetail = z.infer<typeof cloudAccessSourceDetailSchema>;

export const cloudNameSchema = plainText()
  .min(1, { message: 'Enter a cloud name.' })
  .max(100, { message: 'Use at most 100 characters.' });

export const cloudRegionSchema = plainText()
  .min(1, { message: 'Enter a region.' })
  .max(64, { message: 'Use at most 64 characters.' });

export const cloudSchema = z.object({
  id: z.string(),
  name: z.string(),
  provider: cloudProviderSchema,
  region: z.string(),
  /** The explicit owner; null means the organization owners own it (implicit). */
  owner: cloudPersonSchema.nullable(),
  /** People who can use the cloud: organization owners, the explicit owner, and grants. */
  access_count: z.number().int(),
  /** How the caller can use this cloud: the strongest of `your_sources`. */
  your_access: cloudAccessSourceSchema,
  /** The caller's effective role on this cloud (the strongest source wins). */
  your_role: cloudRoleSchema,
  /** Every reason the caller can use this cloud, strongest first. */
  your_sources: z.array(cloudAccessSourceDetailSchema),
  /**
   * Why the caller cannot create workloads here; null when they can. The
   * console shows it on the disabled Create button.
   */
  create_blocked_reason: z.string().nullable(),
  created_at: z.string(),
});
export type Cloud = z.infer<typeof cloudSchema>;

export const cloudListQuerySchema = pageQuerySchema;
export type CloudListQuery = z.input<typeof cloudListQuerySchema>;
export const cloudPageSchema = pageSchema(cloudSchema);
export type CloudPage = z.infer<typeof cloudPageSchema>;

export const createCloudBodySchema = z.strictObject({
  name: cloudNameSchema,
  provider: cloudProviderSchema,
  region: cloudRegionSchema,
});
export type CreateCloudBody = z.infer<typeof createCloudBodySchema>;

export const updateCloudBodySchema = z.strictObject({ name: cloudNameSchema });
export type UpdateCloudBody = z.infer<typeof updateCloudBodySchema>;

export const cloudParamsSchema = z.object({ id: idString() });
/**
 * `user_id` is the `user_id` of GET /organization_collaborators; DELETE also
 * takes the identity id there (the `id`), as the platform's
 * DELETE /clouds/{id}/collaborators/{identity_id} does.
 */
export const cloudMemberParamsSchema = z.object({
  id: idString(),
  user_id: idString(),
});

/** One person in a cloud's access list, with every reason they have access. */
export const cloudAccessEntrySchema = cloudPersonSchema.extend({
  /** Their organization role. */
  permission_level: permissionLevelSchema,
  /** The strongest source's type (kept for older clients; `sources` has them all). */
  source: cloudAccessSourceSchema,
  /** Their effective role on this cloud: the strongest of `sources`. */
  role: cloudRoleSchema,
  /** Every reason they can use the cloud, strongest first. */
  sources: z.array(cloudAccessSourceDetailSchema),
  /** The direct grant, if any (an organization owner or the cloud owner may also hold one). */
  grant: z
    .object({
      role: cloudRoleSchema,
      granted_by: grantedBySchema,
      granted_at: z.string(),
    })
    .nullable(),
  /**
   * Why the direct grant cannot be removed here; null when it can (or there is
   * none). Removing it still leaves their other sources (see `sources`).
   */
  removal_blocked_reason: z.string().nullable(),
});
export type CloudAccessEntry = z.infer<typeof cloudAccessEntrySchema>;

export const cloudAccessQuerySchema = pageQuerySchema.extend({
  q: plainText().max(200).optional(),
});
export type CloudAccessQuery = z.input<typeof cloudAccessQuerySchema>;
export const cloudAccessPageSchema = pageSchema(cloudAccessEntrySchema);
export type CloudAccessPage = z.infer<typeof cloudAccessPageSchema>;

export const grantCloudAccessBodySchema = z.strictObject({
  /** `user_id` values from GET /organization_collaborators. */
  user_ids: z
    .array(idString())
    .min(1, { message: 'Choose at least one member.' })
    .max(100, { message: 'Add at most 100 members at a time.' }),
  /**
   * The role of the direct grants. Omitted: `write` for new grants, existing
   * grants unchanged (the yes/no grants before roles were `write`). Given: new
   * grants get it and existing grants change to it (`role_changed`).
   */
  role: cloudRoleSchema.optional(),
});
export type GrantCloudAccessBody = z.input<typeof grantCloudAccessBodySchema>;

export const grantOutcomes = ['granted', 'already_granted', 'role_changed'] as const;
export const grantCloudAccessResultSchema = wholeListSchema(
  z.object({
    user_id: z.string(),
    name: z.string(),
    outcome: z.enum(grantOutcomes),
  }),
);
export type GrantCloudAccessResult = z.infer<typeof grantCloudAccessResultSchema>;

export const transferCloudOwnershipBodySchema = z.strictObject({
  /** The new explicit owner's `user_id`; null returns ownership to the organization owners. */
  user_id: idString().nullable(),
});
export type TransferCloudOwnershipBody = z.infer<typeof transferCloudOwnershipBodySchema>;

/** PATCH /clouds/{id}/collaborators/{user_id}: change the role of a person's direct grant. */
export const updateCloudGrantBodySchema = z.strictObject({ role: cloudRoleSchema });
export type UpdateCloudGrantBody = z.infer<typeof updateCloudGrantBodySchema>;

// Group grants: a group can use a cloud with a role; its members get that role.

export const cloudGroupGrantSchema = z.object({
  group: cloudGroupRefSchema.extend({ member_count: z.number().int() }),
  role: cloudRoleSchema,
  granted_by: grantedBySchema,
  granted_at: z.string(),
});
export type CloudGroupGrant = z.infer<typeof cloudGroupGrantSchema>;

/** GET /clouds/{id}/group_grants: every group granted this cloud, by name. */
export const cloudGroupGrantListSchema = wholeListSchema(cloudGroupGrantSchema);
export type CloudGroupGrantList = z.infer<typeof cloudGroupGrantListSchema>;

/** POST /clouds/{id}/group_grants */
export const grantCloudGroupsBodySchema = z.strictObject({
  group_ids: z
    .array(idString())
    .min(1, { message: 'Choose at least one group.' })
    .max(100, { message: 'Add at most 100 groups at a time.' }),
  /** Omitted: `write` for new grants, existing grants unchanged. */
  role: cloudRoleSchema.optional(),
});
export type GrantCloudGroupsBody = z.input<typeof grantCloudGroupsBodySchema>;

export const grantCloudGroupsResultSchema = wholeListSchema(
  z.object({ group_id: z.string(), name: z.string(), outcome: z.enum(grantOutcomes) }),
);
export type GrantCloudGroupsResult = z.infer<typeof grantCloudGroupsResultSchema>;

/** PATCH /clouds/{id}/group_grants/{group_id} */
export const updateCloudGroupGrantBodySchema = z.strictObject({ role: cloudRoleSchema });
export type UpdateCloudGroupGrantBody = z.infer<typeof updateCloudGroupGrantBodySchema>;

export const cloudGroupParamsSchema = z.object({ id: idString(), group_id: idString() });

// Who has access, and why.

/** GET /clouds/{id}/access_report; GET /clouds/{id}/access_report/export downloads the same rows as CSV. */
export const cloudAccessReportRowSchema = cloudPersonSchema.extend({
  permission_level: permissionLevelSchema,
  role: cloudRoleSchema,
  sources: z.array(cloudAccessSourceDetailSchema),
  /** Last activity on this cloud: when they last created a workload there (null: never). */
  last_workload_created_at: z.string().nullable(),
  /** Workloads they created on this cloud, running or not. */
  workloads_created: z.number().int(),
});
export type CloudAccessReportRow = z.infer<typeof cloudAccessReportRowSchema>;

/** Every person with effective access, by name (a whole list: an organization's people, not a page). */
export const cloudAccessReportSchema = wholeListSchema(cloudAccessReportRowSchema, {
  cloud: z.object({ id: z.string(), name: z.string() }),
  generated_at: z.string(),
});
export type CloudAccessReport = z.infer<typeof cloudAccessReportSchema>;

/** One source of a member's access to one cloud, and what removing it alone would leave. */
export const memberAccessSourceSchema = z.object({
  source: cloudAccessSourceDetailSchema,
  /** Their role on this cloud if this source went away (null: they would lose access). */
  role_without: cloudRoleSchema.nullable(),
  /** How this source is removed, in words ("Change their role to collaborator", "Remove them from Data Science"). */
  how_to_remove: z.string(),
});
export type MemberAccessSource = z.infer<typeof memberAccessSourceSchema>;

export const memberCloudAccessSchema = z.object({
  cloud: z.object({ id: z.string(), name: z.string(), provider: cloudProviderSchema }),
  role: cloudRoleSchema,
  sources: z.array(memberAccessSourceSchema),
});
export type MemberCloudAccess = z.infer<typeof memberCloudAccessSchema>;

/** GET /organization_collaborators/{id}/cloud_access: every cloud the member can use, by cloud name. */
export const memberCloudAccessListSchema = wholeListSchema(memberCloudAccessSchema, {
  member: cloudPersonSchema,
});
export type MemberCloudAccessList = z.infer<typeof memberCloudAccessListSchema>;

// The platform's cloud-access paths (its Terraform provider and SDK call them).
// Shapes as internal/provider/cloud_access_api.go of the platform's Terraform
// provider sends and reads them.

/**
 * POST /clouds/{id}/collaborators/users/search: the filter travels in the body,
 * `count` (at most 50) and `paging_token` in the query string, as the provider's
 * searchCloudCollaborators sends them. An empty body matches every collaborator.
 */
export const platformCollaboratorSearchBodySchema = z
  .object({ name_or_email: plainText().max(254).optional() })
  .nullish();
export const platformCollaboratorSearchQuerySchema = z.object({
  count: z.coerce.number().int().min(1).max(50).default(50),
  paging_token: text().max(500).optional(),
});

/**
 * One result, as the provider's cloudCollaboratorSearchResult reads it: `id` is
 * the identity id (what DELETE /clouds/{id}/collaborators/{identity_id} takes),
 * `value.id` the user id. Organization owners are left out, as on the platform
 * (their implicit access is not a collaborator row).
 */
export const platformCollaboratorSchema = z.object({
  id: z.string(),
  value: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  /** The effective role. */
  permission_level: cloudRoleSchema,
});
export type PlatformCollaborator = z.infer<typeof platformCollaboratorSchema>;

/** The provider's cloudCollaboratorSearchResponse: `{ results, metadata: { next_paging_token } }`. */
export const platformCollaboratorPageSchema = pageSchema(platformCollaboratorSchema);
export type PlatformCollaboratorPage = z.infer<typeof platformCollaboratorPageSchema>;

/**
 * POST /clouds/{id}/collaborators/users: the provider's
 * CreateCloudCollaboratorRequest `{ email, permission_level }`. A person who
 * already has permissions for the cloud gets 409 with the detail
 * "… already has permissions for this cloud." (the provider matches that text).
 */
export const platformAddCollaboratorBodySchema = z.object({
  email: plainText().min(1).max(254),
  permission_level: cloudRoleSchema,
});
export type PlatformAddCollaboratorBody = z.infer<typeof platformAddCollaboratorBodySchema>;

/**
 * POST /clouds/{id}/collaborators/users/batch_create: a list of entries, each
 * either `{ email, permission_level }` or the provider's batch entry
 * `{ value: { email }, permission_level }` (its projectCollaboratorEntry).
 * All or nothing: one address that already has permissions answers 409.
 */
export const platformBatchCollaboratorsBodySchema = z
  .array(
    z.union([
      platformAddCollaboratorBodySchema,
      z.object({
        value: z.object({ email: plainText().min(1).max(254) }),
        permission_level: cloudRoleSchema,
      }),
    ]),
  )
  .min(1, { message: 'Name at least one address.' })
  .max(100, { message: 'Add at most 100 addresses at a time.' });
export type PlatformBatchCollaboratorsBody = z.infer<typeof platformBatchCollaboratorsBodySchema>;

export const platformCollaboratorResultSchema = z.object({ result: platformCollaboratorSchema });
export const platformCollaboratorListSchema = wholeListSchema(platformCollaboratorSchema);
