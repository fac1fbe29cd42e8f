import { z } from 'zod';
import { cloudPersonSchema, cloudRoleSchema, cloudProviderSchema, grantedBySchema } from './clouds.ts';
import { idString, plainText } from './text.ts';
import { pageQuerySchema, pageSchema, wholeListSchema } from './pagination.ts';

/**
 * Groups: named sets of members. Owners create `manual` groups in the console;
 * `scim` groups are pushed by the identity provider over SCIM /Groups and are
 * read-only here (rename, delete and membership change there). A group can be
 * granted clouds with a role (see clouds.ts, group grants); its members get
 * that role on those clouds.
 */
export const groupSources = ['manual', 'scim'] as const;
export const groupSourceSchema = z.enum(groupSources);
export type GroupSource = z.infer<typeof groupSourceSchema>;

export const groupSourceLabels: Record<GroupSource, string> = { manual: 'Manual', scim: 'SCIM' };

/** Unique per organization, ignoring case. */
export const groupNameSchema = plainText()
  .min(1, { message: 'Enter a group name.' })
  .max(100, { message: 'Use at most 100 characters.' });

/** A cloud the group can use, and the role its members get there. */
export const groupCloudSchema = z.object({
  id: z.string(),
  name: z.string(),
  provider: cloudProviderSchema,
  role: cloudRoleSchema,
  granted_by: grantedBySchema,
  granted_at: z.string(),
});
export type GroupCloud = z.infer<typeof groupCloudSchema>;

export const groupSchema = z.object({
  id: z.string(),
  name: z.string(),
  source: groupSourceSchema,
  /** Active members. */
  member_count: z.number().int(),
  /** Clouds granted to the group. */
  cloud_count: z.number().int(),
  /**
   * Why the console cannot change this group (rename, delete, members); null
   * when it can. Set for SCIM groups.
   */
  read_only_reason: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Group = z.infer<typeof groupSchema>;

/** GET /groups/{id}: the group with the clouds it can use, by cloud name. */
export const groupDetailSchema = groupSchema.extend({ clouds: z.array(groupCloudSchema) });
export type GroupDetail = z.infer<typeof groupDetailSchema>;

export const groupListQuerySchema = pageQuerySchema.extend({
  /** Part of the name, ignoring case. */
  q: plainText().max(100).optional(),
  source: groupSourceSchema.optional(),
  /** Only the groups this member (`user_id`) belongs to. */
  user_id: idString().optional(),
});
export type GroupListQuery = z.input<typeof groupListQuerySchema>;

/** By name. */
export const groupPageSchema = pageSchema(groupSchema);
export type GroupPage = z.infer<typeof groupPageSchema>;

export const createGroupBodySchema = z.strictObject({
  name: groupNameSchema,
  /** Members to add at once: `user_id` values from GET /organization_collaborators. */
  user_ids: z.array(idString()).max(100, { message: 'Add at most 100 members at a time.' }).default([]),
});
export type CreateGroupBody = z.input<typeof createGroupBodySchema>;

export const updateGroupBodySchema = z.strictObject({ name: groupNameSchema });
export type UpdateGroupBody = z.infer<typeof updateGroupBodySchema>;

export const groupParamsSchema = z.object({ id: idString() });
/** `user_id` is the `user_id` of GET /organization_collaborators. */
export const groupMemberParamsSchema = z.object({ id: idString(), user_id: idString() });

/** A member of a group: `id` is the member (identity) id, `user_id` what `user_ids` take. */
export const groupMemberSchema = cloudPersonSchema.extend({
  /** When they joined the group. */
  added_at: z.string(),
  /** Who added them; null for the identity provider (SCIM) or a removed member's record. */
  added_by: grantedBySchema,
});
export type GroupMember = z.infer<typeof groupMemberSchema>;

export const groupMemberListQuerySchema = pageQuerySchema.extend({ q: plainText().max(200).optional() });
export type GroupMemberListQuery = z.input<typeof groupMemberListQuerySchema>;

/** By name. */
export const groupMemberPageSchema = pageSchema(groupMemberSchema);
export type GroupMemberPage = z.infer<typeof groupMemberPageSchema>;

export const addGroupMembersBodySchema = z.strictObject({
  user_ids: z
    .array(idString())
    .min(1, { message: 'Choose at least one member.' })
    .max(100, { message: 'Add at most 100 members at a time.' }),
});
export type AddGroupMembersBody = z.infer<typeof addGroupMembersBodySchema>;

export const addGroupMemberOutcomes = ['added', 'already_member'] as const;
export const addGroupMembersResultSchema = wholeListSchema(
  z.object({ user_id: z.string(), name: z.string(), outcome: z.enum(addGroupMemberOutcomes) }),
);
export type AddGroupMembersResult = z.infer<typeof addGroupMembersResultSchema>;

/** A person whose access to one cloud changes when the group (or their membership) goes. */
export const accessChangeSchema = cloudPersonSchema.extend({
  role_before: cloudRoleSchema,
  /** null: they lose access to the cloud. */
  role_after: cloudRoleSchema.nullable(),
});
export type AccessChange = z.infer<typeof accessChangeSchema>;

/**
 * The cloud access a group's deletion ends: per cloud granted to the group, the
 * role and the people whose effective role changes (others keep theirs through
 * another source). GET /groups/{id}/deletion_preview answers it before, the
 * DELETE answers it after.
 */
export const groupDeletionSchema = z.object({
  group: groupSchema,
  clouds: z.array(
    z.object({
      cloud: z.object({ id: z.string(), name: z.string() }),
      role: cloudRoleSchema,
      changes: z.array(accessChangeSchema),
    }),
  ),
  /** People who lose access to at least one cloud. */
  people_losing_access: z.number().int(),
});
export type GroupDeletion = z.infer<typeof groupDeletionSchema>;

/** Error codes of the groups API. */
export const groupErrorCodes = {
  /** 409: another group of the organization has that name (ignoring case). */
  nameTaken: 'group_name_taken',
  /** 409: the group is synced from the identity provider; the message says where to change it. */
  readOnly: 'group_read_only',
  /** 400: a `user_id` is not an active member of the organization. */
  unknownMembers: 'unknown_members',
} as const;

export const scimGroupReadOnlyReason =
  'Synced from your identity provider (SCIM). Change its name and members there; ' +
  'the console can still grant it clouds.';
