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

/** A list answered whole (short by nature): the same envelope as a page, with no next page. */
export function wholeListSchema<T extends z.ZodType, E extends z.ZodRawShape = Record<never, never>>(
  item: T,
  extra?: E,
) {
  return z.object({ results: z.array(item), metadata: pageMetadataSchema, ...(extra as E) });
}

export function wholeList<T>(results: T[]): { results: T[]; metadata: PageMetadata } {
  return {
    results,
    metadata: { total: results.length, next_paging_token: null, previous_paging_token: null },
  };
}
