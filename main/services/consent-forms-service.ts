import type { ServiceContext } from './context';
import { appendAudit } from './audit-log';
import { computeCoverage, requireAgreement } from './consent-coverage';
import { today } from './consents-service';
import { StewardError } from '../../shared/api/result';
import type { ConsentFormResult } from '../../shared/api/consents-api';
import { renderConsentForms, type FormLanguage, type FormStudent } from '../../shared/consent/forms';
import { catalogFields } from '../../shared/catalog';

/**
 * Consent request forms for an agreement: for the given students (one page each), for the students
 * who still need one (`studentIds` omitted), or one blank form (`[]`). The forms carry names, so
 * printing them is audited (agreement, language, student count).
 */
export function consentForms(ctx: ServiceContext, args: { agreementId: string; language: FormLanguage; studentIds?: string[] | undefined }): ConsentFormResult {
  const a = requireAgreement(ctx, args.agreementId);
  const formDate = today(ctx);
  const partnerName = (ctx.db.prepare('SELECT name FROM partners WHERE id = ?').pluck().get(a.content.partnerId) as string | undefined) ?? a.content.partnerId;
  const districtName = (ctx.db.prepare(`SELECT name FROM orgs WHERE type = 'district' ORDER BY id LIMIT 1`).pluck().get() as string | undefined) ?? 'The school district';
  let students: FormStudent[];
  if (args.studentIds === undefined) {
    const needing = new Set(computeCoverage(ctx, args.agreementId, formDate, 30).rows.filter((r) => r.needsForm).map((r) => r.studentId));
    students = loadFormStudents(ctx, [...needing]);
  } else {
    students = loadFormStudents(ctx, args.studentIds);
    const found = new Set(students.map((s) => s.id));
    const unknown = args.studentIds.filter((id) => !found.has(id));
    if (unknown.length) {
      throw new StewardError('NOT_FOUND', `No student with id ${unknown.slice(0, 5).map((id) => `'${id}'`).join(', ')}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''} in this store.`, { field: 'studentIds' });
    }
  }
  const result = renderConsentForms({
    language: args.language, districtName, partnerName, agreementId: a.agreementId, agreementVersion: a.version, content: a.content,
    catalog: catalogFields, formDate, students,
  });
  ctx.db.transaction(() => {
    appendAudit(ctx, { action: 'consent.forms.print', objectType: 'agreement', objectId: a.agreementId, summary: { language: args.language, students: students.length, version: a.version } });
  })();
  return { ...result, language: args.language };
}

/** The students' printable facts, sorted by school then name (how a school office hands forms out). */
function loadFormStudents(ctx: ServiceContext, ids: string[]): FormStudent[] {
  if (ids.length === 0) return [];
  const rows = ctx.db
    .prepare(
      `SELECT s.id, s.local_id AS localId, s.first_name AS firstName, s.last_name AS lastName, o.name AS schoolName, s.grade, s.birth_date AS birthDate
         FROM students s JOIN orgs o ON o.id = s.school_id WHERE s.id IN (SELECT value FROM json_each(?))
        ORDER BY o.name, s.last_name COLLATE NOCASE, s.first_name COLLATE NOCASE, s.local_id`,
    )
    .all(JSON.stringify(ids)) as FormStudent[];
  return rows;
}
