import { col, type CellValue, type ColumnSpec } from './columns';
import { readTable, type RowAt } from './table-reader';
import type { ImportState } from './import-state';
import type { InputFile } from './file-set';
import { BatchWriter, placeholders } from './batch-insert';

/** Steward's supplementary tables (docs/import-format.md), keyed by studentSourcedId, in load order (student_details.csv is staged, see staged-files.ts). */
export const supplementaryTables = ['student_details.csv', 'guardians.csv', 'attendance.csv', 'grades.csv', 'discipline.csv', 'assessments.csv', 'indicators.csv', 'transportation.csv', 'activities.csv', 'surveys.csv'] as const;

/**
 * True when `id` is a student of this import. Rows for students the roster marks tobedeleted are
 * skipped quietly (their history stays as it was); any other id is an unknown reference.
 */
export function isImportStudent(state: ImportState, at: RowAt, column: string, id: string): boolean {
  if (state.students.has(id)) return true;
  if (!state.departed.has(id)) state.issues.add({ file: at.file, line: at.line, column, message: `refers to student ${id}, which is not a student in this import's roster. Remove the row or add the student to the roster.` });
  return false;
}

interface StudentTable {
  file: string;
  table: string;
  specs: ColumnSpec[];
  insert: string;
  /** Column names of the table's key, for the duplicate message. */
  key: string;
  /** Fills `params` from a parsed row (after the student check); false to skip it (an issue was added). */
  build(v: CellValue[], params: unknown[], at: RowAt, state: ImportState): boolean;
}

const sid = col.id('studentSourcedId');
const cellsOf = (n: number) => (v: CellValue[], p: unknown[]) => {
  for (let i = 0; i < n; i++) p[i] = v[i];
  return true;
};

const tables: StudentTable[] = [
  {
    file: 'attendance.csv', table: 'attendance_periods', key: 'studentSourcedId and periodStart',
    specs: [sid, col.date('periodStart', 'value'), col.date('periodEnd', 'value'), col.int('daysEnrolled', 'value', 0, 366), col.int('daysPresent', 'value', 0, 366), col.int('daysAbsentExcused', 'value', 0, 366), col.int('daysAbsentUnexcused', 'value', 0, 366)],
    insert: 'INSERT INTO attendance_periods (student_id, period_start, period_end, days_enrolled, days_present, days_absent_excused, days_absent_unexcused) VALUES (?, ?, ?, ?, ?, ?, ?)',
    build(v, p, at, state) {
      if ((v[2] as string) < (v[1] as string)) {
        state.issues.add({ file: at.file, line: at.line, column: 'periodEnd', message: 'the period ends before it starts.' });
        return false;
      }
      if ((v[4] as number) + (v[5] as number) + (v[6] as number) > (v[3] as number)) {
        state.issues.add({ file: at.file, line: at.line, column: 'daysEnrolled', message: 'days present plus days absent (excused and unexcused) add up to more than daysEnrolled.' });
        return false;
      }
      return cellsOf(7)(v, p);
    },
  },
  {
    file: 'grades.csv', table: 'course_grades', key: 'studentSourcedId, term and courseCode',
    specs: [sid, col.text('term', 'value'), col.text('courseCode', 'value'), col.text('courseTitle', 'value'), col.text('letterGrade', 'value'), col.number('gradePoints', 'column', 0, 5), col.number('credits', 'value', 0, 20)],
    insert: 'INSERT INTO course_grades (student_id, term, course_code, course_title, letter_grade, grade_points, credits) VALUES (?, ?, ?, ?, ?, ?, ?)',
    build: cellsOf(7),
  },
  {
    file: 'discipline.csv', table: 'discipline_incidents', key: 'sourcedId',
    specs: [sid, col.id('sourcedId'), col.date('incidentDate', 'value'), col.text('category', 'value'), col.text('action')],
    insert: 'INSERT INTO discipline_incidents (student_id, id, incident_date, category, action) VALUES (?, ?, ?, ?, ?)',
    build: cellsOf(5),
  },
  {
    file: 'assessments.csv', table: 'assessments', key: 'studentSourcedId, assessment, subject and testDate',
    specs: [sid, col.text('assessment', 'value'), col.enum('subject', ['reading', 'math', 'science', 'writing', 'other'], 'value'), col.date('testDate', 'value'), col.int('scaleScore', 'column', 0, 100000), col.text('performanceLevel', 'column')],
    insert: 'INSERT INTO assessments (student_id, assessment, subject, test_date, scale_score, performance_level) VALUES (?, ?, ?, ?, ?, ?)',
    build: cellsOf(6),
  },
  {
    file: 'indicators.csv', table: 'student_indicators', key: 'studentSourcedId',
    specs: [sid, col.bool('englishLearner'), col.enum('mealEligibility', ['free', 'reduced', 'none']), col.bool('iep'), col.bool('section504'), col.text('disability'), col.bool('homeless'), col.bool('fosterCare'), col.text('healthAlert')],
    insert: 'INSERT INTO student_indicators (student_id, english_learner, meal_eligibility, iep, section_504, disability, homeless, foster_care, health_alert) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    build(v, p) {
      p[0] = v[0]; p[1] = v[1] ?? 0; p[2] = v[2] ?? 'none'; p[3] = v[3] ?? 0; p[4] = v[4] ?? 0; p[5] = v[5]; p[6] = v[6] ?? 0; p[7] = v[7] ?? 0; p[8] = v[8];
      return true;
    },
  },
  {
    file: 'transportation.csv', table: 'student_transport', key: 'studentSourcedId',
    specs: [sid, col.text('busRoute'), col.text('stopLocation'), col.text('busCardId')],
    insert: 'INSERT INTO student_transport (student_id, bus_route, stop_location, bus_card_id) VALUES (?, ?, ?, ?)',
    build: cellsOf(4),
  },
  {
    file: 'activities.csv', table: 'student_activities', key: 'studentSourcedId and activity',
    specs: [sid, col.text('activity', 'value')],
    insert: 'INSERT INTO student_activities (student_id, activity) VALUES (?, ?)',
    build: cellsOf(2),
  },
  {
    file: 'surveys.csv', table: 'survey_responses', key: 'studentSourcedId, survey and question',
    specs: [sid, col.text('survey', 'value'), col.text('question', 'value'), col.text('response', 'value')],
    insert: 'INSERT INTO survey_responses (student_id, survey, question, response) VALUES (?, ?, ?, ?)',
    build: cellsOf(4),
  },
];

