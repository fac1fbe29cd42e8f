import { z } from 'zod';
import { wholeListSchema } from './pagination.ts';

export const devMailSchema = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text_body: z.string(),
  html_body: z.string(),
  created_at: z.string(),
});
export type DevMail = z.infer<typeof devMailSchema>;

export const devMailboxSchema = wholeListSchema(devMailSchema);
export type DevMailbox = z.infer<typeof devMailboxSchema>;
