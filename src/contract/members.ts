import { z } from 'zod';
import { idString, plainText } from './text.ts';
import { memberSorts, memberSources } from './enums.ts';
import { permissionLevelSchema } from './roles.ts';
import { pageQuerySchema, pageSchema } from './pagination.ts';

export const collaboratorSchema = z.object({
  /** The identity id: what DELETE, PATCH and PUT /organization_collaborators/{id} take. */
  id: z.string(),
  user_id: z.string(),
  email: z.string(),
  name: z.string(),
  permission_level: permissionLevelSchema,
  /** The platform's name for the role (same value as permission_level). */
  base_role: permissionLevelSchema,
  /** The platform's extra organization roles; Roster has none. */
  additional_roles: z.array(z.string()),
  is_service_account: z.boolean(),
  created_at: z.string(),
  /** Latest sign-in, session or API-key use (updated at most once a minute); null: never. */
  last_active_at: z.string().nullable(),
  /**
   * How the membership came to be: an invitation (or setup), a first SSO sign-in
   * that provisioned them just in time, or the identity provider over SCIM.
   */
  source: z.enum(memberSources),
  /** The groups they belong to, by name (manual and SCIM alike); on list and single answers. */
  groups: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
  /** Their latest sign-in through the organization's SSO (null: never signed in with SSO). */
  last_sso_login_at: z.string().nullable(),
});
export type Collaborator = z.infer<typeof collaboratorSchema>;

export const memberSortSchema = z.enum(memberSorts);
export type MemberSort = z.infer<typeof memberSortSchema>;

export const collaboratorTypes = ['all_accounts', 'only_service_accounts', 'only_user_accounts'] as const;

/** A boolean in a query string as any client writes it: Python's True/False, JSON's true/false, 1/0. */
export const queryBooleanSchema = z
  .enum(['true', 'false', 'True', 'False', '1', '0'], { message: 'Use true or false.' })
  .transform((value) => value === 'true' || value === 'True' || value === '1');

export type CollaboratorType = (typeof collaboratorTypes)[number];

export const collaboratorListQuerySchema = pageQuerySchema.extend({
  email: plainText().max(254).optional(),
  /** Part of a name, any case (the platform's filter). */
  name: plainText().max(200).optional(),
  q: plainText().max(200).optional(),
  is_service_account: queryBooleanSchema.optional(),
  collaborator_type: z.enum(collaboratorTypes).optional(),
  permission_level: permissionLevelSchema.optional(),
  /** How the membership came to be (see `source` on a collaborator). */
  source: z.enum(memberSources).optional(),
  /** `true`: members who have signed in with SSO; `false`: those who never have. */
  sso: queryBooleanSchema.optional(),
  sort: memberSortSchema.default('name'),
});
export type CollaboratorListQuery = z.input<typeof collaboratorListQuerySchema>;

export const collaboratorPageSchema = pageSchema(collaboratorSchema);
export type CollaboratorPage = z.infer<typeof collaboratorPageSchema>;

export const idParamsSchema = z.object({ id: idString() });

export const changeRoleBodySchema = z.strictObject({ permission_level: permissionLevelSchema });

/** The platform's role write: `PUT /organization_collaborators/{user_id}/roles`. */
export const setRolesBodySchema = z.strictObject({
  base_role: permissionLevelSchema,
  additional_roles: z.array(plainText().max(100)).max(0, {
    message: 'Roster has no additional organization roles; send an empty list.',
  }),
});
export type SetRolesBody = z.infer<typeof setRolesBodySchema>;
export type ChangeRoleBody = z.infer<typeof changeRoleBodySchema>;

/** Where one removed person's cloud goes: a member's `user_id`, or null for the organization owners. */
export const cloudTransferSchema = z.strictObject({
  cloud_id: idString(),
  user_id: idString().nullable(),
});
export type CloudTransfer = z.infer<typeof cloudTransferSchema>;

export const batchDeleteBodySchema = z.strictObject({
  ids: z
    .array(idString())
    .min(1, { message: 'Name at least one member to remove.' })
    .max(100, { message: 'Remove at most 100 members at a time.' }),
  cloud_transfers: z.array(cloudTransferSchema).max(1000).optional(),
  /** Owners among `ids` are made collaborators and removed in the same transaction ("Make collaborator and remove"). */
  downgrade_owners: z.boolean().optional(),
});
export type BatchDeleteBody = z.infer<typeof batchDeleteBodySchema>;

/** What a removal did, for the console's receipt. */
export const removalReceiptSchema = z.object({
  removed: z.number().int(),
  removed_ids: z.array(z.string()),
  clouds_transferred: z.number().int(),
  clouds_returned_to_owners: z.number().int(),
  cloud_grants_removed: z.number().int(),
  api_keys_revoked: z.number().int(),
  sessions_ended: z.number().int(),
  /** Pending invitations the removed people had sent: revoked with them. */
  invitations_revoked: z.number().int(),
});
export type RemovalReceipt = z.infer<typeof removalReceiptSchema>;

const workloadCountsSchema = z.object({ running: z.number().int(), total: z.number().int() });

/** What a person created and holds, so an owner knows what removal does before confirming. */
export const offboardingPreviewSchema = z.object({
  member: collaboratorSchema,
  workloads: z.object({
    workspaces: workloadCountsSchema,
    jobs: workloadCountsSchema,
    services: workloadCountsSchema,
  }),
  clouds_owned: z.array(z.object({ id: z.string(), name: z.string() })),
  cloud_grants: z.number().int(),
  api_keys: z.number().int(),
  active_sessions: z.number().int(),
  /** The organization has a live SCIM token: the identity provider would provision the person again. */
  scim_on: z.boolean(),
  /** Open invitations the person sent; removal revokes them (the dialog can send them again). */
  pending_invitations: z.array(
    z.object({
      id: z.string(),
      email: z.string(),
      permission_level: permissionLevelSchema,
      cloud_ids: z.array(z.string()),
      expires_at: z.string(),
    }),
  ),
});
export type OffboardingPreview = z.infer<typeof offboardingPreviewSchema>;

/** The filters of the member list an export follows (no paging: every matching member). */
export const collaboratorExportQuerySchema = collaboratorListQuerySchema.omit({
  count: true,
  paging_token: true,
});
export type CollaboratorExportQuery = z.infer<typeof collaboratorExportQuerySchema>;

/** One member in full, for an owner: the member page. */
export const memberProfileSchema = z.object({
  member: collaboratorSchema,
  /** How they joined: an accepted invitation (and from whom), or without one (setup, seeding). */
  source: z.object({
    kind: z.enum(['invitation', 'direct']),
    invited_by: z.object({ id: z.string(), name: z.string(), removed: z.boolean() }).nullable(),
  }),
  /** Organization owners are implicit owners of every cloud; `clouds` lists the explicit ones. */
  implicit_owner_of_all_clouds: z.boolean(),
  clouds: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      /** `owner`: the cloud's explicit owner; `granted`: a grant of access. */
      access: z.enum(['owner', 'granted']),
    }),
  ),
  api_keys: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      created_at: z.string(),
      expires_at: z.string().nullable(),
      last_used_at: z.string().nullable(),
    }),
  ),
});
export type MemberProfile = z.infer<typeof memberProfileSchema>;
