import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { tempStore, type TempStore } from '../../helpers/temp-store';
import { recordConsent, revokeConsent, listConsents, getConsent, type RecordConsentInput } from '../../../main/services/consents-service';
import { getEvidence } from '../../../main/services/consent-evidence';
import { loadConsents, listRevocationsSince } from '../../../main/services/consent-store';
import { consentCovers } from '../../../shared/consent/rules';
import { StewardError } from '../../../shared/api/result';
import { agreementContent, consentCounts, pdfBytes, seedAgreement, seedDistrict, sha256Hex } from './consent-seed';

let store: TempStore;
beforeEach(() => {
  store = tempStore('district', { now: '2026-09-15T12:00:00Z' });
  seedDistrict(store.ctx, [
    { id: 's1', birthDate: '2012-03-10' },
    { id: 's2', birthDate: '2008-09-01' }, // 18 on 2026-09-01
  ]);
  seedAgreement(store.ctx, 'a-1');
});
afterEach(() => store.cleanup());

const input = (over: Partial<RecordConsentInput> = {}): RecordConsentInput => ({
  studentId: 's1', signerRole: 'parent', guardianId: 'g-s1', partnerId: 'p-1', agreementId: 'a-1', status: 'granted',
  signedOn: '2026-09-01', expiresOn: '2027-06-30', revokedOn: null, revocationReason: null, method: 'paper-scan', esignAuthentication: null,
  evidence: { fileName: 'C:\\scans\\form-0001.pdf', bytes: pdfBytes('s1') }, ...over,
});

function expectRefused(fn: () => unknown, code: string, pattern: RegExp): StewardError {
  const before = consentCounts(store.ctx);
  let err: unknown;
  try { fn(); } catch (e) { err = e; }
  expect(err, 'expected the consent to be refused').toBeInstanceOf(StewardError);
  const e = err as StewardError;
  expect(e.code).toBe(code);
  expect(e.message).toMatch(pattern);
  expect(e.message, 'error messages never carry a student name').not.toMatch(/Kid|Surname|Family/);
  expect(consentCounts(store.ctx), 'nothing is half-stored').toEqual(before);
  return e;
}

describe('recording consents (34 CFR 99.30)', () => {
  it('stores the record with purpose and items from the agreement, the evidence inside the encrypted file, and an audit row', () => {
    const row = recordConsent(store.ctx, input());
    expect(row).toMatchObject({
      studentId: 's1', signerRole: 'parent', guardianId: 'g-s1', signerRelationship: 'parent', partnerId: 'p-1', agreementId: 'a-1',
      purpose: 'reading-tutoring', status: 'granted', method: 'paper-scan', recordedBy: 'test:steward', source: 'manual', state: 'in-force', partnerName: 'Partner One',
    });
    // Every field any role receives, sorted, itemised.
    expect(row.fields).toEqual(['assessment.readingLevel', 'guardian.phone', 'indicator.mealEligibility', 'student.firstName', 'student.lastName']);
    expect(row.evidence).toMatchObject({ fileName: 'form-0001.pdf', mediaType: 'application/pdf', sha256: sha256Hex(pdfBytes('s1')) });
    const audit = store.ctx.db.prepare(`SELECT action, object_id AS objectId, summary FROM audit_log ORDER BY seq DESC LIMIT 1`).get() as { action: string; objectId: string; summary: string };
    expect(audit).toMatchObject({ action: 'consent.record', objectId: row.id });
    expect(audit.summary).not.toMatch(/Kid|Surname|Family|form-0001/);
    // The evidence is a BLOB in the store, and the store file on disk is encrypted.
    const ev = getEvidence(store.ctx, row.id);
    expect(ev.bytes.equals(pdfBytes('s1'))).toBe(true);
    store.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(store.path).includes(Buffer.from('consent evidence s1')), 'evidence readable in the raw store file').toBe(false);
    // Viewing the signed form is itself audited.
    expect(store.ctx.db.prepare(`SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1`).pluck().get()).toBe('consent.evidence.view');
  });

  it('records an electronic signature with how the signer was authenticated, and an eligible student signing for themself', () => {
    const row = recordConsent(store.ctx, input({
      studentId: 's2', signerRole: 'eligible-student', guardianId: null, signedOn: '2026-09-02', method: 'electronic',
      esignAuthentication: 'student portal login + SMS code', fields: ['indicator.mealEligibility'], evidence: { fileName: 'esign.pdf', bytes: pdfBytes('s2') },
    }));
    expect(row).toMatchObject({ signerRole: 'eligible-student', guardianId: null, signerRelationship: 'self', method: 'electronic', esignAuthentication: 'student portal login + SMS code' });
  });

  it('one scan evidencing two consents is stored once', () => {
    recordConsent(store.ctx, input());
    recordConsent(store.ctx, input({ agreementId: null, purpose: 'meal-delivery', fields: ['indicator.mealEligibility'] }));
    expect(consentCounts(store.ctx)).toMatchObject({ consents: 2, evidence: 1 });
  });

  it('bad input: an unknown student is NOT_FOUND, named by id only', () => {
    expectRefused(() => recordConsent(store.ctx, input({ studentId: 'ghost-9' })), 'NOT_FOUND', /'ghost-9'/);
  });

  it('bad input: an unknown agreement, or one with another partner', () => {
    expectRefused(() => recordConsent(store.ctx, input({ agreementId: 'a-404' })), 'NOT_FOUND', /agreement with id 'a-404'/);
    seedAgreement(store.ctx, 'a-2', agreementContent({ partnerId: 'p-2' }));
    expectRefused(() => recordConsent(store.ctx, input({ agreementId: 'a-2' })), 'BAD_INPUT', /another partner/);
  });

  it('bad input: dates in the wrong order (expiry before signing, signed in the future)', () => {
    expectRefused(() => recordConsent(store.ctx, input({ expiresOn: '2026-08-01' })), 'BAD_INPUT', /Expiry 2026-08-01 must be after the signing date 2026-09-01/);
    expectRefused(() => recordConsent(store.ctx, input({ signedOn: '2026-10-01' })), 'BAD_INPUT', /after today/);
  });

  it('bad input: a signer who is not a guardian on record; a parent signing for an 18-year-old', () => {
    expectRefused(() => recordConsent(store.ctx, input({ guardianId: 'g-s2' })), 'BAD_INPUT', /Guardian 'g-s2' is not on record for student 's1'/);
    expectRefused(() => recordConsent(store.ctx, input({ studentId: 's2', guardianId: 'g-s2', signedOn: '2026-09-05' })), 'BAD_INPUT', /18 or older.*99\.5\(a\)/);
  });

  it('bad input: a missing evidence file, or a file that is not a scan', () => {
    expectRefused(() => recordConsent(store.ctx, input({ evidence: null })), 'BAD_INPUT', /Attach the signed form/);
    expectRefused(() => recordConsent(store.ctx, input({ evidence: { fileName: 'form.pdf', bytes: Buffer.from('just text') } })), 'BAD_INPUT', /PDF, PNG, JPEG or TIFF/);
  });

  it('bad input: blanket wording instead of itemised records', () => {
    expectRefused(() => recordConsent(store.ctx, input({ fields: ['any other information'] })), 'BAD_INPUT', /blanket wording/);
  });
});

