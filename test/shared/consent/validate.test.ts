import { describe, expect, it } from 'vitest';
import { validateConsentDraft, type ConsentFacts } from '../../../shared/consent/validate';
import type { ConsentDraft } from '../../../shared/consent/record';
import { catalogFields } from '../../../shared/catalog';

const facts = (over: Partial<ConsentFacts> = {}): ConsentFacts => ({
  today: '2026-09-15',
  student: { birthDate: '2012-03-10' },
  guardians: [{ guardianId: 'g-1', relationship: 'mother' }],
  partnerExists: true,
  agreement: { partnerId: 'p-1', purposeCode: 'reading-tutoring' },
  catalog: catalogFields,
  ...over,
});

const draft = (over: Partial<ConsentDraft> = {}): ConsentDraft => ({
  studentId: 's1', signerRole: 'parent', guardianId: 'g-1', partnerId: 'p-1', agreementId: 'a-1', purpose: 'reading-tutoring',
  fields: ['indicator.mealEligibility'], status: 'granted', signedOn: '2026-09-01', expiresOn: '2027-06-30', revokedOn: null, revocationReason: null,
  method: 'paper-scan', esignAuthentication: null,
  evidence: { fileName: 'form.pdf', mediaType: 'application/pdf', byteSize: 1200, sha256: 'a'.repeat(64) }, ...over,
});

const codes = (d: ConsentDraft, f: ConsentFacts = facts()) => validateConsentDraft(d, f).map((i) => i.code);

describe('validateConsentDraft (34 CFR 99.30 contents)', () => {
  it('accepts a complete, itemised, signed and dated consent with evidence', () => {
    expect(validateConsentDraft(draft(), facts())).toEqual([]);
  });

  it('99.30(b)(1): the records must be itemised catalog fields; blanket wording and unknown ids are refused', () => {
    expect(codes(draft({ fields: [] }))).toEqual(['NO_FIELDS']);
    expect(codes(draft({ fields: ['any other information'] }))).toEqual(['BLANKET_CONSENT']);
    expect(codes(draft({ fields: ['*'] }))).toEqual(['BLANKET_CONSENT']);
    expect(codes(draft({ fields: ['indicator.shoeSize'] }))).toEqual(['UNKNOWN_FIELD']);
    expect(codes(draft({ fields: ['indicator.iep', 'indicator.iep'] }))).toEqual(['DUPLICATE_FIELD']);
  });

  it('99.30(b)(2): a purpose is required and must be the agreement\'s purpose code', () => {
    expect(codes(draft({ purpose: ' ' }))).toContain('MISSING_PURPOSE');
    expect(codes(draft({ purpose: 'mentoring' }))).toEqual(['PURPOSE_NOT_AGREEMENT']);
    expect(codes(draft({ agreementId: null, purpose: 'Any Purpose!' }), facts({ agreement: null }))).toEqual(['BAD_PURPOSE']);
  });

  it('99.30(b)(3): the recipient must exist; a named agreement must exist and belong to that partner', () => {
    expect(codes(draft(), facts({ partnerExists: false }))).toEqual(['UNKNOWN_PARTNER']);
    expect(codes(draft(), facts({ agreement: null }))).toEqual(['UNKNOWN_AGREEMENT']);
    expect(codes(draft(), facts({ agreement: { partnerId: 'p-2', purposeCode: 'reading-tutoring' } }))).toEqual(['AGREEMENT_OTHER_PARTNER']);
  });

  it('names an unknown student by id and never by name', () => {
    const issues = validateConsentDraft(draft({ studentId: 'nope-7' }), facts({ student: null }));
    expect(issues.map((i) => i.code)).toEqual(['UNKNOWN_STUDENT']);
    expect(issues[0]!.message).toContain("'nope-7'");
  });

  it('99.30(a) dated: signed on or before today; expiry after signing; revocation between signing and today', () => {
    expect(codes(draft({ signedOn: '2026-09-16' }))).toEqual(['SIGNED_IN_FUTURE']);
    expect(codes(draft({ signedOn: '2026-02-30' }))).toEqual(['BAD_DATE']);
    expect(codes(draft({ expiresOn: '2026-09-01' }))).toEqual(['EXPIRES_BEFORE_SIGNED']);
    expect(codes(draft({ status: 'revoked', revokedOn: '2026-08-31', revocationReason: 'parent-request' }))).toEqual(['REVOKED_BEFORE_SIGNED']);
    expect(codes(draft({ status: 'revoked', revokedOn: '2026-09-20', revocationReason: 'parent-request' }))).toEqual(['REVOKED_IN_FUTURE']);
    expect(codes(draft({ status: 'revoked', revokedOn: null }))).toEqual(['MISSING_REVOCATION_DATE']);
    expect(codes(draft({ revokedOn: '2026-09-10' }))).toEqual(['REVOCATION_ON_UNREVOKED']);
    expect(codes(draft({ status: 'revoked', revokedOn: '2026-09-10', revocationReason: 'parent-request' }))).toEqual([]);
  });

  it('99.30(a) signed by a parent: the signer must be a guardian on record for the student', () => {
    expect(codes(draft({ guardianId: 'g-9' }))).toEqual(['SIGNER_NOT_GUARDIAN']);
    expect(codes(draft({ guardianId: null }))).toEqual(['MISSING_SIGNER']);
  });

  it('99.3 "eligible student", 99.5(a): a parent may not sign for a student of 18; the student may sign only from 18', () => {
    const adult = facts({ student: { birthDate: '2008-09-01' } });
    expect(codes(draft({ signedOn: '2026-09-01' }), adult)).toEqual(['STUDENT_IS_ELIGIBLE']);
    expect(codes(draft({ signedOn: '2026-08-31' }), adult)).toEqual([]);
    expect(codes(draft({ signerRole: 'eligible-student', guardianId: null, signedOn: '2026-09-01' }), adult)).toEqual([]);
    expect(codes(draft({ signerRole: 'eligible-student', guardianId: null, signedOn: '2026-08-31' }), adult)).toEqual(['STUDENT_UNDER_18']);
    expect(codes(draft({ signerRole: 'eligible-student', guardianId: null }), facts({ student: { birthDate: null } }))).toEqual(['AGE_UNKNOWN']);
  });

  it('99.30(d): an electronic signature says how the signer was authenticated', () => {
    expect(codes(draft({ method: 'electronic', esignAuthentication: null }))).toEqual(['ESIGN_UNAUTHENTICATED']);
    expect(codes(draft({ method: 'electronic', esignAuthentication: 'parent portal login + SMS code' }))).toEqual([]);
    expect(codes(draft({ esignAuthentication: 'portal' }))).toEqual(['ESIGN_ON_PAPER']);
  });

  it('99.30(a) signed: evidence of the signature must be attached', () => {
    expect(codes(draft({ evidence: null }))).toEqual(['MISSING_EVIDENCE']);
    expect(codes(draft({ evidence: { fileName: 'x.docx', mediaType: 'application/msword', byteSize: 10, sha256: 'b'.repeat(64) } }))).toEqual(['EVIDENCE_TYPE']);
  });
});
