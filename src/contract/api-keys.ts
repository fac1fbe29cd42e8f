import { z } from 'zod';
import { plainText } from './text.ts';

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

export const createdApiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  token: z.string(),
  created_at: z.string(),
});
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

export const createApiKeyBodySchema = z.strictObject({
  name: plainText().min(1, { message: 'Name the key.' }).max(100),
});

export const apiKeyListSchema = z.object({ results: z.array(apiKeySchema) });
