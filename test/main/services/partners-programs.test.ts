import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../../helpers/temp-store';
import { seedAgreementDistrict, studentId, PROGRAM_READ, PARTNER_READ, SCHOOL_ELEM } from '../../helpers/agreement-district';
import { createPartner, listPartners, pseudonymizer, updatePartner } from '../../../main/services/partners-service';
import { createProgram, importEnrolments, listEnrolments, listPrograms } from '../../../main/services/programs-service';
import { fieldSources, loadStudentValues } from '../../../main/services/student-values';
import { catalogFields } from '../../../shared/catalog';
import { StewardError } from '../../../shared/api/result';

let store: TempStore;
beforeEach(() => {
  store = tempStore('district', { now: '2026-09-15T12:00:00Z' });
  seedAgreementDistrict(store.ctx, 12);
});
afterEach(() => store.cleanup());

const snapshot = () => ({
  enrolments: store.ctx.db.prepare('SELECT * FROM program_enrollments ORDER BY program_id, student_id').all(),
  audit: store.ctx.db.prepare('SELECT count(*) FROM audit_log').pluck().get(),
});

describe('partners', () => {
  it('creates a partner with its own pseudonym key, audited; names are unique', () => {
    const p = createPartner(store.ctx, { name: 'Harbor Case Management', kind: 'case-management', contactEmail: 'intake@harbor.example', commercialSubprocessors: true });
    expect(p).toMatchObject({ name: 'Harbor Case Management', kind: 'case-management', contactEmail: 'intake@harbor.example', contactName: null, commercialSubprocessors: true, programCount: 0 });
    expect(store.ctx.db.prepare('SELECT length(pseudonym_key) FROM partner_keys WHERE partner_id = ?').pluck().get(p.id)).toBe(32);
    expect(store.ctx.db.prepare(`SELECT action FROM audit_log`).pluck().all()).toEqual(['partner.create']);
    expect(() => createPartner(store.ctx, { name: 'harbor case management', kind: 'other' })).toThrow(StewardError);
    expect(updatePartner(store.ctx, { partnerId: p.id, name: 'Harbor CM', kind: 'case-management' }).name).toBe('Harbor CM');
    expect(listPartners(store.ctx).map((x) => x.name)).toEqual(['Eastside Clinic', 'Harbor CM', 'ReadWell Tutoring']);
  });

  it('two partners get different pseudonyms for the same student', () => {
    const other = createPartner(store.ctx, { name: 'Other', kind: 'other' });
    const a = pseudonymizer(store.ctx, PARTNER_READ)('student:stu-0001');
    const b = pseudonymizer(store.ctx, other.id)('student:stu-0001');
    expect(a).toMatch(/^[0-9a-f]{20}$/);
    expect(a).not.toBe(b);
    expect(pseudonymizer(store.ctx, PARTNER_READ)('student:stu-0001')).toBe(a);
  });
});

describe('programs and enrolments', () => {
  it('creates a program and imports enrolments from CSV, updating existing ones in place', () => {
    const prog = createProgram(store.ctx, { partnerId: PARTNER_READ, name: 'Summer reading', schoolId: SCHOOL_ELEM });
    const csv = `programId,studentSourcedId,beginDate,endDate\r\n${prog.id},${studentId(2)},2026-06-20,2026-08-10\r\n${prog.id},${studentId(4)},2026-06-20,\r\n${PROGRAM_READ},${studentId(2)},2026-08-21,\r\n`;
    expect(importEnrolments(store.ctx, { fileName: 'enrol.csv', csv })).toEqual({ rows: 3, perProgram: [{ programId: prog.id, rows: 2 }, { programId: PROGRAM_READ, rows: 1 }].sort((a, b) => (a.programId < b.programId ? -1 : 1)) });
    expect(listEnrolments(store.ctx, { programId: prog.id, offset: 0, limit: 10 }).total).toBe(2);
    expect(listPrograms(store.ctx, { partnerId: PARTNER_READ }).find((p) => p.id === prog.id)?.enrolledCount).toBe(1);
    expect(store.ctx.db.prepare('SELECT begin_date FROM program_enrollments WHERE program_id = ? AND student_id = ?').pluck().get(PROGRAM_READ, studentId(2))).toBe('2026-08-21');
  });

  it('refuses the whole file when any line is bad, naming line and column, and changes nothing', () => {
    const before = snapshot();
    const csv = [
      'programId,studentSourcedId,beginDate,endDate',
      `${PROGRAM_READ},${studentId(2)},2026-08-20,`,
      `${PROGRAM_READ},stu-9999,2026-08-20,`,
      `prg-nope,${studentId(3)},2026-08-20,`,
      `${PROGRAM_READ},${studentId(4)},20/08/2026,`,
      `${PROGRAM_READ},${studentId(6)},2026-08-20,2026-08-01`,
      `${PROGRAM_READ},${studentId(2)},2026-08-20,`,
    ].join('\n');
    let message = '';
    try { importEnrolments(store.ctx, { fileName: 'enrol.csv', csv }); } catch (e) { message = (e as Error).message; expect((e as StewardError).code).toBe('IMPORT_FAILED'); }
    expect(message).toContain('enrol.csv, line 3, column studentSourcedId: Unknown student \'stu-9999\'');
    expect(message).toContain('line 4, column programId');
    expect(message).toContain('line 5, column beginDate');
    expect(message).toContain('line 6, column endDate: Ends before it begins');
    expect(message).toContain('line 7, column studentSourcedId: Duplicate enrolment: line 2');
    expect(message).toContain('The store is unchanged');
    expect(snapshot()).toEqual(before);
    expect(() => importEnrolments(store.ctx, { fileName: 'e.csv', csv: 'programId,studentSourcedId,beginDate\n' })).toThrow(/Missing column 'endDate'/);
    expect(() => importEnrolments(store.ctx, { fileName: 'e.csv', csv: `programId,studentSourcedId,beginDate,endDate\n"${PROGRAM_READ},x,y,z\n` })).toThrow(/line 2.*never closes/);
  });
});

describe('student values', () => {
  it('every catalog field has a source in the store (a field without one would always be empty)', () => {
    expect(catalogFields.map((f) => f.id).filter((id) => !fieldSources[id])).toEqual([]);
    const v = loadStudentValues(store.ctx, [studentId(7)]).get(studentId(7))!;
    expect(v).toMatchObject({ 'student.firstName': 'Kid0007', 'student.school': 'Lincoln Elementary', 'guardian.id': 'gdn-7', 'indicator.iep': true, 'attendance.chronicAbsence': true });
  });
});
