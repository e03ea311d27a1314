/**
 * A fingerprint as a person types it after hearing it by phone: any case, with or without the
 * spaces or colons between groups. Returns the 64 lower-case hex digits, or undefined when what
 * was typed is not a whole SHA-256 (the caller says so in plain words).
 */
export function normaliseFingerprint(typed: string): string | undefined {
  const digits = typed.replace(/[\s:.-]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(digits) ? digits : undefined;
}
