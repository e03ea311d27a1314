import { describe, expect, it } from 'vitest';
import { certificateExpiryStatus, formatFingerprint } from '../../../shared/package/certificates';

describe('formatFingerprint', () => {
  it('turns a colon-separated SHA-256 into 16 upper-case groups of four', () => {
    const hex = 'ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89';
    expect(formatFingerprint(hex)).toBe('ABCD EF01 2345 6789 ABCD EF01 2345 6789 ABCD EF01 2345 6789 ABCD EF01 2345 6789');
  });
  it('refuses something that is not a SHA-256', () => {
    expect(() => formatFingerprint('abcd')).toThrow(/SHA-256/);
  });
});

describe('certificateExpiryStatus', () => {
  const validity = { notBefore: '2026-01-01T00:00:00Z', notAfter: '2029-01-01T00:00:00Z' };
  it.each([
    ['2025-12-31T23:59:59Z', 'not-yet-valid'],
    ['2026-06-01T00:00:00Z', 'valid'],
    ['2028-12-01T23:59:59Z', 'valid'],
    ['2028-12-02T00:00:00Z', 'expiring-soon'],
    ['2029-01-01T00:00:00Z', 'expiring-soon'],
    ['2029-01-01T00:00:01Z', 'expired'],
  ])('at %s a certificate ending 2029-01-01 is %s', (now, status) => {
    expect(certificateExpiryStatus(validity, now)).toBe(status);
  });
});
