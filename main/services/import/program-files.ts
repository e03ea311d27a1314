import { col } from './columns';
import { readTable } from './table-reader';
import { detach, type ImportState } from './import-state';
import { isImportStudent } from './supplementary-files';
import type { InputFile } from './file-set';
import { partnerKinds } from '../../../shared/api/partners-api';

/** Partner organisations, their programs and who is enrolled (the SIS does not hold these). */
export const programTables = ['partners.csv', 'programs.csv', 'program_enrollments.csv'] as const;


function readPartners(state: ImportState, parts: readonly InputFile[], partners: Set<string>): void {
  const upsert = state.db.prepare(`INSERT INTO partners (id, name, kind, contact_name, contact_email, contact_phone, commercial_subprocessors, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind, contact_name = excluded.contact_name, contact_email = excluded.contact_email,
      contact_phone = excluded.contact_phone, commercial_subprocessors = excluded.commercial_subprocessors, updated_at = excluded.updated_at`);
  const seen = new Set<string>();
  readTable(state, parts, [col.id('sourcedId'), col.text('name', 'value'), col.enum('kind', partnerKinds, 'value'), col.text('contactName'), col.text('contactEmail'), col.text('contactPhone'), col.bool('commercialSubprocessors')],
    ([id, name, kind, contact, email, phone, commercial], at) => {
      const key = String(id);
      if (seen.has(key)) return state.issues.add({ file: at.file, line: at.line, column: 'sourcedId', message: `${key} appears more than once in this file; each sourcedId must be unique.` });
      seen.add(key);
      try {
        upsert.run(key, name, kind, contact, email, phone, commercial ?? 0, state.now, state.now);
      } catch (e) {
        if ((e as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw e;
        return state.issues.add({ file: at.file, line: at.line, column: 'name', message: `another partner (with a different sourcedId) already has this name; partner names are unique. Use that partner's sourcedId or rename one of them.` });
      }
      partners.add(detach(key));
      state.count('partners');
    });
}

function readPrograms(state: ImportState, parts: readonly InputFile[], partners: Set<string>, programs: Set<string>): void {
  const upsert = state.db.prepare(`INSERT INTO programs (id, partner_id, name, school_id, created_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT(id) DO UPDATE SET partner_id = excluded.partner_id, name = excluded.name, school_id = excluded.school_id`);
  const seen = new Set<string>();
  readTable(state, parts, [col.id('sourcedId'), col.id('partnerSourcedId'), col.text('name', 'value'), col.id('schoolSourcedId', 'column')],
    ([id, partner, name, school], at) => {
      const key = String(id);
      if (seen.has(key)) return state.issues.add({ file: at.file, line: at.line, column: 'sourcedId', message: `${key} appears more than once in this file; each sourcedId must be unique.` });
      seen.add(key);
      if (!partners.has(String(partner))) return state.issues.add({ file: at.file, line: at.line, column: 'partnerSourcedId', message: `refers to partner ${String(partner)}, which is neither in partners.csv nor in the store. Add the partner to partners.csv or correct the id.` });
      if (school && state.orgs.get(String(school)) !== 'school') return state.issues.add({ file: at.file, line: at.line, column: 'schoolSourcedId', message: `refers to ${String(school)}, which is not a school of this district. Use a school's sourcedId from the roster, or leave it empty.` });
      try {
        upsert.run(key, partner, name, school, state.now);
      } catch (e) {
        if ((e as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw e;
        return state.issues.add({ file: at.file, line: at.line, column: 'name', message: `this partner already has another program of the same name; program names are unique per partner.` });
      }
      programs.add(detach(key));
      state.count('programs');
    });
}

/** program_enrollments.csv replaces the enrolments of each program it names; other programs keep theirs. */
function readProgramEnrollments(state: ImportState, parts: readonly InputFile[], programs: Set<string>): void {
  const clear = state.db.prepare('DELETE FROM program_enrollments WHERE program_id = ?');
  const insert = state.db.prepare('INSERT INTO program_enrollments (program_id, student_id, begin_date, end_date) VALUES (?, ?, ?, ?)');
  const cleared = new Set<string>();
  readTable(state, parts, [col.id('programSourcedId'), col.id('studentSourcedId'), col.date('beginDate', 'value'), col.date('endDate')],
    ([program, student, begin, end], at) => {
      const p = String(program);
      if (!programs.has(p)) return state.issues.add({ file: at.file, line: at.line, column: 'programSourcedId', message: `refers to program ${p}, which is neither in programs.csv nor in the store. Add the program to programs.csv or correct the id.` });
      if (!isImportStudent(state, at, 'studentSourcedId', String(student))) return;
      if (end && String(end) < String(begin)) return state.issues.add({ file: at.file, line: at.line, column: 'endDate', message: 'the end date is before the begin date.' });
      if (!cleared.has(p)) {
        clear.run(p);
        cleared.add(p);
      }
      try {
        insert.run(p, student, begin, end);
      } catch (e) {
        if ((e as { code?: string }).code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') throw e;
        return state.issues.add({ file: at.file, line: at.line, message: `student ${String(student)} is already enrolled in program ${p} by an earlier row; give each enrolment one row.` });
      }
      state.count('program_enrollments');
    });
}

export function readProgramFiles(state: ImportState, files: ReadonlyMap<string, InputFile[]>): void {
  const partners = new Set<string>(state.db.prepare('SELECT id FROM partners').pluck().all() as string[]);
  const programs = new Set<string>(state.db.prepare('SELECT id FROM programs').pluck().all() as string[]);
  const p1 = files.get('partners.csv');
  if (p1) readPartners(state, p1, partners);
  const p2 = files.get('programs.csv');
  if (p2) readPrograms(state, p2, partners, programs);
  const p3 = files.get('program_enrollments.csv');
  if (p3) readProgramEnrollments(state, p3, programs);
}
