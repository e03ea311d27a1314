import type { ServiceContext } from './context';
import { today } from './consents-service';
import { StewardError } from '../../shared/api/result';
import type { ConsentStudentView } from '../../shared/api/consents-api';
import { eighteenthBirthday } from '../../shared/consent/rules';
import { ageOn } from '../../shared/util/dates';

/**
 * What the consent screens need to know about one student: who may sign for them today (the
 * guardians on record, and the student from their 18th birthday, 34 CFR 99.5(a)), and whether a
 * directory opt-out is in force. Guardians' contact details are not read: the screen needs only
 * the name and relationship to pick the signer.
 */
export function consentStudent(ctx: ServiceContext, studentId: string): ConsentStudentView {
  const s = ctx.db
    .prepare(
      `SELECT s.id, s.local_id AS localId, s.first_name AS firstName, s.last_name AS lastName, s.grade, o.name AS schoolName,
              s.birth_date AS birthDate, s.status
         FROM students s LEFT JOIN orgs o ON o.id = s.school_id WHERE s.id = ?`,
    )
    .get(studentId) as Omit<ConsentStudentView['student'], 'age' | 'eighteenOn' | 'eligible'> | undefined;
  if (!s) throw new StewardError('NOT_FOUND', `No student with id '${studentId}' in this store.`, { field: 'studentId' });
  const asOf = today(ctx);
  const eighteenOn = eighteenthBirthday(s.birthDate);
  const guardians = ctx.db
    .prepare(
      `SELECT g.id, g.first_name AS firstName, g.last_name AS lastName, sg.relationship, sg.is_primary AS isPrimary
         FROM student_guardians sg JOIN guardians g ON g.id = sg.guardian_id
        WHERE sg.student_id = ? ORDER BY sg.is_primary DESC, g.last_name, g.first_name, g.id`,
    )
    .all(studentId) as (Omit<ConsentStudentView['guardians'][number], 'isPrimary'> & { isPrimary: number })[];
  const optOut = ctx.db
    .prepare(`SELECT requested_on AS requestedOn, requested_by AS requestedBy FROM directory_optouts WHERE student_id = ? AND removed_on IS NULL`)
    .get(studentId) as ConsentStudentView['optOut'] | undefined;
  return {
    today: asOf,
    student: { ...s, age: s.birthDate ? ageOn(s.birthDate, asOf) : null, eighteenOn, eligible: eighteenOn !== null && eighteenOn <= asOf },
    guardians: guardians.map((g) => ({ ...g, isPrimary: g.isPrimary === 1 })),
    optOut: optOut ?? null,
  };
}
