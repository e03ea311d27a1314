import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../../helpers/temp-store';
import { seedDistrict, disclosure } from './disclosure-fixtures';
import { recordDisclosures, recordDestruction, type RecordDestructionInput } from '../../../main/services/disclosures-service';
import { disclosureHistory, listDisclosures } from '../../../main/services/disclosures-query';
import { verifyAudit, listAudit } from '../../../main/services/audit-service';
import { inTransaction } from '../../../main/db/sql';
import { StewardError } from '../../../shared/api/result';

let store: TempStore;
beforeEach(() => { store = tempStore(); seedDistrict(store.ctx); });
afterEach(() => store.cleanup());

const count = (table: string) => store.ctx.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const snapshot = () => ['disclosure_packages', 'disclosure_students', 'disclosure_destructions', 'disclosure_package_destructions', 'audit_log'].map(count);

function expectError(fn: () => unknown, code: string, field?: string): StewardError {
  try { fn(); } catch (e) {
    expect(e).toBeInstanceOf(StewardError);
    expect((e as StewardError).code).toBe(code);
    if (field) expect((e as StewardError).where?.field).toBe(field);
    return e as StewardError;
  }
  throw new Error('expected an error');
}

const cert = (over: Partial<RecordDestructionInput> = {}): RecordDestructionInput => ({
  agreementId: 'agr-1', packageIds: ['pkg-1'], destroyedOn: '2027-06-20', method: 'Secure erase (NIST 800-88 purge)',
  signedBy: 'J. Rivera, Program Director', categories: 'all', certificateSha256: 'a'.repeat(64), ...over,
});

