/**
 * The one normalisation for member search, applied to the stored text and to
 * every query alike: Unicode NFKD, combining marks dropped, lower-cased. So
 * "José", "JOSE" and "jose" find each other, and full-width or ligature forms
 * ("ﬁ", "Ｊｏｓｅ") fold to their plain letters.
 */
export function foldSearchText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Queries this short (in characters, after folding) match the start of a name or email instead of anywhere. */
export const SHORT_QUERY_LENGTH = 2;

/** A search counts its matches exactly up to here; beyond it the total is reported as "at least". */
export const SEARCH_TOTAL_CAP = 1000;
