import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../../helpers/temp-store';
import { seedAgreementDistrict, readingAgreement, studentId, PARTNER_READ } from '../../helpers/agreement-district';
import { recordConsent, revokeConsent } from '../../../main/services/consents-service';
import { consentCoverage } from '../../../main/services/consent-coverage';
import { previewRows } from '../../../main/services/preview-service';
import { pdfBytes, seedAgreement } from './consent-seed';

/**
 * The consent area and the policy engine agree: a consent recorded through the consent service
 * makes the preview show that student's restricted field; its revocation withholds it again from
 * the revocation date; the coverage report says the same.
 */
let store: TempStore;
beforeEach(() => {
  store = tempStore('district', { now: '2026-09-15T12:00:00Z' });
  seedAgreementDistrict(store.ctx, 20);
  seedAgreement(store.ctx, 'agr-read', readingAgreement());
});
afterEach(() => store.cleanup());

// Student 7 has an IEP and is in the reading program (see studentShape).
const student = studentId(7);

function iepCell(asOf: string) {
  const page = previewRows(store.ctx, { agreementId: 'agr-read', version: 1, roleId: 'tutor', asOf, offset: 0, limit: 100 });
  const col = page.columns.findIndex((c) => c.field === 'indicator.iep');
  const row = page.rows.find((r) => r.studentId === student);
  expect(row, 'student 7 is in the tutor preview').toBeDefined();
  return row!.cells[col]!;
}

describe('consent -> preview -> revocation', () => {
  it('the preview gains the student\'s IEP flag with a consent and withholds it again from the revocation date', () => {
    expect(iepCell('2026-09-15')).toMatchObject({ state: 'withheld', reason: 'IDEA_RESTRICTED' });
    const c = recordConsent(store.ctx, {
      studentId: student, signerRole: 'parent', guardianId: 'gdn-7', partnerId: PARTNER_READ, agreementId: 'agr-read', fields: ['indicator.iep'],
      status: 'granted', signedOn: '2026-09-01', expiresOn: null, revokedOn: null, revocationReason: null, method: 'paper-scan', esignAuthentication: null,
      evidence: { fileName: 'iep-consent.pdf', bytes: pdfBytes('iep-7') },
    });
    expect(iepCell('2026-09-15')).toMatchObject({ state: 'shown', value: true });
    expect(consentCoverage(store.ctx, { agreementId: 'agr-read', expiringWithinDays: 30, filter: 'complete', offset: 0, limit: 50 }).rows.map((r) => r.studentId)).toContain(student);
    revokeConsent(store.ctx, { consentId: c.id, revokedOn: '2026-09-12', reason: 'parent-request' });
    expect(iepCell('2026-09-15')).toMatchObject({ state: 'withheld', reason: 'IDEA_RESTRICTED' });
    // A preview as of a day before the revocation still shows it (revocation is not retroactive).
    expect(iepCell('2026-09-11')).toMatchObject({ state: 'shown' });
    const cov = consentCoverage(store.ctx, { agreementId: 'agr-read', expiringWithinDays: 30, filter: 'revoked', offset: 0, limit: 50 });
    expect(cov.rows.map((r) => r.studentId)).toEqual([student]);
  });

  it('a parent who declines the IEP flag for this partner and purpose is the reason the preview gives, and the coverage report agrees', () => {
    recordConsent(store.ctx, {
      studentId: student, signerRole: 'parent', guardianId: 'gdn-7', partnerId: PARTNER_READ, agreementId: 'agr-read', fields: ['indicator.iep'],
      status: 'declined', signedOn: '2026-09-01', expiresOn: null, revokedOn: null, revocationReason: null, method: 'paper-scan', esignAuthentication: null,
      evidence: { fileName: 'iep-refusal.pdf', bytes: pdfBytes('iep-7-no') },
    });
    expect(iepCell('2026-09-15')).toMatchObject({ state: 'withheld', reason: 'CONSENT_DECLINED' });
    expect(iepCell('2026-08-31')).toMatchObject({ state: 'withheld', reason: 'IDEA_RESTRICTED' });
    const cov = consentCoverage(store.ctx, { agreementId: 'agr-read', expiringWithinDays: 30, filter: 'declined', offset: 0, limit: 50 });
    expect(cov.rows.map((r) => r.studentId)).toEqual([student]);
  });
});
