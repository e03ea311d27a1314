import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../../helpers/temp-store';
import { dispatch } from '../../../main/ipc/dispatch';
import { consentCounts, pdfBytes, seedAgreement, seedDistrict } from '../services/consent-seed';

let store: TempStore;
beforeEach(() => {
  store = tempStore('district', { now: '2026-09-15T12:00:00Z' });
  seedDistrict(store.ctx, [{ id: 's1', birthDate: '2012-03-10' }]);
  seedAgreement(store.ctx, 'a-1');
});
afterEach(() => store.cleanup());

const evidence = { fileName: 'form.pdf', contentBase64: pdfBytes('ipc').toString('base64') };
const base = { studentId: 's1', signerRole: 'parent', guardianId: 'g-s1', partnerId: 'p-1', agreementId: 'a-1', signedOn: '2026-09-01', method: 'paper-scan', evidence };

describe('consent channels through dispatch', () => {
  it('records, lists, revokes and returns the evidence over the contract', async () => {
    const rec = await dispatch(store.ctx, 'consent-record', base);
    expect(rec).toMatchObject({ ok: true, value: { studentId: 's1', state: 'in-force', purpose: 'reading-tutoring' } });
    const id = (rec as { value: { id: string } }).value.id;
    expect(await dispatch(store.ctx, 'consents-list', { offset: 0, limit: 10, agreementId: 'a-1' })).toMatchObject({ ok: true, value: { total: 1 } });
    const ev = await dispatch(store.ctx, 'consent-evidence-get', { consentId: id });
    expect(ev.ok && Buffer.from((ev.value as { contentBase64: string }).contentBase64, 'base64').equals(pdfBytes('ipc'))).toBe(true);
    expect(await dispatch(store.ctx, 'consent-revoke', { consentId: id, revokedOn: '2026-09-10', reason: 'parent-request' })).toMatchObject({ ok: true, value: { state: 'revoked' } });
    expect(await dispatch(store.ctx, 'consent-coverage', { agreementId: 'a-1', offset: 0, limit: 10 })).toMatchObject({ ok: true, value: { summary: { inScope: 1, revoked: 1 } } });
  });

  it('gives the record dialog its signers and the agreement\'s default items', async () => {
    expect(await dispatch(store.ctx, 'consent-signers', { studentId: 's1' })).toMatchObject({ ok: true, value: { studentId: 's1', eligibleStudent: false, guardians: [{ guardianId: 'g-s1', relationship: 'parent', isPrimary: true }] } });
    const d = await dispatch(store.ctx, 'consent-defaults', { agreementId: 'a-1' });
    expect(d).toMatchObject({ ok: true, value: { partnerId: 'p-1', purposeCode: 'reading-tutoring' } });
    const fields = (d as { value: { fields: { id: string; roles: string[]; needsConsent: boolean }[] } }).value.fields;
    expect(fields.find((f) => f.id === 'student.firstName')).toMatchObject({ roles: ['tutor', 'coordinator'], needsConsent: true });
    expect(await dispatch(store.ctx, 'consent-signers', { studentId: 'nobody' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('bad input becomes a clear error naming the field, and nothing is stored', async () => {
    const before = consentCounts(store.ctx);
    expect(await dispatch(store.ctx, 'consent-record', { ...base, evidence: null })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', where: { field: 'evidence' } } });
    expect(await dispatch(store.ctx, 'consent-record', { ...base, studentId: 'ghost' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', where: { field: 'studentId' } } });
    expect(await dispatch(store.ctx, 'consent-record', { ...base, method: 'fax' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', where: { field: 'method' } } });
    expect(await dispatch(store.ctx, 'directory-designate', { fields: ['indicator.homeless'], noticeDate: '2026-08-01' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(consentCounts(store.ctx)).toEqual(before);
  });

  it('imports a CSV with its evidence files, designates directory fields and manages opt-outs', async () => {
    const csv = 'student_id,signer_role,guardian_id,partner_id,agreement_id,decision,signed_on,method,evidence_file\ns1,parent,g-s1,p-1,a-1,granted,2026-09-02,paper-scan,form.pdf\n';
    expect(await dispatch(store.ctx, 'consent-import', { fileName: 'x.csv', csvText: csv, evidenceFiles: [evidence] })).toMatchObject({ ok: true, value: { stored: 1, issues: [] } });
    expect(await dispatch(store.ctx, 'directory-designate', { fields: ['student.firstName'], noticeDate: '2026-08-01' })).toMatchObject({ ok: true, value: { designation: { fields: ['student.firstName'] } } });
    expect(await dispatch(store.ctx, 'optout-add', { studentId: 's1', requestedOn: '2026-09-01', requestedBy: 'parent' })).toMatchObject({ ok: true });
    expect(await dispatch(store.ctx, 'directory-get', {})).toMatchObject({ ok: true, value: { activeOptOuts: 1 } });
    expect(await dispatch(store.ctx, 'optout-remove', { studentId: 's1', removedOn: '2026-09-14' })).toMatchObject({ ok: true, value: { removedOn: '2026-09-14' } });
    expect(await dispatch(store.ctx, 'optouts-list', { offset: 0, limit: 10, includeRemoved: true })).toMatchObject({ ok: true, value: { total: 1 } });
    const form = await dispatch(store.ctx, 'consent-form', { agreementId: 'a-1', language: 'es', studentIds: ['s1'] });
    expect(form).toMatchObject({ ok: true, value: { pages: 1, language: 'es' } });
    expect(await dispatch(store.ctx, 'consent-needs-form-export', { agreementId: 'a-1' })).toMatchObject({ ok: true, value: { count: 0 } });
  });
});
