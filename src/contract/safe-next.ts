const defaultFallback = '/settings/members';
const base = 'https://roster.invalid';

/**
 * Only a path of this console may be the target of ?next=. Refused, whatever
 * the encoding: scheme-relative forms (`//host`, `/\host`, `\\host`, `/%2F…`,
 * `/%5C…`), backslashes (browsers read them as slashes), control characters
 * (the URL parser drops tabs and newlines, so `/\t/host` is `//host`), and
 * anything that does not resolve to our own origin.
 */
export function safeNext(value: string | null | undefined, fallback = defaultFallback): string {
  if (!value) return fallback;
  // Every decoding of the value must pass: some servers and routers decode once more.
  const forms = [value];
  for (let round = 0; ; round++) {
    const last = forms[forms.length - 1]!;
    let decoded: string;
    try {
      decoded = decodeURIComponent(last);
    } catch {
      return fallback;
    }
    if (decoded === last) break;
    // Still changing after five rounds: built to slip past the checks.
    if (round === 5) return fallback;
    forms.push(decoded);
  }
  for (const form of forms) {
    if (!form.startsWith('/') || form.startsWith('//')) return fallback;
    // eslint-disable-next-line no-control-regex
    if (/[\\\u0000-\u001f\u007f-\u009f]/.test(form)) return fallback;
    if (new URL(form, base).origin !== base) return fallback;
  }
  return value;
}
