import { describe, expect, it } from 'vitest';
import { packageNotice } from '../../../shared/package/notice';
import { normaliseFingerprint } from '../../../shared/package/fingerprint';
import { categoriesOf, parseDestructionCertificate } from '../../../shared/package/destruction';
import { RevocationsFile, studentKeyColumn } from '../../../shared/package/revocations';

describe('notice.txt', () => {
  const base = { districtName: 'Cedar Valley USD', partnerName: 'Bright Futures', agreementTitle: 'Tutoring', agreementId: 'agr-1', agreementVersion: 2, roleLabel: 'Tutor', purpose: 'Tutoring.', legalBasis: 'school-official' as const, destroyBy: '2027-08-31', importBy: '2026-10-15', recordCount: 40, revocationCount: 0 };
  it('states the redisclosure limit, the destroy-by date and the legal basis in plain words', () => {
    const text = packageNotice(base);
    expect(text).toContain('WHAT YOU MAY NOT DO (34 CFR 99.33(a))');
    expect(text).toContain('by 2027-08-31');
    expect(text).toContain('school official with a legitimate educational interest (34 CFR 99.31(a)(1))');
    expect(text).toContain('This package asks you to delete no earlier records.');
    expect(text.split('\r\n').every((l) => !l.includes('\n'))).toBe(true);
  });
  it('says how many students revocations.json names', () => {
    expect(packageNotice({ ...base, revocationCount: 3 })).toContain('revocations.json lists 3 student(s)');
  });
});

describe('typed fingerprints', () => {
  it('accept any case, spaces and colons, and refuse anything short of 64 hex digits', () => {
    const hex = 'ab'.repeat(32);
    expect(normaliseFingerprint('AB'.repeat(32).match(/.{4}/g)!.join(' '))).toBe(hex);
    expect(normaliseFingerprint('ab:'.repeat(32).slice(0, -1))).toBe(hex);
    expect(normaliseFingerprint(hex.slice(2))).toBeUndefined();
    expect(normaliseFingerprint(`${hex.slice(2)}zz`)).toBeUndefined();
  });
});

describe('revocations.json and destruction certificates', () => {
  it('matches students on the first identifier column a package holds', () => {
    expect(studentKeyColumn(['student.firstName', 'student.localId', 'student.localId:pseudonym'])).toBe('student.localId:pseudonym');
    expect(studentKeyColumn(['student.firstName'])).toBeUndefined();
    expect(RevocationsFile.safeParse([{ keys: {}, kind: 'consent-revoked', effectiveOn: '2026-09-15', reason: 'x' }]).success).toBe(false);
    expect(RevocationsFile.safeParse([{ keys: { 'student.localId': 'L1' }, kind: 'consent-revoked', effectiveOn: '2026-09-15', reason: 'parent-request' }]).success).toBe(true);
  });
  it('names the Exhibit B categories, sorted, and reports the first problem of a malformed certificate by field', () => {
    expect(categoriesOf([{ exhibitBCategory: 'Student name' }, { exhibitBCategory: 'Assessment' }, { exhibitBCategory: 'Student name' }, {}])).toEqual(['Assessment', 'Student name']);
    expect(parseDestructionCertificate('{')).toEqual({ ok: false, problem: 'it is not valid JSON' });
    expect(parseDestructionCertificate('{"format":"steward-destruction/1"}')).toMatchObject({ ok: false, problem: expect.stringMatching(/^certificateId /) });
  });
});
