/** Canonical form of an email address: trimmed, NFC-normalised, lowercase. */
export function normalizeEmail(raw: string): string {
  return raw.trim().normalize('NFC').toLowerCase();
}