describe('recordDisclosures', () => {
  it("writes one record per student, and the student's history answers who, what, when, why and until when", () => {
    const r = recordDisclosures(store.ctx, disclosure());
    expect(r).toMatchObject({ packageId: 'pkg-1', studentCount: 3, requiredBy9932: false, ideaFields: [] });
    const h = disclosureHistory(store.ctx, 'stu-2');
    expect(h.student).toMatchObject({ id: 'stu-2', localId: 'L00002', firstName: 'Ben', schoolName: 'Lincoln Elementary' });
    expect(h.events).toHaveLength(1);
    expect(h.events[0]).toMatchObject({
      packageId: 'pkg-1', partnerName: 'Bright Futures Tutoring', agreementId: 'agr-1', agreementVersion: 2, role: 'tutor',
      legalBasis: 'school-official', purpose: 'After-school reading tutoring', disclosedOn: '2026-09-15', destroyBy: '2027-06-30',
      fields: ['student.firstName', 'student.lastName', 'student.grade', 'assessment.readingLevel'], destructionState: 'kept', destructions: [],
    });
    expect(disclosureHistory(store.ctx, 'stu-4').events).toEqual([]);
  });

  it('marks studies and audit/evaluation disclosures as required by 99.32, the others as voluntary', () => {
    const cases = [['school-official', false], ['consent', false], ['directory', false], ['studies', true], ['audit-evaluation', true]] as const;
    cases.forEach(([legalBasis, required], i) => {
      expect(recordDisclosures(store.ctx, disclosure({ packageId: `pkg-${i}`, legalBasis, partnerId: 'p-eval' })).requiredBy9932, legalBasis).toBe(required);
    });
    const rows = listDisclosures(store.ctx, { offset: 0, limit: 100, studentId: 'stu-1' }).rows;
    expect(rows.filter((r) => r.requiredBy9932).map((r) => r.legalBasis).sort()).toEqual(['audit-evaluation', 'studies']);
  });

  it('marks the IDEA-covered fields (IEP, disability) and not the 504 plan', () => {
    const r = recordDisclosures(store.ctx, disclosure({ legalBasis: 'consent', fields: ['student.firstName', 'indicator.iep', 'indicator.section504', 'indicator.disability'] }));
    expect(r.ideaFields).toEqual(['indicator.iep', 'indicator.disability']);
    expect(disclosureHistory(store.ctx, 'stu-1').events[0]!.ideaFields).toEqual(['indicator.iep', 'indicator.disability']);
    expect(listDisclosures(store.ctx, { offset: 0, limit: 10 }).rows[0]!.ideaCovered).toBe(true);
  });

  it('records per student the fields actually sent when the policy withheld some (no consent for the IEP field)', () => {
    const fields = ['student.firstName', 'student.lastName', 'indicator.iep'];
    recordDisclosures(store.ctx, disclosure({ legalBasis: 'consent', fields, studentIds: ['stu-1', { studentId: 'stu-2', fields: ['student.firstName', 'student.lastName'] }, { studentId: 'stu-3', fields }] }));
    expect(disclosureHistory(store.ctx, 'stu-1').events[0]).toMatchObject({ fields, ideaFields: ['indicator.iep'] });
    expect(disclosureHistory(store.ctx, 'stu-2').events[0]).toMatchObject({ fields: ['student.firstName', 'student.lastName'], ideaFields: [] });
    expect(disclosureHistory(store.ctx, 'stu-3').events[0]!.fields).toEqual(fields);
    const rows = listDisclosures(store.ctx, { offset: 0, limit: 10 }).rows;
    expect(rows.map((r) => [r.studentId, r.fieldCount, r.ideaCovered])).toEqual([['stu-1', 3, true], ['stu-2', 2, false], ['stu-3', 3, true]]);
    expect(store.ctx.db.prepare('SELECT count(*) FROM disclosure_students WHERE fields IS NOT NULL').pluck().get(), 'only the exception is stored').toBe(1);
    expectError(() => recordDisclosures(store.ctx, disclosure({ packageId: 'pkg-x', studentIds: [{ studentId: 'stu-4', fields: ['indicator.homeless'] }] })), 'BAD_INPUT', 'studentIds');
  });

  it("joins the export's transaction: when the export fails afterwards, no record and no audit row remain", () => {
    const before = snapshot();
    expect(() => inTransaction(store.ctx.db, () => {
      recordDisclosures(store.ctx, disclosure());
      throw new Error('writing the package file failed');
    })).toThrow('writing the package file failed');
    expect(snapshot()).toEqual(before);
    // and inside a committed export transaction it lands with it
    store.ctx.db.transaction(() => recordDisclosures(store.ctx, disclosure()))();
    expect(count('disclosure_students')).toBe(3);
  });

  it('records a student listed twice once, and appends one audit row without student ids', () => {
    recordDisclosures(store.ctx, disclosure({ studentIds: new Set(['stu-1', 'stu-2']).add('stu-1') }));
    recordDisclosures(store.ctx, disclosure({ packageId: 'pkg-2', studentIds: ['stu-3', 'stu-3'] }));
    expect(count('disclosure_students')).toBe(3);
    const audit = listAudit(store.ctx, { offset: 0, limit: 10, action: 'disclosure', order: 'oldest' });
    expect(audit.rows.map((r) => [r.objectId, r.summary.studentCount])).toEqual([['pkg-1', 2], ['pkg-2', 1]]);
    expect(JSON.stringify(audit.rows)).not.toContain('stu-');
    expect(verifyAudit(store.ctx).ok).toBe(true);
  });

  it('rejects bad input with the field named, and changes nothing', () => {
    const before = snapshot();
    expectError(() => recordDisclosures(store.ctx, disclosure({ fields: ['student.shoeSize'] })), 'BAD_INPUT', 'fields');
    expectError(() => recordDisclosures(store.ctx, disclosure({ destroyBy: '2026-01-01' })), 'BAD_INPUT', 'destroyBy');
    expectError(() => recordDisclosures(store.ctx, disclosure({ disclosedOn: '2026-02-30' })), 'BAD_INPUT', 'disclosedOn');
    expectError(() => recordDisclosures(store.ctx, disclosure({ legitimateInterest: ' ' })), 'BAD_INPUT', 'legitimateInterest');
    expectError(() => recordDisclosures(store.ctx, disclosure({ partnerId: 'p-nobody' })), 'NOT_FOUND', 'partnerId');
    expectError(() => recordDisclosures(store.ctx, disclosure({ studentIds: ['stu-1', ''] })), 'BAD_INPUT', 'studentIds');
    expect(snapshot()).toEqual(before);
    recordDisclosures(store.ctx, disclosure());
    const e = expectError(() => recordDisclosures(store.ctx, disclosure()), 'CONFLICT', 'packageId');
    expect(e.message).toContain('pkg-1');
  });

  it('keeps the records: the app cannot delete or rewrite them', () => {
    recordDisclosures(store.ctx, disclosure());
    expect(() => store.ctx.db.prepare('DELETE FROM disclosure_students').run()).toThrow(/kept/);
    expect(() => store.ctx.db.prepare(`UPDATE disclosure_packages SET partner_id = 'p-eval'`).run()).toThrow(/kept/);
    expect(count('disclosure_students')).toBe(3);
  });
});

