import { z } from 'zod';

/**
 * Text rules for every string that reaches the database.
 *
 * - Every string: no NUL (PostgreSQL cannot store it; SQLite would keep
 *   `x@acme.test\u0000` as a look-alike of `x@acme.test`).
 * - Names, cloud and key names, search terms and emails (one line, shown to
 *   people): also no C0/C1 control characters (tab and new line included),
 *   no line/paragraph separators and no bidirectional embeddings, overrides or
 *   isolates, which make text display as something other than what it is.
 */
// eslint-disable-next-line no-control-regex
const nul = /\u0000/;
// eslint-disable-next-line no-control-regex
const controls = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
// Free text that may span lines (a pasted list of addresses): tab, CR and LF allowed.
const controlsButLineBreaks =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export const nulMessage = 'Must not contain NUL characters.';
export const controlMessage = 'Must not contain control characters or bidirectional overrides.';

export const hasNul = (value: string) => nul.test(value);
export const hasControlCharacters = (value: string) => controls.test(value);

/** Any string that reaches SQL: ids, tokens, filters. */
export const text = () => z.string().refine((value) => !nul.test(value), { message: nulMessage });

/** Text shown to people on one line: names, search terms, emails. Trimmed, then checked. */
export const plainText = () =>
  z
    .string()
    .trim()
    .refine((value) => !controls.test(value), { message: controlMessage });

/** Text that may span lines (pasted address lists). */
export const multilineText = () =>
  z.string().refine((value) => !controlsButLineBreaks.test(value), { message: controlMessage });

/** An id in a path, query or body. */
export const idString = () => text().min(1).max(64);
