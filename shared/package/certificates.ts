/**
 * Pure helpers for the certificate screens: a fingerprint people can read aloud over the phone,
 * and whether a certificate is about to expire. No crypto here (main/crypto computes the hash).
 */

/** Days before expiry at which a certificate is flagged (issue 5). */
export const EXPIRY_WARNING_DAYS = 30;

/**
 * `AB:CD:EF:...` or `abcdef...` (64 hex digits of a SHA-256) as upper-case groups of four,
 * e.g. `ABCD EF01 2345 ...`: sixteen groups, easy to compare one at a time by phone.
 */
export function formatFingerprint(hex: string): string {
  const digits = hex.replace(/[:\s]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(digits)) throw new Error('formatFingerprint: expected a SHA-256 in hex');
  return (digits.match(/.{4}/g) ?? []).join(' ');
}

export type ExpiryStatus = 'valid' | 'expiring-soon' | 'expired' | 'not-yet-valid';

/**
 * Where a certificate stands at `now` (both ISO timestamps): expired after notAfter,
 * expiring-soon within `warnDays` of it, not-yet-valid before notBefore.
 */
export function certificateExpiryStatus(
  validity: { notBefore: string; notAfter: string },
  now: string,
  warnDays: number = EXPIRY_WARNING_DAYS,
): ExpiryStatus {
  const t = Date.parse(now);
  const notAfter = Date.parse(validity.notAfter);
  if (Number.isNaN(t) || Number.isNaN(notAfter) || Number.isNaN(Date.parse(validity.notBefore))) {
    throw new Error('certificateExpiryStatus: dates must be ISO timestamps');
  }
  if (t < Date.parse(validity.notBefore)) return 'not-yet-valid';
  if (t > notAfter) return 'expired';
  if (notAfter - t <= warnDays * 24 * 60 * 60 * 1000) return 'expiring-soon';
  return 'valid';
}
