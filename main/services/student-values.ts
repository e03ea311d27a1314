import type { ServiceContext } from './context';
import type { StudentScope } from '../../shared/agreement/types';
import type { ProgramEnrolment, StudentFacts, StudentValues } from '../../shared/policy/types';
import type { CellValue } from '../../shared/policy/transforms';

/**
 * Where each catalog field's value lives in the store (one SQL expression per field over the
 * joins below), and the two loads the preview needs: inclusion facts for every candidate student
 * (cheap columns only), and full values only for the rows a page or an export batch renders.
 * A catalog field without an entry here has no value (an empty cell), never someone else's.
 */
export const fieldSources: Readonly<Record<string, { expr: string; bool?: true }>> = {
  'student.localId': { expr: 's.local_id' },
  'student.stateId': { expr: 's.state_id' },
  'student.firstName': { expr: 's.first_name' },
  'student.lastName': { expr: 's.last_name' },
  'student.birthDate': { expr: 's.birth_date' },
  'student.gender': { expr: 's.gender' },
  'student.raceEthnicity': { expr: 's.race_ethnicity' },
  'student.homeLanguage': { expr: 's.home_language' },
  'student.address': { expr: 's.address_line' },
  'student.city': { expr: 's.city' },
  'student.postalCode': { expr: 's.postal_code' },
  'student.phone': { expr: 's.phone' },
  'student.email': { expr: 's.email' },
  'student.school': { expr: 'o.name' },
  'student.grade': { expr: 's.grade' },
  'student.homeroom': { expr: 's.homeroom' },
  'student.counselor': { expr: 's.counselor' },
  'student.entryDate': { expr: 's.entry_date' },
  'student.graduationYear': { expr: 's.graduation_year' },
  'guardian.id': { expr: 'g.id' },
  'guardian.name': { expr: `g.first_name || ' ' || g.last_name` },
  'guardian.relationship': { expr: 'sg.relationship' },
  'guardian.phone': { expr: 'g.phone' },
  'guardian.email': { expr: 'g.email' },
  'attendance.daysEnrolled': { expr: 'm.days_enrolled' },
  'attendance.daysAbsent': { expr: 'm.days_absent' },
  'attendance.rate': { expr: 'm.attendance_rate' },
  'attendance.chronicAbsence': { expr: 'm.chronic_absence', bool: true },
  'transcript.gpa': { expr: 'm.gpa' },
  'transcript.courseGrades': { expr: 'm.latest_grades' },
  'assessment.readingLevel': { expr: 'm.reading_level' },
  'assessment.readingScore': { expr: 'm.reading_score' },
  'assessment.mathLevel': { expr: 'm.math_level' },
  'assessment.mathScore': { expr: 'm.math_score' },
  'conduct.incidentCount': { expr: 'm.incident_count' },
  'indicator.englishLearner': { expr: 'i.english_learner', bool: true },
  'indicator.mealEligibility': { expr: 'i.meal_eligibility' },
  'indicator.iep': { expr: 'i.iep', bool: true },
  'indicator.section504': { expr: 'i.section_504', bool: true },
  'indicator.disability': { expr: 'i.disability' },
  'indicator.homeless': { expr: 'i.homeless', bool: true },
  'indicator.fosterCare': { expr: 'i.foster_care', bool: true },
  'indicator.healthAlert': { expr: 'i.health_alert' },
  'programs.activities': { expr: 'm.activities' },
  'survey.wellbeing': { expr: 'm.survey_wellbeing' },
  'transport.busRoute': { expr: 't.bus_route' },
  'transport.stopLocation': { expr: 't.stop_location' },
  'transport.busCardId': { expr: 't.bus_card_id' },
};

const sourceEntries = Object.entries(fieldSources);

// The primary guardian: the lowest guardian id among is_primary rows, so a data error with two
// primaries still yields one row per student.
const joins: [alias: string, sql: string][] = [
  ['o', 'JOIN orgs o ON o.id = s.school_id'],
  ['sg', 'LEFT JOIN student_guardians sg ON sg.student_id = s.id AND sg.guardian_id = (SELECT min(x.guardian_id) FROM student_guardians x WHERE x.student_id = s.id AND x.is_primary = 1)'],
  ['g', 'LEFT JOIN guardians g ON g.id = sg.guardian_id'],
  ['m', 'LEFT JOIN student_metrics m ON m.student_id = s.id'],
  ['i', 'LEFT JOIN student_indicators i ON i.student_id = s.id'],
  ['t', 'LEFT JOIN student_transport t ON t.student_id = s.id'],
];

/** The FROM clause with only the joins the expressions need (sorting 500,000 rows by a name needs none). */
function fromFor(exprs: readonly string[]): string {
  const text = exprs.join(' ');
  const needed = joins.filter(([alias]) => new RegExp(`\\b${alias}\\.`).test(text) || (alias === 'sg' && /\bg\./.test(text)));
  return `FROM students s ${needed.map(([, sql]) => sql).join(' ')}`;
}

function toCell(raw: unknown, bool: boolean | undefined): CellValue {
  if (raw === null || raw === undefined) return null;
  if (bool) return raw === 1 || raw === true;
  return typeof raw === 'number' || typeof raw === 'string' ? raw : String(raw);
}

/**
 * The statements that read some fields' values, built once per field set: a role's export reads
 * its nine columns, not all fifty, and joins only the tables they live in.
 */
interface ValueQuery { byIds: string; scan: string; fields: [field: string, bool: boolean][] }
const queries = new Map<string, ValueQuery>();

