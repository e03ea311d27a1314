import type { ServiceContext } from '../../../main/services/context';
import type { RecordDisclosuresInput } from '../../../main/services/disclosures-service';

/**
 * The minimal district rows the disclosure tests need (a school, students, partners), written
 * with plain SQL because the partner and agreement services are built elsewhere.
 */
export function seedDistrict(ctx: ServiceContext, students = 5): void {
  const db = ctx.db;
  db.prepare(`INSERT INTO orgs (id, name, type) VALUES ('d-1', 'Riverbend Unified', 'district'), ('sch-1', 'Lincoln Elementary', 'school')`).run();
  const s = db.prepare(`INSERT INTO students (id, local_id, first_name, last_name, grade, school_id, updated_at) VALUES (?, ?, ?, ?, '04', 'sch-1', '2026-09-01')`);
  const names = [['Ana', 'García'], ['Ben', 'Okafor'], ['Chloe', 'Nguyen'], ['Diego', 'Ramírez'], ['Ella', 'Schmidt']];
  for (let i = 1; i <= students; i++) {
    const [first, last] = names[(i - 1) % names.length]!;
    s.run(`stu-${i}`, `L${String(i).padStart(5, '0')}`, first, last);
  }
  const p = db.prepare(`INSERT INTO partners (id, name, kind, created_at, updated_at) VALUES (?, ?, ?, '2026-08-01', '2026-08-01')`);
  p.run('p-tutor', 'Bright Futures Tutoring', 'tutoring');
  p.run('p-eval', 'Lakeside University Evaluation Center', 'other');
}

/** A valid disclosure input; tests override what they examine. */
export function disclosure(over: Partial<RecordDisclosuresInput> = {}): RecordDisclosuresInput {
  return {
    packageId: 'pkg-1', partnerId: 'p-tutor', agreementId: 'agr-1', agreementVersion: 2, role: 'tutor',
    legalBasis: 'school-official', purpose: 'After-school reading tutoring', legitimateInterest: 'Tutors plan sessions from reading levels and attendance',
    fields: ['student.firstName', 'student.lastName', 'student.grade', 'assessment.readingLevel'],
    studentIds: ['stu-1', 'stu-2', 'stu-3'], disclosedOn: '2026-09-15', destroyBy: '2027-06-30',
    ...over,
  };
}
