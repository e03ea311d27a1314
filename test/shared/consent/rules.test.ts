import { describe, expect, it } from 'vitest';
import { consentCovers, consentInForce, consentLastDay, consentRuleCitations, type ConsentQuestion } from '../../../shared/consent/rules';
import { directoryRuleCitations } from '../../../shared/consent/directory';
import { reasons } from '../../../shared/policy/reasons';
import type { ConsentGrant } from '../../../shared/consent/types';

/** A granted parent consent to partner p-1 for reading tutoring; override what a test is about. */
function grant(over: Partial<ConsentGrant> = {}): ConsentGrant {
  return {
    id: 'c1', studentId: 's1', signerRole: 'parent', status: 'granted', signedOn: '2026-09-01', revokedOn: null, expiresOn: '2027-06-30',
    partnerId: 'p-1', agreementId: null, purpose: 'reading-tutoring', fields: ['indicator.mealEligibility', 'transcript.gpa'], ...over,
  };
}

const ask = (over: Partial<ConsentQuestion> = {}): ConsentQuestion => ({
  partnerId: 'p-1', agreementId: 'a-1', purposeCode: 'reading-tutoring', field: 'indicator.mealEligibility', asOf: '2026-10-01', birthDate: '2012-03-10', ...over,
});

describe('consentCovers (34 CFR 99.30, 99.5)', () => {
  it('99.30: a granted, dated consent naming recipient, purpose and the record covers it, and names the consent', () => {
    expect(consentCovers([grant()], ask())).toMatchObject({ covered: true, consentId: 'c1' });
  });

  it('99.30(a): no consent at all is NO_CONSENT, and a consent to another partner does not count', () => {
    expect(consentCovers([], ask())).toMatchObject({ covered: false, reason: 'NO_CONSENT', consentId: null });
    expect(consentCovers([grant({ partnerId: 'p-2' })], ask())).toMatchObject({ covered: false, reason: 'NO_CONSENT' });
  });

  it('99.30(b)(3): a consent naming one agreement does not cover another agreement with the same partner', () => {
    expect(consentCovers([grant({ agreementId: 'a-2' })], ask())).toMatchObject({ covered: false, reason: 'CONSENT_OTHER_AGREEMENT', consentId: 'c1' });
    expect(consentCovers([grant({ agreementId: 'a-1' })], ask())).toMatchObject({ covered: true });
  });

  it('99.30(b)(2): a consent for another purpose does not cover this one', () => {
    const d = consentCovers([grant({ purpose: 'mentoring' })], ask());
    expect(d).toMatchObject({ covered: false, reason: 'CONSENT_WRONG_PURPOSE' });
    expect(d.rule).toContain('99.30(b)(2)');
  });

  it('99.30(b)(1): a consent covers only the records it lists', () => {
    const d = consentCovers([grant()], ask({ field: 'indicator.iep' }));
    expect(d).toMatchObject({ covered: false, reason: 'CONSENT_FIELD_NOT_COVERED' });
    expect(d.rule).toContain('99.30(b)(1)');
  });

  it('99.30(a): a declined consent authorises nothing', () => {
    expect(consentCovers([grant({ status: 'declined' })], ask())).toMatchObject({ covered: false, reason: 'CONSENT_DECLINED', consentId: 'c1' });
  });

  it('99.30(a): a later refusal of the same disclosure takes back the items it lists; a later consent overrides an earlier refusal', () => {
    const earlier = grant({ id: 'c1', signedOn: '2026-09-01' });
    const refusal = grant({ id: 'c2', status: 'declined', signedOn: '2026-09-20', fields: ['indicator.mealEligibility'] });
    expect(consentCovers([earlier, refusal], ask())).toMatchObject({ covered: false, reason: 'CONSENT_DECLINED', consentId: 'c2' });
    expect(consentCovers([earlier, refusal], ask({ field: 'transcript.gpa' }))).toMatchObject({ covered: true, consentId: 'c1' });
    // Before the refusal was signed the consent still stood.
    expect(consentCovers([earlier, refusal], ask({ asOf: '2026-09-10' }))).toMatchObject({ covered: true });
    const again = grant({ id: 'c3', signedOn: '2026-09-25' });
    expect(consentCovers([earlier, refusal, again], ask())).toMatchObject({ covered: true, consentId: 'c3' });
    // Same day: the refusal wins (default deny).
    expect(consentCovers([grant({ id: 'c4', status: 'declined', signedOn: '2026-09-01' }), earlier], ask())).toMatchObject({ covered: false, reason: 'CONSENT_DECLINED' });
  });

  it('99.30 with 300.9(c): revocation takes effect from its date; disclosures before it stay covered', () => {
    const revoked = grant({ status: 'revoked', revokedOn: '2026-10-01' });
    expect(consentCovers([revoked], ask({ asOf: '2026-09-30' }))).toMatchObject({ covered: true });
    const d = consentCovers([revoked], ask({ asOf: '2026-10-01' }));
    expect(d).toMatchObject({ covered: false, reason: 'CONSENT_REVOKED', consentId: 'c1' });
    expect(d.rule).toContain('revocation date');
  });

  it('99.30(a): a consent is not in force before it was signed, nor after its expiry date (valid through that day)', () => {
    expect(consentCovers([grant()], ask({ asOf: '2026-08-31' }))).toMatchObject({ covered: false, reason: 'NO_CONSENT' });
    expect(consentCovers([grant()], ask({ asOf: '2027-06-30' }))).toMatchObject({ covered: true });
    expect(consentCovers([grant()], ask({ asOf: '2027-07-01' }))).toMatchObject({ covered: false, reason: 'CONSENT_EXPIRED' });
  });

  it('99.3 "eligible student", 99.5(a): a parent\'s consent stops authorising on the 18th birthday; the student\'s own then counts', () => {
    const parents = grant({ expiresOn: null });
    const q = { birthDate: '2009-03-10' };
    expect(consentCovers([parents], ask({ ...q, asOf: '2027-03-09' }))).toMatchObject({ covered: true });
    const lapsed = consentCovers([parents], ask({ ...q, asOf: '2027-03-10' }));
    expect(lapsed).toMatchObject({ covered: false, reason: 'CONSENT_AGE_OF_MAJORITY' });
    expect(lapsed.rule).toContain('99.5(a)');
    const own = grant({ id: 'c2', signerRole: 'eligible-student', signedOn: '2027-03-12' });
    expect(consentCovers([parents, own], ask({ ...q, asOf: '2027-04-01' }))).toMatchObject({ covered: true, consentId: 'c2' });
  });

  it('99.5(a): a 29 February birthday turns 18 on 1 March in a common year', () => {
    expect(consentCovers([grant({ expiresOn: null, signedOn: '2025-09-01' })], ask({ birthDate: '2008-02-29', asOf: '2026-02-28' }))).toMatchObject({ covered: true });
    expect(consentCovers([grant({ expiresOn: null, signedOn: '2025-09-01' })], ask({ birthDate: '2008-02-29', asOf: '2026-03-01' }))).toMatchObject({ reason: 'CONSENT_AGE_OF_MAJORITY' });
  });

  it('99.3 "eligible student": a consent signed as the student before 18 (or with no birth date) authorises nothing', () => {
    const early = grant({ signerRole: 'eligible-student', signedOn: '2026-09-01' });
    expect(consentCovers([early], ask({ birthDate: '2009-03-10', asOf: '2027-05-01' }))).toMatchObject({ covered: false, reason: 'CONSENT_SIGNER_NOT_ELIGIBLE' });
    expect(consentCovers([early], ask({ birthDate: null }))).toMatchObject({ covered: false, reason: 'CONSENT_SIGNER_NOT_ELIGIBLE' });
  });

  it('reports the failure of the consent that got furthest (revoked beats another agreement)', () => {
    const grants = [grant({ id: 'c1', agreementId: 'a-9' }), grant({ id: 'c2', status: 'revoked', revokedOn: '2026-09-15' })];
    expect(consentCovers(grants, ask())).toMatchObject({ covered: false, reason: 'CONSENT_REVOKED', consentId: 'c2' });
  });

  it('consentInForce unites the items of every consent in force, each with its latest consent', () => {
    const r = consentInForce([grant({ id: 'c1' }), grant({ id: 'c2', signedOn: '2026-09-10', fields: ['indicator.iep', 'transcript.gpa'] })], ask(), '2012-03-10');
    expect(Object.fromEntries(r.fields)).toEqual({ 'indicator.mealEligibility': 'c1', 'transcript.gpa': 'c2', 'indicator.iep': 'c2' });
    expect(r.failure).toBeNull();
  });

  it('consentLastDay: the earliest of expiry, the day before revocation and the day before the 18th birthday', () => {
    expect(consentLastDay(grant(), '2012-03-10')).toEqual({ lastDay: '2027-06-30', why: 'expires' });
    expect(consentLastDay(grant(), '2009-03-10')).toEqual({ lastDay: '2027-03-09', why: 'turns-18' });
    expect(consentLastDay(grant({ status: 'revoked', revokedOn: '2026-10-01' }), '2009-03-10')).toEqual({ lastDay: '2026-09-30', why: 'revoked' });
    expect(consentLastDay(grant({ expiresOn: null, signerRole: 'eligible-student' }), '2000-01-01')).toBeNull();
  });
});

describe('consent and directory reasons are the policy engine\'s reason codes', () => {
  it('every reason the consent rules give is in the engine\'s reason table (so preview, export and coverage speak alike)', () => {
    const codes = [...Object.keys(consentRuleCitations), ...Object.keys(directoryRuleCitations)].filter((c) => c !== 'COVERED' && c !== 'ALLOWED');
    expect(codes.filter((c) => !(c in reasons))).toEqual([]);
  });
});
