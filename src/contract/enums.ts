// Plain value lists with no zod: the console's first screen needs them, and
// keeping zod out of its bundle saves about a third of the initial download.

export const permissionLevels = ['owner', 'collaborator'] as const;

/** How a membership came to be: an invitation (or setup), a just-in-time SSO sign-in, or SCIM. */
export const memberSources = ['invited', 'sso_jit', 'scim'] as const;
export type MemberSource = (typeof memberSources)[number];

/** The platform's cloud roles, strongest first: manage the cloud's access; create and operate workloads; view. */
export const cloudRoles = ['owner', 'write', 'readonly'] as const;

export const memberSorts = [
  'name',
  '-name',
  'email',
  '-email',
  'created_at',
  '-created_at',
  'last_active',
  '-last_active',
] as const;

/** `value` narrowed to one of `values`, or undefined (for URL parameters and form values). */
export function oneOf<const T extends readonly string[]>(values: T, value: unknown): T[number] | undefined {
  return values.includes(value as T[number]) ? (value as T[number]) : undefined;
}
