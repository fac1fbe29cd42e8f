import { z } from 'zod';
import { apiKeySchema, createdApiKeySchema } from './api-keys.ts';
import { displayNameSchema } from './auth.ts';
import { wholeListSchema } from './pagination.ts';
import { idString } from './text.ts';

/** POST /api/v2/users/service_accounts?name=… (the platform puts the name in the query). */
export const createServiceAccountQuerySchema = z.object({ name: displayNameSchema });

/** Longest lifetime of a service account key: one year, in seconds. */
export const maxServiceAccountKeySeconds = 365 * 24 * 60 * 60;

/**
 * The platform's `ApiKeyParameters`: whose key (`user_id`, a service account's)
 * and for how long, in seconds. Omitted or null: the key never expires, which
 * only a service account may hold.
 */
export const createServiceAccountKeyBodySchema = z.strictObject({
  user_id: idString(),
  duration: z
    .number()
    .int({ message: 'Give the duration in whole seconds.' })
    .min(60, { message: 'A key must live at least a minute.' })
    .max(maxServiceAccountKeySeconds, { message: 'A key lives at most one year; omit duration for never.' })
    .nullable()
    .optional(),
  name: z.string().trim().min(1).max(100).optional(),
});
export type CreateServiceAccountKeyBody = z.infer<typeof createServiceAccountKeyBodySchema>;

export const serviceAccountKeySchema = createdApiKeySchema.extend({ user_id: z.string() });
export type ServiceAccountKey = z.infer<typeof serviceAccountKeySchema>;

export const serviceAccountKeyListSchema = wholeListSchema(apiKeySchema);

export const serviceAccountParamsSchema = z.object({ user_id: idString() });
export const serviceAccountKeyParamsSchema = z.object({ user_id: idString(), id: idString() });