/**
 * A student-keyed table: the file replaces the rows of this import's students (rows of students
 * who left stay as history). A repeated key inside the file is reported by SQLite's primary key,
 * which costs nothing extra on the hot path.
 */
function loadStudentTable(state: ImportState, t: StudentTable, parts: readonly InputFile[]): void {
  state.db.prepare(`DELETE FROM ${t.table} WHERE student_id IN (SELECT id FROM students WHERE status = 'active')`).run();
  const width = t.insert.split('?').length - 1;
  const head = t.insert.slice(0, t.insert.indexOf('VALUES') + 'VALUES'.length);
  const insert = new BatchWriter(state.db, width, (n) => `${head} ${placeholders(n, width)}`, (e, at) => {
    if (e.code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') return false;
    state.issues.add({ file: at.file, line: at.line, message: `an earlier row of this file has the same ${t.key}; each combination must appear once. Remove or correct the repeated row.` });
    return true;
  });
  const params: unknown[] = new Array(width).fill(null);
  readTable(state, parts, t.specs, (v, at) => {
    if (!isImportStudent(state, at, 'studentSourcedId', v[0] as string)) return;
    if (t.build(v, params, at, state)) insert.add(params, at);
  });
  insert.flush();
  state.count(t.table, insert.written);
}

const relationships = ['mother', 'father', 'parent', 'stepmother', 'stepfather', 'grandmother', 'grandfather', 'grandparent', 'aunt', 'uncle', 'sibling', 'guardian', 'legal guardian', 'foster parent', 'relative', 'other'];

/**
 * guardians.csv refines links: the exact relationship and who is the primary contact. A pair the
 * roster already linked is updated, any other is added: one batched upsert instead of an UPDATE
 * and maybe an INSERT per row (the file lists each pair once, checked above).
 */
function loadGuardianLinks(state: ImportState, parts: readonly InputFile[]): void {
  const upsert = new BatchWriter(state.db, 4, (rows) => `INSERT INTO student_guardians (student_id, guardian_id, relationship, is_primary) VALUES ${placeholders(rows, 4)}
    ON CONFLICT(student_id, guardian_id) DO UPDATE SET relationship = excluded.relationship, is_primary = excluded.is_primary`, () => false);
  const params: unknown[] = new Array(4);
  const seen = new Set<string>();
  let n = 0;
  readTable(state, parts, [sid, col.id('guardianSourcedId'), col.enum('relationship', relationships, 'value'), col.bool('primary')], (v, at) => {
    const [student, guardian, rel, primary] = v as [string, string, string, number | null];
    if (!isImportStudent(state, at, 'studentSourcedId', student)) return;
    if (!state.guardians.has(guardian)) return state.issues.add({ file: at.file, line: at.line, column: 'guardianSourcedId', message: `refers to ${guardian}, which is not a parent, guardian or relative in this import. Add the guardian to the roster or correct the id.` });
    const key = `${student}\u0000${guardian}`;
    if (seen.has(key)) return state.issues.add({ file: at.file, line: at.line, message: `an earlier row already links student ${student} and guardian ${guardian}; give each pair one row.` });
    seen.add(key);
    params[0] = student; params[1] = guardian; params[2] = rel; params[3] = primary ?? 0;
    upsert.add(params, at);
    n++;
  });
  upsert.flush();
  state.count('guardian_relationships', n);
}

/** Loads whichever supplementary files are present, in a fixed order. */
export function readSupplementary(state: ImportState, files: ReadonlyMap<string, InputFile[]>): void {
  const links = files.get('guardians.csv');
  if (links) loadGuardianLinks(state, links);
  for (const t of tables) {
    const parts = files.get(t.file);
    if (parts) loadStudentTable(state, t, parts);
  }
}
