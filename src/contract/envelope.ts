import { z } from 'zod';

/**
 * The platform's envelope for an answer that is one object: `{ "result": … }`.
 * Lists answer `{ results, metadata }` (see pagination.ts); errors `{ error }`.
 */
export function resultSchema<T extends z.ZodType>(item: T) {
  return z.object({ result: item });
}

/** Wraps one object in the platform's envelope. */
export function result<T>(value: T): { result: T } {
  return { result: value };
}

/** An answer without a body (204): the action is done. */
export const noContentSchema = z.null().describe('No content: done.');