describe('revocation', () => {
  it('revokes from a date: the consent still covers the day before, not from the date; revocations.json gets the student', () => {
    const c = recordConsent(store.ctx, input());
    const q = { partnerId: 'p-1', agreementId: 'a-1', purposeCode: 'reading-tutoring', field: 'indicator.mealEligibility', birthDate: '2012-03-10' };
    const revoked = revokeConsent(store.ctx, { consentId: c.id, revokedOn: '2026-09-10', reason: 'parent-request' });
    expect(revoked).toMatchObject({ status: 'revoked', revokedOn: '2026-09-10', revocationReason: 'parent-request', revokedBy: 'test:steward', state: 'revoked' });
    const grants = loadConsents(store.ctx, { partnerId: 'p-1' }).get('s1');
    expect(consentCovers(grants, { ...q, asOf: '2026-09-09' })).toMatchObject({ covered: true });
    expect(consentCovers(grants, { ...q, asOf: '2026-09-15' })).toMatchObject({ covered: false, reason: 'CONSENT_REVOKED' });
    expect(listRevocationsSince(store.ctx, 'p-1', 'a-1', '2026-09-01')).toEqual([{ studentId: 's1', consentId: c.id, revokedOn: '2026-09-10', reason: 'parent-request' }]);
    expect(listRevocationsSince(store.ctx, 'p-1', 'a-1', '2026-09-16T00:00:00Z')).toEqual([]);
    expect(listRevocationsSince(store.ctx, 'p-2', 'a-1', '2026-09-01')).toEqual([]);
    expect(store.ctx.db.prepare(`SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1`).pluck().get()).toBe('consent.revoke');
  });

  it('refuses a revocation dated before signing or in the future, twice, or of a declined consent, changing nothing', () => {
    const c = recordConsent(store.ctx, input());
    expectRefused(() => revokeConsent(store.ctx, { consentId: c.id, revokedOn: '2026-08-01', reason: 'parent-request' }), 'BAD_INPUT', /before the signing date/);
    expectRefused(() => revokeConsent(store.ctx, { consentId: c.id, revokedOn: '2026-09-16', reason: 'parent-request' }), 'BAD_INPUT', /after today/);
    expectRefused(() => revokeConsent(store.ctx, { consentId: 'nope', revokedOn: '2026-09-10', reason: 'parent-request' }), 'NOT_FOUND', /'nope'/);
    revokeConsent(store.ctx, { consentId: c.id, revokedOn: '2026-09-10', reason: 'parent-request' });
    expectRefused(() => revokeConsent(store.ctx, { consentId: c.id, revokedOn: '2026-09-11', reason: 'parent-request' }), 'CONFLICT', /already revoked/);
    const d = recordConsent(store.ctx, input({ status: 'declined', evidence: { fileName: 'no.pdf', bytes: pdfBytes('declined') } }));
    expectRefused(() => revokeConsent(store.ctx, { consentId: d.id, revokedOn: '2026-09-10', reason: 'parent-request' }), 'INVALID_STATE', /declined/);
  });
});

describe('listing', () => {
  it('lists per student and per agreement with the state today (lapsed at 18 shown as such)', () => {
    recordConsent(store.ctx, input());
    recordConsent(store.ctx, input({ studentId: 's2', guardianId: 'g-s2', signedOn: '2026-08-20', fields: ['indicator.mealEligibility'], evidence: { fileName: 'b.pdf', bytes: pdfBytes('b') } }));
    const all = listConsents(store.ctx, { offset: 0, limit: 50, agreementId: 'a-1' });
    expect(all.total).toBe(2);
    expect(all.rows.map((r) => [r.studentId, r.state])).toEqual([['s1', 'in-force'], ['s2', 'lapsed-at-18']]);
    expect(listConsents(store.ctx, { offset: 0, limit: 50, studentId: 's2' }).rows).toHaveLength(1);
    expect(() => getConsent(store.ctx, 'missing')).toThrow(/No consent with id 'missing'/);
  });
});
