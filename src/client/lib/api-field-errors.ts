import { ApiError } from './api-client.ts';

/**
 * A 400 from the server names the fields it refused
 * ("Invalid body: new_password: This is a very common password."). Forms show
 * those messages under their fields, like their own validation; whatever
 * names no field stays a message for the whole form.
 */
export function splitApiError<Name extends string>(
  error: unknown,
  fields: readonly Name[],
): { fieldErrors: Partial<Record<Name, string>>; formError: string | null } {
  if (!error) return { fieldErrors: {}, formError: null };
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  const fieldErrors: Partial<Record<Name, string>> = {};
  const prefix = /^Invalid (?:body|query|params): /.exec(message);
  if (error instanceof ApiError && error.status === 400 && prefix) {
    for (const part of message.slice(prefix[0].length).split('; ')) {
      const named = /^([\w.]+): ([\s\S]+)$/.exec(part);
      const field = named?.[1] as Name | undefined;
      if (field && fields.includes(field)) fieldErrors[field] ??= capitalize(named![2]!);
    }
  }
  return { fieldErrors, formError: Object.keys(fieldErrors).length > 0 ? null : message };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
