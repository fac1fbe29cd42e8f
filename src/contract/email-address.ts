// Email address checks without zod, shared by the server and the console (the
// invite dialog previews addresses live, in the first download of the app).

const atext = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const localPart = new RegExp(`^${atext}(?:\\.${atext})*$`);
const domainLabel = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const topLevelLabel = /^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

/** A dot-atom name, and a domain of valid labels ending in a real top-level label. */
function hasAddressShape(address: string): boolean {
  const at = address.lastIndexOf('@');
  const labels = address.slice(at + 1).split('.');
  return (
    at > 0 &&
    localPart.test(address.slice(0, at)) &&
    labels.length >= 2 &&
    labels.every((label) => domainLabel.test(label)) &&
    topLevelLabel.test(labels.at(-1)!)
  );
}

/** Most addresses one invite request may carry (after duplicates are collapsed). */
export const maxInviteAddresses = 100;

export type ParsedAddress = {
  /** The canonical address: trimmed, NFC-normalised, lowercase. */
  email: string;
  /** Why the address cannot be invited; absent when it is valid. */
  problem?: string;
};

/** Why `email` (already canonical) is not a usable address, or undefined when it is. */
export function emailProblem(email: string): string | undefined {
  const at = email.split('@').length - 1;
  if (at === 0) return 'Missing the @ sign.';
  if (at > 1) return 'Has more than one @ sign.';
  const [local, domain] = email.split('@') as [string, string];
  if (!local) return 'Missing the name before the @ sign.';
  if (!domain) return 'Missing the domain after the @ sign.';
  if (email.length > 254) return 'Longer than 254 characters.';
  if (!domain.includes('.')) return 'The domain needs a dot, as in example.com.';
  if (!hasAddressShape(asciiShape(local, domain))) return 'Not a valid email address.';
  return undefined;
}

/**
 * Internationalised addresses (josé@bücher.de) are checked by their shape: the
 * domain in its ASCII (punycode) form and non-ASCII letters of the name as
 * plain letters. NFC normalisation is what makes two spellings of one such
 * address collapse into one.
 */
function asciiShape(local: string, domain: string): string {
  if (/^[ -~]*$/.test(local + domain)) return `${local}@${domain}`;
  let asciiDomain: string;
  try {
    asciiDomain = new URL(`http://${domain}`).hostname;
  } catch {
    return '';
  }
  return `${local.replace(/[^ -~]/g, 'a')}@${asciiDomain}`;
}

/**
 * Splits what an owner typed or pasted into addresses: separated by commas,
 * semicolons, spaces or new lines; `Ada Lovelace <ada@x.com>` and `<ada@x.com>`
 * (as mail programs copy them) count as ada@x.com. Each address is
 * canonicalised and duplicates collapse, keeping the first position. Used by
 * the console (live preview) and the server, so both count the same way.
 */
export function parseInviteAddresses(input: string | readonly string[]): ParsedAddress[] {
  return parseInviteList(input).addresses;
}

/** The same, and how many repeated addresses were merged into one ("2 duplicates merged"). */
export function parseInviteList(input: string | readonly string[]): {
  addresses: ParsedAddress[];
  duplicates: number;
} {
  const text = typeof input === 'string' ? input : input.join('\n');
  const unwrapped = text
    .replace(/"[^"\n]*"/g, ' ') // quoted display names may contain commas
    .replace(/(^|[,;\n])[^,;\n<>@]*<([^<>]*)>/g, '$1 $2 ');
  const seen = new Set<string>();
  const addresses: ParsedAddress[] = [];
  let duplicates = 0;
  for (const raw of unwrapped.split(/[\s,;]+/)) {
    const email = raw.replace(/^<|>$/g, '').trim().normalize('NFC').toLowerCase();
    if (!email) continue;
    if (seen.has(email)) {
      duplicates += 1;
      continue;
    }
    seen.add(email);
    const problem = emailProblem(email);
    addresses.push(problem ? { email, problem } : { email });
  }
  return { addresses, duplicates };
}
