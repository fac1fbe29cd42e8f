import { z } from 'zod';
import { displayNameSchema, passwordSchema } from './auth.ts';
import { pageQuerySchema, pageSchema } from './pagination.ts';
import { permissionLevelSchema } from './roles.ts';

/** Most addresses one invite request may carry (after duplicates are collapsed). */
export const maxInviteAddresses = 100;

export type ParsedAddress = {
  /** The canonical address: trimmed, NFC-normalised, lowercase. */
  email: string;
  /** Why the address cannot be invited; absent when it is valid. */
  problem?: string;
};

const addressSchema = z.email();

/** Why `email` (already canonical) is not a usable address, or undefined when it is. */
export function emailProblem(email: string): string | undefined {
  const at = email.split('@').length - 1;
  if (at === 0) return 'Missing the @ sign.';
  if (at > 1) return 'Has more than one @ sign.';
  const [local, domain] = email.split('@') as [string, string];
  if (!local) return 'Missing the name before the @ sign.';
  if (!domain) return 'Missing the domain after the @ sign.';
  if (email.length > 254) return 'Longer than 254 characters.';
  if (!domain.includes('.')) return 'The domain needs a dot, as in example.com.';
  if (!addressSchema.safeParse(asciiShape(local, domain)).success) return 'Not a valid email address.';
  return undefined;
}

/**
 * Internationalised addresses (josé@bücher.de) are checked by their shape: the
 * domain in its ASCII (punycode) form and non-ASCII letters of the name as
 * plain letters. NFC normalisation is what makes two spellings of one such
 * address collapse into one.
 */
function asciiShape(local: string, domain: string): string {
  if (/^[ -~]*$/.test(local + domain)) return `${local}@${domain}`;
  let asciiDomain: string;
  try {
    asciiDomain = new URL(`http://${domain}`).hostname;
  } catch {
    return '';
  }
  return `${local.replace(/[^ -~]/g, 'a')}@${asciiDomain}`;
}

/**
 * Splits what an owner typed or pasted into addresses: separated by commas,
 * semicolons, spaces or new lines; `Ada Lovelace <ada@x.com>` and `<ada@x.com>`
 * (as mail programs copy them) count as ada@x.com. Each address is
 * canonicalised and duplicates collapse, keeping the first position. Used by
 * the console (live preview) and the server, so both count the same way.
 */
export function parseInviteAddresses(input: string | readonly string[]): ParsedAddress[] {
  const text = typeof input === 'string' ? input : input.join('\n');
  const unwrapped = text
    .replace(/"[^"\n]*"/g, ' ') // quoted display names may contain commas
    .replace(/(^|[,;\n])[^,;\n<>@]*<([^<>]*)>/g, '$1 $2 ');
  const seen = new Set<string>();
  const result: ParsedAddress[] = [];
  for (const raw of unwrapped.split(/[\s,;]+/)) {
    const email = raw.replace(/^<|>$/g, '').trim().normalize('NFC').toLowerCase();
    if (!email || seen.has(email)) continue;
    seen.add(email);
    const problem = emailProblem(email);
    result.push(problem ? { email, problem } : { email });
  }
  return result;
}

export const invitationOutcomes = ['invited', 'already_member', 'already_invited', 'invalid'] as const;
export type InvitationOutcome = (typeof invitationOutcomes)[number];

/**
 * How invitation mail reaches people: a real mail server, the development
 * mailbox, or nowhere (production without SMTP: owners share links by hand).
 */
export const mailDeliveryModeSchema = z.enum(['smtp', 'dev_mailbox', 'manual']);
export type MailDeliveryMode = z.infer<typeof mailDeliveryModeSchema>;

export const createInvitationsBodySchema = z.strictObject({
  emails: z.union([z.string().max(50_000), z.array(z.string().max(1_000)).max(1_000)]),
  permission_level: permissionLevelSchema.default('collaborator'),
  cloud_ids: z.array(z.string().min(1).max(64)).max(100).default([]),
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

export const createInvitationsResponseSchema = z.object({
  results: z.array(invitationResultSchema),
  delivery: mailDeliveryModeSchema,
});
export type CreateInvitationsResponse = z.infer<typeof createInvitationsResponseSchema>;

export const deliveryStatusSchema = z.enum(['queued', 'sent', 'failed', 'manual']);
export type DeliveryStatus = z.infer<typeof deliveryStatusSchema>;

export const invitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  permission_level: permissionLevelSchema,
  cloud_ids: z.array(z.string()),
  invited_by: z.object({ id: z.string(), name: z.string(), removed: z.boolean() }).nullable(),
  created_at: z.string(),
  sent_at: z.string(),
  expires_at: z.string(),
  /** Open invitations only are listed: pending, or expired (Resend revives them). */
  status: z.enum(['pending', 'expired']),
  delivery_status: deliveryStatusSchema,
});
export type Invitation = z.infer<typeof invitationSchema>;

export const invitationListQuerySchema = pageQuerySchema;
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

const tokenSchema = z.string().min(1).max(200);

export const invitationPreviewBodySchema = z.strictObject({ token: tokenSchema });

export const invitationPreviewSchema = z.object({
  organization: z.object({ name: z.string() }),
  inviter: z.object({ name: z.string() }),
  email: z.string(),
  permission_level: permissionLevelSchema,
  expires_at: z.string(),
  /** The invited address is already an active member of the organization. */
  already_member: z.boolean(),
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