describe('recordDestruction', () => {
  beforeEach(() => {
    recordDisclosures(store.ctx, disclosure());
    recordDisclosures(store.ctx, disclosure({ packageId: 'pkg-2', disclosedOn: '2026-10-01', fields: ['student.firstName', 'attendance.rate'] }));
  });

  it('a complete disposition marks the package destroyed in the history, with who, when and how', () => {
    const { auditSeq } = recordDestruction(store.ctx, cert());
    const [later, first] = disclosureHistory(store.ctx, 'stu-1').events;
    expect(first).toMatchObject({ packageId: 'pkg-1', destructionState: 'destroyed' });
    expect(first!.destructions[0]).toMatchObject({ destroyedOn: '2027-06-20', method: 'Secure erase (NIST 800-88 purge)', signedBy: 'J. Rivera, Program Director', categories: 'all' });
    expect(later).toMatchObject({ packageId: 'pkg-2', destructionState: 'kept' });
    expect(listAudit(store.ctx, { offset: 0, limit: 1, order: 'newest' }).rows[0]).toMatchObject({ seq: auditSeq, action: 'disclosure.destroy', objectId: 'agr-1' });
  });

  it('partial dispositions: partly destroyed until the certificates cover every category the package carried', () => {
    recordDestruction(store.ctx, cert({ packageIds: ['pkg-2'], categories: ['Attendance'] }));
    expect(disclosureHistory(store.ctx, 'stu-1').events[0]!.destructionState).toBe('partly-destroyed');
    recordDestruction(store.ctx, cert({ packageIds: ['pkg-2'], categories: ['Student name'], certificateSha256: 'b'.repeat(64) }));
    expect(disclosureHistory(store.ctx, 'stu-1').events[0]!.destructionState).toBe('destroyed');
  });

  it('refuses a certificate recorded twice, for another agreement, dated before the disclosure, or naming an unknown package; changes nothing', () => {
    recordDestruction(store.ctx, cert());
    const before = snapshot();
    expectError(() => recordDestruction(store.ctx, cert({ packageIds: ['pkg-2'] })), 'CONFLICT', 'certificateSha256');
    expectError(() => recordDestruction(store.ctx, cert({ agreementId: 'agr-9', certificateSha256: 'c'.repeat(64) })), 'BAD_INPUT', 'packageIds');
    expectError(() => recordDestruction(store.ctx, cert({ packageIds: ['pkg-2'], destroyedOn: '2026-09-20', certificateSha256: 'c'.repeat(64) })), 'BAD_INPUT', 'destroyedOn');
    expectError(() => recordDestruction(store.ctx, cert({ packageIds: ['pkg-404'], certificateSha256: 'c'.repeat(64) })), 'NOT_FOUND', 'packageIds');
    expectError(() => recordDestruction(store.ctx, cert({ categories: ['Shoe sizes' as never], certificateSha256: 'c'.repeat(64) })), 'BAD_INPUT', 'categories');
    expect(snapshot()).toEqual(before);
  });
});

describe('listDisclosures (the grid)', () => {
  beforeEach(() => {
    recordDisclosures(store.ctx, disclosure({ studentIds: ['stu-1', 'stu-2', 'stu-3', 'stu-4', 'stu-5'] }));
    recordDisclosures(store.ctx, disclosure({ packageId: 'pkg-e', partnerId: 'p-eval', legalBasis: 'studies', disclosedOn: '2026-11-02', studentIds: ['stu-2', 'ghost-9'] }));
  });

  it('filters by student, partner and date range, pages, and counts the total', () => {
    expect(listDisclosures(store.ctx, { offset: 0, limit: 100 }).total).toBe(7);
    expect(listDisclosures(store.ctx, { offset: 0, limit: 100, studentId: 'stu-2' }).rows.map((r) => r.packageId)).toEqual(['pkg-e', 'pkg-1']);
    expect(listDisclosures(store.ctx, { offset: 0, limit: 100, partnerId: 'p-eval' }).rows.map((r) => r.studentId)).toEqual(['ghost-9', 'stu-2']);
    expect(listDisclosures(store.ctx, { offset: 0, limit: 100, from: '2026-09-15', to: '2026-09-15' }).total).toBe(5);
    expect(listDisclosures(store.ctx, { offset: 0, limit: 100, from: '2026-09-16' }).total).toBe(2);
    const page2 = listDisclosures(store.ctx, { offset: 2, limit: 2, partnerId: 'p-tutor' });
    expect(page2).toMatchObject({ total: 5 });
    expect(page2.rows.map((r) => r.studentId)).toEqual(['stu-3', 'stu-4']);
    const ghost = listDisclosures(store.ctx, { offset: 0, limit: 1, partnerId: 'p-eval' }).rows[0]!;
    expect(ghost).toMatchObject({ studentId: 'ghost-9', studentName: null, partnerName: 'Lakeside University Evaluation Center', requiredBy9932: true });
  });

  it('answers the history of a student the SIS no longer holds, and NOT_FOUND for an id never seen', () => {
    expect(disclosureHistory(store.ctx, 'ghost-9').events.map((e) => e.packageId)).toEqual(['pkg-e']);
    expectError(() => disclosureHistory(store.ctx, 'nobody'), 'NOT_FOUND', 'studentId');
  });
});
