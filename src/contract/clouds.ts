import { z } from 'zod';
import { idString, plainText } from './text.ts';
import { pageQuerySchema, pageSchema, wholeListSchema } from './pagination.ts';
import { permissionLevelSchema } from './roles.ts';

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
 * every cloud; a cloud's explicit owner and people granted access are explicit.
 */
export const cloudAccessSources = ['organization_owner', 'cloud_owner', 'grant'] as const;
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
  /** How the caller can use this cloud. */
  your_access: cloudAccessSourceSchema,
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
export const cloudMemberParamsSchema = z.object({
  id: idString(),
  user_id: idString(),
});

/** One person in a cloud's access list, with the reason they have access. */
export const cloudAccessEntrySchema = cloudPersonSchema.extend({
  permission_level: permissionLevelSchema,
  source: cloudAccessSourceSchema,
  /** The explicit grant, if any (an organization owner or the cloud owner may also hold one). */
  grant: z
    .object({
      granted_by: cloudPersonSchema.extend({ removed: z.boolean() }).nullable(),
      granted_at: z.string(),
    })
    .nullable(),
  /** Why this person cannot be removed from the list; null when they can. */
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
});
export type GrantCloudAccessBody = z.infer<typeof grantCloudAccessBodySchema>;

export const grantOutcomes = ['granted', 'already_granted'] as const;
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
