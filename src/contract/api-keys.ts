import { z } from 'zod';
import { wholeListSchema } from './pagination.ts';
import { plainText } from './text.ts';

export const apiKeyExpiryDays = [30, 90, 365] as const;
export const defaultApiKeyExpiryDays = 90;
/** The list shows a reminder when a key expires within this many days. */
export const apiKeyReminderDays = 7;

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  last_used_ip: z.string().nullable(),
  /** null: never expires */
  expires_at: z.string().nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

export const createdApiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  token: z.string(),
  created_at: z.string(),
  expires_at: z.string().nullable(),
});
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

export const createApiKeyBodySchema = z.strictObject({
  name: plainText().min(1, { message: 'Name the key.' }).max(100),
  expires_in_days: z
    .union([z.literal(30), z.literal(90), z.literal(365)], { message: 'Choose 30, 90 or 365 days.' })
    .default(defaultApiKeyExpiryDays),
});
export type CreateApiKeyBody = z.input<typeof createApiKeyBodySchema>;

export const apiKeyListSchema = wholeListSchema(apiKeySchema);
export type ApiKeyList = z.infer<typeof apiKeyListSchema>;
