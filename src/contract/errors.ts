import { z } from 'zod';

/** Every error the API answers with has this body. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** The same text as `message`; the platform's clients read `detail`. */
    detail: z.string(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** Codes a client may branch on. Others exist but are informational. */
export const errorCodes = {
  badRequest: 'bad_request',
  validation: 'validation_failed',
  unauthenticated: 'unauthenticated',
  invalidCredentials: 'invalid_credentials',
  forbidden: 'forbidden',
  csrfRejected: 'csrf_rejected',
  notFound: 'not_found',
  conflict: 'conflict',
  lastOwner: 'last_owner',
  ownerMustBeDowngraded: 'owner_must_be_downgraded',
  emailTaken: 'email_taken',
  invalidInvitation: 'invalid_invitation',
  deliveryNotFailed: 'delivery_not_failed',
  invitationExpired: 'invitation_expired',
  rateLimited: 'rate_limited',
  apiKeyExpired: 'api_key_expired',
  invalidResetToken: 'invalid_reset_token',
  sessionRequired: 'session_required',
  wrongPassword: 'wrong_password',
  setupDone: 'not_found',
  internal: 'internal_error',
  databaseUnavailable: 'database_unavailable',
  databaseReadOnly: 'database_read_only',
  storageFull: 'storage_full',
  shuttingDown: 'shutting_down',
  headersTooLarge: 'headers_too_large',
} as const;
