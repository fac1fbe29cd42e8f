import { z } from 'zod';
import { text } from './text.ts';

export const pageQuerySchema = z.object({
  count: z.coerce.number().int().min(1).max(100).default(20),
  paging_token: text().max(500).optional(),
});

export const pageMetadataSchema = z.object({
  total: z.number().int(),
  /** Present and true when `total` is a floor: a search counts exactly up to a cap (the console shows "1,000+"). */
  total_capped: z.boolean().optional(),
  next_paging_token: z.string().nullable(),
  previous_paging_token: z.string().nullable(),
});
export type PageMetadata = z.infer<typeof pageMetadataSchema>;

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ results: z.array(item), metadata: pageMetadataSchema });
}
