import { z } from 'zod';
import { passwordSchema } from './auth.ts';
import { wholeListSchema } from './pagination.ts';

export const changePasswordBodySchema = z.strictObject({
  current_password: z.string().max(200),
  new_password: passwordSchema,
});
export type ChangePasswordBody = z.infer<typeof changePasswordBodySchema>;

export const changedPasswordSchema = z.object({
  /** how many other sessions of yours were signed out */
  signed_out_sessions: z.number().int(),
});

export const passwordResetRequestBodySchema = z.strictObject({
  email: z
    .string()
    .trim()
    .max(254)
    .transform((value) => value.normalize('NFC').toLowerCase()),
});

/** Same answer whether or not the address belongs to anyone. */
export const passwordResetRequestedSchema = z.object({ message: z.string() });
export const passwordResetRequestedMessage =
  'If an account uses that address, we sent it a link to choose a new password. The link works once, for 30 minutes.';

export const resetTokenBodySchema = z.strictObject({ token: z.string().min(1).max(200) });

export const passwordResetPreviewSchema = z.object({ email: z.string(), expires_at: z.string() });
export type PasswordResetPreview = z.infer<typeof passwordResetPreviewSchema>;

export const completePasswordResetBodySchema = z.strictObject({
  token: z.string().min(1).max(200),
  password: passwordSchema,
});
export type CompletePasswordResetBody = z.infer<typeof completePasswordResetBodySchema>;

export const invalidResetTokenMessage =
  'This password reset link cannot be used. It may have expired or been used already. Ask for a new one.';

export const sessionSchema = z.object({
  id: z.string(),
  /** e.g. "Chrome 156 on Linux"; null when the browser sent nothing recognisable */
  device: z.string().nullable(),
  user_agent: z.string().nullable(),
  ip: z.string().nullable(),
  created_at: z.string(),
  last_seen_at: z.string(),
  /** the session this request came with */
  current: z.boolean(),
});
export type Session = z.infer<typeof sessionSchema>;

export const sessionListSchema = wholeListSchema(sessionSchema);

export const signedOutSessionsSchema = z.object({ signed_out_sessions: z.number().int() });
