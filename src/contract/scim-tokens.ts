import { z } from 'zod';
import { wholeListSchema } from './pagination.ts';
import { plainText } from './text.ts';

/** Where an identity provider sends SCIM 2.0 requests, below the console's public URL. */
export const scimBasePath = '/scim/v2';

export const scimTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
});
export type ScimToken = z.infer<typeof scimTokenSchema>;

export const createdScimTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Shown only in this answer; only its SHA-256 is kept. */
  token: z.string(),
  created_at: z.string(),
});
export type CreatedScimToken = z.infer<typeof createdScimTokenSchema>;

export const createScimTokenBodySchema = z.strictObject({
  name: plainText().min(1, { message: 'Name the token.' }).max(100),
});
export type CreateScimTokenBody = z.input<typeof createScimTokenBodySchema>;

export const scimTokenListSchema = wholeListSchema(scimTokenSchema, {
  /** The SCIM endpoint to give the identity provider. */
  endpoint: z.string(),
});
export type ScimTokenList = z.infer<typeof scimTokenListSchema>;

/** A group the identity provider pushed over SCIM (read-only in the console). */
export const directoryGroupSchema = z.object({ id: z.string(), display_name: z.string() });
export type DirectoryGroup = z.infer<typeof directoryGroupSchema>;
export const directoryGroupListSchema = wholeListSchema(directoryGroupSchema);
