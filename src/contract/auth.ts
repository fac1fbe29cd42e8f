import { z } from 'zod';
import { plainText } from './text.ts';
import { emailProblem } from './email-address.ts';
import { maxPasswordLength, minPasswordLength } from './password-rules.ts';
import { permissionLevelSchema } from './roles.ts';

export const emailSchema = plainText()
  .max(254)
  .transform((value) => value.normalize('NFC').toLowerCase())
  .refine((value) => emailProblem(value) === undefined, { message: 'Enter a valid email address.' });

export { passwordRules } from './password-rules.ts';
/** Length only; strength is checked by the server (contract/password-policy.ts) and shown live in forms. */
export const passwordSchema = z
  .string()
  .min(minPasswordLength, { message: `Use at least ${minPasswordLength} characters.` })
  .max(maxPasswordLength, { message: `Use at most ${maxPasswordLength} characters.` });

export const displayNameSchema = plainText()
  .min(1, { message: 'Enter a name.' })
  .max(100, { message: 'Use at most 100 characters.' });

export const setupStatusSchema = z.object({ setup_required: z.boolean() });
export type SetupStatus = z.infer<typeof setupStatusSchema>;

export const setupBodySchema = z.strictObject({
  organization_name: plainText().min(1, { message: 'Enter an organization name.' }).max(100),
  name: displayNameSchema,
  email: emailSchema,
  password: passwordSchema,
});
export type SetupBody = z.infer<typeof setupBodySchema>;

export const loginBodySchema = z.strictObject({
  email: plainText()
    .max(254)
    .transform((value) => value.normalize('NFC').toLowerCase()),
  password: z.string().max(200),
  /** Which organization to sign in to, for an email registered in several (default: the first joined). */
  organization_id: z.string().min(1).max(64).optional(),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

/** The organization as the platform's clients read it (SDK model `Organization`). */
export const platformOrganizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  public_identifier: z.string(),
  /** "SSO is available" in the platform's sense (any mode but off). */
  sso_required: z.boolean(),
  is_general_platform_enabled: z.boolean(),
  is_private_endpoints_enabled: z.boolean(),
  is_usage_blocked: z.boolean(),
});

/**
 * The signed-in member. One shape for the console and the platform's clients:
 * the SDK's `UserInfo` fields (id … ld_hash_fields) beside Roster's own
 * (user_id, permission_level, organization, auth_method). `id` is the identity
 * id, the one DELETE /organization_collaborators/{id} takes.
 */
export const userInfoSchema = z.object({
  id: z.string(),
  user_id: z.string(),
  email: z.string(),
  name: z.string(),
  username: z.string(),
  verified: z.boolean(),
  organization_permission_level: permissionLevelSchema,
  organization_ids: z.array(z.string()),
  organizations: z.array(platformOrganizationSchema),
  ld_hash: z.string(),
  ld_hash_fields: z.array(z.string()),
  permission_level: permissionLevelSchema,
  organization: z.object({
    id: z.string(),
    name: z.string(),
    sso_enabled: z.boolean(),
  }),
  auth_method: z.enum(['session', 'api_key']),
});
export type UserInfo = z.infer<typeof userInfoSchema>;