function valueQuery(fields: readonly string[] | undefined): ValueQuery {
  const wanted = (fields ? sourceEntries.filter(([f]) => fields.includes(f)) : sourceEntries);
  const key = wanted.map(([f]) => f).join(',');
  let q = queries.get(key);
  if (!q) {
    const cols = wanted.map(([, src], i) => `, ${src.expr} AS c${i}`).join('');
    const from = fromFor(wanted.map(([, src]) => src.expr));
    q = {
      byIds: `SELECT s.id AS id${cols} ${from} WHERE s.id IN (SELECT value FROM json_each(?))`,
      scan: `SELECT s.id AS id, s.local_id AS lid${cols} ${from} WHERE s.local_id > ? ORDER BY s.local_id LIMIT ?`,
      fields: wanted.map(([f, src]) => [f, src.bool === true]),
    };
    queries.set(key, q);
  }
  return q;
}

function toValues(q: ValueQuery, row: Record<string, unknown>): StudentValues {
  const values: Record<string, CellValue> = {};
  for (let i = 0; i < q.fields.length; i++) values[q.fields[i]![0]] = toCell(row[`c${i}`], q.fields[i]![1]);
  return values;
}

/** The raw values of these students (one statement), keyed by student id: the given fields, or every catalog field. */
export function loadStudentValues(ctx: ServiceContext, studentIds: readonly string[], fields?: readonly string[]): Map<string, StudentValues> {
  const out = new Map<string, StudentValues>();
  if (studentIds.length === 0) return out;
  const q = valueQuery(fields);
  for (const row of ctx.db.prepare(q.byIds).all(JSON.stringify(studentIds)) as Record<string, unknown>[]) out.set(row.id as string, toValues(q, row));
  return out;
}

/**
 * Every student's values in local-id order, one chunk at a time (keyset paging: no statement stays
 * open between chunks, so the caller may write between them). For exports that include most of
 * the district: one ordered pass instead of many id lookups.
 */
export function* scanStudentValues(ctx: ServiceContext, fields?: readonly string[], chunk = 5000): Generator<[string, StudentValues][]> {
  const q = valueQuery(fields);
  const stmt = ctx.db.prepare(q.scan);
  let after = '';
  for (;;) {
    const rows = stmt.all(after, chunk) as Record<string, unknown>[];
    if (rows.length === 0) return;
    yield rows.map((row) => [row.id as string, toValues(q, row)]);
    after = rows[rows.length - 1]!.lid as string;
  }
}

// Shared by every student of a scope without programs: 500,000 empty arrays are not free.
const NO_PROGRAMS: readonly ProgramEnrolment[] = Object.freeze([]);

/**
 * Inclusion facts for every candidate student of a scope, in local-id order (the preview's
 * default order): students enrolled (ever) in a scope program, or, without programs, students of
 * the scope's schools and grades. Dates and status are checked by the engine, not here, so the
 * excluded ones can be counted with their reason.
 */
export function loadScopeFacts(ctx: ServiceContext, scope: StudentScope, optedOut: ReadonlySet<string>): StudentFacts[] {
  const intern = new Map<string, string>();
  const share = (s: string) => { const hit = intern.get(s); if (hit !== undefined) return hit; intern.set(s, s); return s; };
  const facts: StudentFacts[] = [];
  if (scope.programIds.length > 0) {
    const rows = ctx.db.prepare(`SELECT s.id, s.birth_date, s.school_id, s.grade, s.status, e.program_id, e.begin_date, e.end_date
      FROM program_enrollments e JOIN students s ON s.id = e.student_id
      WHERE e.program_id IN (SELECT value FROM json_each(?)) ORDER BY s.local_id`).raw().iterate(JSON.stringify(scope.programIds)) as IterableIterator<[string, string | null, string, string, string, string, string, string | null]>;
    let last: StudentFacts | null = null;
    for (const [id, birth, school, grade, status, program, begin, end] of rows) {
      const enrolment: ProgramEnrolment = { programId: share(program), beginDate: begin, endDate: end };
      if (last && last.id === id) {
        (last.programs as ProgramEnrolment[]).push(enrolment);
        continue;
      }
      last = { id, birthDate: birth, schoolId: share(school), grade: share(grade), status: share(status), programs: [enrolment], directoryOptOut: optedOut.has(id) };
      facts.push(last);
    }
    return facts;
  }
  // The unary + keeps SQLite walking the local_id index (rows come out in order) instead of
  // using the school/grade index and sorting 500,000 rows in a temporary b-tree.
  const where: string[] = [];
  const params: string[] = [];
  if (scope.schoolIds.length) { where.push('+s.school_id IN (SELECT value FROM json_each(?))'); params.push(JSON.stringify(scope.schoolIds)); }
  if (scope.grades.length) { where.push('+s.grade IN (SELECT value FROM json_each(?))'); params.push(JSON.stringify(scope.grades)); }
  const rows = ctx.db.prepare(`SELECT s.id, s.birth_date, s.school_id, s.grade, s.status FROM students s ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY s.local_id`)
    .raw().iterate(...params) as IterableIterator<[string, string | null, string, string, string]>;
  for (const [id, birth, school, grade, status] of rows) {
    facts.push({ id, birthDate: birth, schoolId: share(school), grade: share(grade), status: share(status), programs: NO_PROGRAMS, directoryOptOut: optedOut.has(id) });
  }
  return facts;
}
