import type { CellValue, ColumnSpec } from './columns';
import { readTable, type RowAt } from './table-reader';
import { detach, type ImportState } from './import-state';
import type { RosterWriter, StudentRow } from './roster-writer';
import type { InputFile } from './file-set';

/** A guardian as a wide SIS export lists it: no id of its own, one or two per student row. */
export interface WideGuardian {
  /** Suffix of the derived id (`<student id>-<suffix>`), stable across re-imports. */
  suffix: string;
  first: string;
  last: string;
  relationship: string;
  phone: string | null;
  email: string | null;
}

export interface WideRow {
  student: StudentRow;
  schoolName: string | null;
  /** False when the SIS says the student is not currently enrolled: the row is skipped and the student becomes inactive. */
  enrolled: boolean;
  guardians: WideGuardian[];
}

/** How one SIS export maps onto the district model: its columns, and a row to a student. */
export interface WideMapping {
  file: string;
  specs: ColumnSpec[];
  idColumn: string;
  normaliseHeader?: (name: string) => string;
  /** Builds the student from a parsed row, or returns null after adding an issue. */
  toRow(v: CellValue[], at: RowAt, state: ImportState): WideRow | null;
}

const relativeWords = /grand|aunt|uncle|sibling|brother|sister|cousin|relative/;
const guardianWords = /guardian|foster|caseworker|custod/;

/** OneRoster's coarse role for a free-text relationship. */
export function roleForRelationship(rel: string): 'parent' | 'guardian' | 'relative' {
  if (guardianWords.test(rel)) return 'guardian';
  if (relativeWords.test(rel)) return 'relative';
  return 'parent';
}

/** "Last, First" or "First Last" (PowerSchool's Mother and Father fields are free text). */
export function splitPersonName(full: string): { first: string; last: string } | null {
  const v = full.trim();
  if (!v) return null;
  const comma = v.indexOf(',');
  if (comma > 0) return { last: v.slice(0, comma).trim(), first: v.slice(comma + 1).trim() || v.slice(0, comma).trim() };
  const space = v.lastIndexOf(' ');
  if (space > 0) return { first: v.slice(0, space).trim(), last: v.slice(space + 1).trim() };
  return { first: v, last: v };
}

/**
 * Reads a one-row-per-student SIS export: schools are created from its school columns, students
 * upserted with every column the export carries, guardians derived from the contact columns.
 */
export function readWideExport(state: ImportState, writer: RosterWriter, parts: readonly InputFile[], mapping: WideMapping): void {
  const seen = new Set<string>();
  readTable(state, parts, mapping.specs, (v, at) => {
    const row = mapping.toRow(v, at, state);
    if (!row) return;
    const s = row.student;
    if (seen.has(s.id)) {
      state.issues.add({ file: at.file, line: at.line, column: mapping.idColumn, message: `${s.id} appears more than once in this file; each student must have one row.` });
      return;
    }
    seen.add(detach(s.id));
    if (!row.enrolled) {
      state.departed.add(detach(s.id));
      return;
    }
    if (!state.orgs.has(s.schoolId)) writer.upsertOrg(s.schoolId, row.schoolName ?? `School ${s.schoolId}`, 'school', s.schoolId, null);
    else if (state.orgs.get(s.schoolId) !== 'school') {
      state.issues.add({ file: at.file, line: at.line, message: `school ${s.schoolId} is already in the store as an org that is not a school.` });
      return;
    }
    writer.fullStudent(at, s);
    const sid = detach(s.id);
    state.students.add(sid);
    row.guardians.forEach((g, i) => {
      const gid = `${sid}-${g.suffix}`;
      writer.guardian(at, gid, g.first, g.last, g.email, g.phone);
      state.guardians.set(gid, roleForRelationship(g.relationship));
      writer.link(at, sid, gid, i === 0, g.relationship);
    });
  }, mapping.normaliseHeader ? { normaliseHeader: mapping.normaliseHeader } : {});
  writer.flush();
}
