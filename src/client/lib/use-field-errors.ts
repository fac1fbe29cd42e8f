import { useId, useState } from 'react';

type SafeParse<T> = (
  data: unknown,
) =>
  | { success: true; data: T }
  | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };

/**
 * Client-side validation with the contract's schemas, one message per field,
 * wired to the inputs (aria-invalid, aria-describedby pointing at the error
 * or the hint that `Field` renders). `serverErrors`: what the server refused,
 * by field (lib/api-field-errors.ts), shown the same way where the client's
 * own check found nothing.
 */
export function useFieldErrors<Name extends string>(serverErrors: Partial<Record<Name, string>> = {}) {
  const id = useId();
  const [clientErrors, setErrors] = useState<Partial<Record<Name, string>>>({});
  const errors: Partial<Record<Name, string>> = { ...serverErrors, ...clientErrors };

  const fieldProps = (name: Name) => ({
    id: `${id}-${name}`,
    name,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `${id}-${name}-error` : `${id}-${name}-hint`,
  });

  /** The parsed value, or undefined after showing each field's first problem. */
  function validate<T>(schema: { safeParse: SafeParse<T> }, data: unknown): T | undefined {
    const parsed = schema.safeParse(data);
    if (parsed.success) {
      setErrors({});
      return parsed.data;
    }
    const next: Partial<Record<Name, string>> = {};
    for (const issue of parsed.error.issues) next[issue.path[0] as Name] ??= issue.message;
    setErrors(next);
    // Keyboard and screen-reader users land on the first field to fix (in the form's order).
    focusFirst(Object.keys(next));
    return undefined;
  }

  /** Puts focus in the first of these fields, in the form's order (e.g. after the server refused them). */
  function focusFirst(names: string[]) {
    const fields = names.map((name) => document.getElementById(`${id}-${name}`));
    const first = fields
      .filter((field): field is HTMLElement => field !== null)
      .sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1))[0];
    first?.focus();
  }

  return { id, errors, fieldProps, validate, focusFirst };
}
