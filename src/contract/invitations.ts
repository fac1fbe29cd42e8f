import { z } from 'zod';
import { idString, multilineText, plainText, text } from './text.ts';
import { displayNameSchema, passwordSchema } from './auth.ts';
import { pageQuerySchema, pageSchema, wholeListSchema } from './pagination.ts';
import { permissionLevelSchema } from './roles.ts';
import { cloudRoleSchema } from './clouds.ts';

export const invitationOutcomes = ['invited', 'already_member', 'already_invited', 'invalid'] as const;
export type InvitationOutcome = (typeof invitationOutcomes)[number];

/**
 * How invitation mail reaches people: a real mail server, the development
 * mailbox, or nowhere (production without SMTP: owners share links by hand).
 */
export const mailDeliveryModeSchema = z.enum(['smtp', 'dev_mailbox', 'manual']);
export type MailDeliveryMode = z.infer<typeof mailDeliveryModeSchema>;

/** A cloud granted on acceptance, with the role of the grant. */
export const invitationCloudGrantSchema = z.object({ cloud_id: idString(), role: cloudRoleSchema });
export type InvitationCloudGrant = z.infer<typeof invitationCloudGrantSchema>;

export const createInvitationsBodySchema = z.strictObject({
  emails: z.union([multilineText().max(50_000), z.array(plainText().max(1_000)).max(1_000)]),
  permission_level: permissionLevelSchema.default('collaborator'),
  /** Clouds granted `write` on acceptance (the grants before roles). */
  cloud_ids: z.array(idString()).max(100).default([]),
  /** Clouds granted on acceptance with a role each; a cloud named in both lists takes the role here. */
  cloud_grants: z.array(invitationCloudGrantSchema).max(100).default([]),
  /** Manual groups the person joins on acceptance (SCIM groups are the identity provider's to fill). */
  group_ids: z.array(idString()).max(100).default([]),
});
export type CreateInvitationsBody = z.input<typeof createInvitationsBodySchema>;

export const invitationResultSchema = z.object({
  email: z.string(),
  outcome: z.enum(invitationOutcomes),
  invitation_id: z.string().optional(),
  reason: z.string().optional(),
  /** The registration link; present only in the response that minted its token. */
  invite_link: z.string().optional(),
});
export type InvitationResult = z.infer<typeof invitationResultSchema>;

export const createInvitationsResponseSchema = wholeListSchema(invitationResultSchema, {
  delivery: mailDeliveryModeSchema,
});
export type CreateInvitationsResponse = z.infer<typeof createInvitationsResponseSchema>;

/** The platform's single invitation: `{ email }` (the Terraform provider and the SDK send it). */
export const platformInvitationBodySchema = z.strictObject({ email: plainText().max(254) });
export type PlatformInvitationBody = z.infer<typeof platformInvitationBodySchema>;

/** The platform's batch: a list of `{ email }`, each answered on its own. */
export const batchInvitationsBodySchema = z
  .array(platformInvitationBodySchema)
  .min(1, { message: 'Name at least one address.' })
  .max(100, { message: 'Invite at most 100 addresses at a time.' });

/** Who these addresses are before inviting them, for the invite dialog's live preview. */
export const invitationLookupBodySchema = z.strictObject({
  emails: z
    .array(plainText().max(254))
    .min(1, { message: 'Name at least one address.' })
    .max(100, { message: 'Look up at most 100 addresses at a time.' }),
});
export type InvitationLookupBody = z.infer<typeof invitationLookupBodySchema>;

export const invitationLookupStatuses = ['new', 'member', 'invited', 'invalid'] as const;
export const invitationLookupSchema = wholeListSchema(
  z.object({ email: z.string(), status: z.enum(invitationLookupStatuses) }),
);
export type InvitationLookup = z.infer<typeof invitationLookupSchema>;

export const deliveryStatusSchema = z.enum(['queued', 'sent', 'failed', 'manual']);
export type DeliveryStatus = z.infer<typeof deliveryStatusSchema>;

export const invitationStatuses = ['pending', 'expired', 'accepted', 'invalidated'] as const;

export const invitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  /** The platform's invitation fields (its clients read id, email, organization_id, created_at, expires_at, accepted_at). */
  organization_id: z.string(),
  accepted_at: z.string().nullable(),
  permission_level: permissionLevelSchema,
  /** Every cloud granted on acceptance (also listed, with its role, in `cloud_grants`). */
  cloud_ids: z.array(z.string()),
  cloud_grants: z.array(z.object({ cloud_id: z.string(), role: cloudRoleSchema })),
  /** Groups joined on acceptance. */
  group_ids: z.array(z.string()),
  invited_by: z.object({ id: z.string(), name: z.string(), removed: z.boolean() }).nullable(),
  created_at: z.string(),
  sent_at: z.string(),
  expires_at: z.string(),
  /** The list shows open invitations only: pending, or expired (Resend revives them). One read by id may also be accepted or invalidated. */
  status: z.enum(invitationStatuses),
  invalidated_at: z.string().nullable(),
  delivery_status: deliveryStatusSchema,
});
export type Invitation = z.infer<typeof invitationSchema>;

/** One answer of batch_create. */
export const batchInvitationOutcomeSchema = z.object({
  status: z.enum(['success', 'error']),
  data: invitationSchema.nullable(),
  error: z.object({ code: z.string(), detail: z.string() }).nullable(),
});

export const invitationListQuerySchema = pageQuerySchema.extend({
  email: plainText().max(254).optional(),
});
export type InvitationListQuery = z.input<typeof invitationListQuerySchema>;

export const invitationPageSchema = pageSchema(invitationSchema);
export type InvitationPage = z.infer<typeof invitationPageSchema>;

export const resentInvitationSchema = z.object({
  invitation: invitationSchema,
  invite_link: z.string(),
});
export type ResentInvitation = z.infer<typeof resentInvitationSchema>;

export const mailDeliverySchema = z.object({ mode: mailDeliveryModeSchema });
export type MailDelivery = z.infer<typeof mailDeliverySchema>;

const tokenSchema = text().min(1).max(200);

export const invitationPreviewBodySchema = z.strictObject({ token: tokenSchema });

export const invitationPreviewSchema = z.object({
  organization: z.object({ name: z.string() }),
  inviter: z.object({ name: z.string() }),
  email: z.string(),
  permission_level: permissionLevelSchema,
  expires_at: z.string(),
  /** The invited address is already an active member of the organization. */
  already_member: z.boolean(),
  /**
   * The organization signs in with SSO: accept by signing in through the IdP at
   * `login_url` (`required`: accepting with a password is refused).
   */
  sso: z.object({ login_url: z.string(), required: z.boolean() }).nullable(),
});
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;

export const acceptInvitationBodySchema = z.strictObject({
  token: tokenSchema,
  name: displayNameSchema,
  password: passwordSchema,
});
export type AcceptInvitationBody = z.infer<typeof acceptInvitationBodySchema>;

/** The one answer for every unusable link: unknown, expired, used or revoked. */
export const invalidInvitationMessage =
  'This invitation link is no longer valid. It may have expired, been used or been revoked. ' +
  'Ask an owner of the organization to send you a new invitation.';
