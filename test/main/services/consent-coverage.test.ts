import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../../helpers/temp-store';
import { consentCoverage, exportNeedsForm, type CoverageArgs } from '../../../main/services/consent-coverage';
import { recordConsent, revokeConsent, type RecordConsentInput } from '../../../main/services/consents-service';
import { agreementContent, pdfBytes, seedAgreement, seedDistrict } from './consent-seed';

let store: TempStore;
let n = 0;
beforeEach(() => {
  store = tempStore('district', { now: '2026-09-15T12:00:00Z' });
  seedDistrict(store.ctx, [
    { id: 'full', birthDate: '2012-01-01' },
    { id: 'part', birthDate: '2012-01-01' },
    { id: 'none', birthDate: '2012-01-01' },
    { id: 'soon', birthDate: '2012-01-01' },
    { id: 'adult', birthDate: '2008-09-01' }, // turned 18 on 2026-09-01
    { id: 'nope', birthDate: '2012-01-01' },
    { id: 'gone', birthDate: '2012-01-01' },
    { id: 'elsewhere', birthDate: '2012-01-01', inProgram: false },
    { id: 'left', birthDate: '2012-01-01', status: 'inactive' },
  ]);
  seedAgreement(store.ctx, 'a-1', agreementContent());
});
afterEach(() => store.cleanup());

const consent = (studentId: string, over: Partial<RecordConsentInput> = {}) =>
  recordConsent(store.ctx, {
    studentId, signerRole: 'parent', guardianId: `g-${studentId}`, partnerId: 'p-1', agreementId: 'a-1', status: 'granted', signedOn: '2026-09-01',
    expiresOn: '2027-06-30', revokedOn: null, revocationReason: null, method: 'paper-scan', esignAuthentication: null,
    evidence: { fileName: 'f.pdf', bytes: pdfBytes(`${studentId}-${++n}`) }, ...over,
  });

const args = (over: Partial<CoverageArgs> = {}): CoverageArgs => ({ agreementId: 'a-1', expiringWithinDays: 30, filter: 'all', offset: 0, limit: 100, ...over });

describe('consent coverage of an agreement', () => {
  beforeEach(() => {
    consent('full');
    consent('part', { fields: ['student.firstName', 'student.lastName'] });
    consent('soon', { expiresOn: '2026-10-01' });
    consent('adult', { signedOn: '2026-08-01' });
    consent('nope', { status: 'declined' });
    const g = consent('gone');
    revokeConsent(store.ctx, { consentId: g.id, revokedOn: '2026-09-10', reason: 'parent-request' });
  });

  it('counts in-scope students (program enrolment, still enrolled) and each field\'s coverage', () => {
    const r = consentCoverage(store.ctx, args());
    expect(r.summary).toEqual({ inScope: 7, complete: 2, partial: 1, missing: 4, needsForm: 4, expiring: 1, turned18: 1, declined: 1, revoked: 1 });
    expect(r.consentFields).toEqual(['student.firstName', 'student.lastName', 'guardian.phone', 'assessment.readingLevel', 'indicator.mealEligibility']);
    expect(r.perField.find((f) => f.field === 'indicator.mealEligibility')).toMatchObject({ covered: 2, missing: 5, category: 'Special indicator' });
    expect(r.perField.find((f) => f.field === 'student.firstName')).toMatchObject({ covered: 3, missing: 4 });
  });

  it('explains each student the way the preview will (same rules), and who must sign next', () => {
    const rows = new Map(consentCoverage(store.ctx, args()).rows.map((r) => [r.studentId, r]));
    expect(rows.get('full')).toMatchObject({ state: 'complete', reason: null, needsForm: false, lastDay: '2027-06-30', lastDayWhy: 'expires' });
    expect(rows.get('part')).toMatchObject({ state: 'partial', reason: 'CONSENT_FIELD_NOT_COVERED', missingFields: ['guardian.phone', 'assessment.readingLevel', 'indicator.mealEligibility'], needsForm: true });
    expect(rows.get('none')).toMatchObject({ state: 'missing', reason: 'NO_CONSENT', needsForm: true, signer: 'parent' });
    expect(rows.get('soon')).toMatchObject({ state: 'complete', expiringSoon: true, lastDay: '2026-10-01', needsForm: true });
    expect(rows.get('adult')).toMatchObject({ state: 'missing', reason: 'CONSENT_AGE_OF_MAJORITY', turned18: true, signer: 'eligible-student', needsForm: true });
    expect(rows.get('nope')).toMatchObject({ reason: 'CONSENT_DECLINED', needsForm: false });
    expect(rows.get('gone')).toMatchObject({ reason: 'CONSENT_REVOKED', needsForm: false });
  });

  it('filters and pages for the grid', () => {
    expect(consentCoverage(store.ctx, args({ filter: 'turned-18' })).rows.map((r) => r.studentId)).toEqual(['adult']);
    expect(consentCoverage(store.ctx, args({ filter: 'expiring' })).rows.map((r) => r.studentId)).toEqual(['soon']);
    expect(consentCoverage(store.ctx, args({ field: 'guardian.phone' })).total).toBe(5);
    const page = consentCoverage(store.ctx, args({ filter: 'needs-form', offset: 1, limit: 2 }));
    expect(page.total).toBe(4);
    expect(page.rows).toHaveLength(2);
    expect(consentCoverage(store.ctx, args({ asOf: '2026-08-15' })).summary.complete).toBe(0);
  });

  it('exports the students who still need a form as CSV, audited without names', () => {
    const out = exportNeedsForm(store.ctx, { agreementId: 'a-1', expiringWithinDays: 30 });
    expect(out.count).toBe(4);
    const lines = out.csv.trim().split('\r\n');
    expect(lines[0]).toBe('student_id,local_id,last_name,first_name,school_id,grade,signer,reason,missing_fields,coverage_ends');
    expect(lines.slice(1).map((l) => l.split(',')[0]).sort()).toEqual(['adult', 'none', 'part', 'soon']);
    expect(lines.find((l) => l.startsWith('adult'))).toContain('eligible-student,CONSENT_AGE_OF_MAJORITY');
    expect(lines.find((l) => l.startsWith('soon'))).toContain('ENDS_expires');
    const audit = store.ctx.db.prepare(`SELECT action, summary FROM audit_log ORDER BY seq DESC LIMIT 1`).get() as { action: string; summary: string };
    expect(audit).toEqual({ action: 'consent.needs-form.export', summary: '{"asOf":"2026-09-15","count":4}' });
  });

  it('an unknown agreement is NOT_FOUND', () => {
    expect(() => consentCoverage(store.ctx, args({ agreementId: 'zzz' }))).toThrow(/No agreement with id 'zzz'/);
  });
});
