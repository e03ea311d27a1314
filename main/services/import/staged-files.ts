import { col, type CellValue, type ColumnSpec } from './columns';
import { readTable, StopImport, type RowAt } from './table-reader';
import { detach, type ImportState } from './import-state';
import type { InputFile } from './file-set';
import { raceSummary } from './race-ethnicity';
import { isImportStudent } from './supplementary-files';

/**
 * demographics.csv and student_details.csv add columns to the students table. Rather than
 * rewriting every student row afterwards (an UPDATE pass that doubles the cost of a 500,000-row
 * roster), they are read first into maps keyed by id, and the roster's insert takes their values
 * as parameters, so each student row is written once. (Maps rather than temporary tables: no
 * second write and read back of every row through SQLite, for about 100 MB more at 500,000
 * students.) Their ids are checked once the roster is known; each staged row remembers its line
 * for that message.
 */

/** File column, students column, spec. */
export const detailColumns: [string, string, ColumnSpec][] = [
  ['stateId', 'state_id', col.text('stateId')], ['homeLanguage', 'home_language', col.text('homeLanguage')], ['address', 'address_line', col.text('address')],
  ['city', 'city', col.text('city')], ['state', 'state', col.text('state')], ['postalCode', 'postal_code', col.text('postalCode')],
  ['homeroom', 'homeroom', col.text('homeroom')], ['counselor', 'counselor', col.text('counselor')],
  ['graduationYear', 'graduation_year', col.int('graduationYear', 'optional', 1900, 2100)], ['entryDate', 'entry_date', col.date('entryDate')], ['exitDate', 'exit_date', col.date('exitDate')],
];

const demographicSpecs = [
  col.id('sourcedId'), col.enum('status', ['active', 'tobedeleted', 'inactive']), col.date('birthDate', 'column'), col.enum('sex', ['male', 'female', 'other', 'unspecified'], 'column'),
  col.bool('americanIndianOrAlaskaNative'), col.bool('asian'), col.bool('blackOrAfricanAmerican'), col.bool('nativeHawaiianOrOtherPacificIslander'),
  col.bool('white'), col.bool('demographicRaceTwoOrMoreRaces'), col.bool('hispanicOrLatinoEthnicity'),
];

/** One staged row: its values for the students columns, and where it came from (for messages). */
export interface StagedRow {
  values: CellValue[];
  line: number;
  file: string;
}

/** The staged files (null: not in this import) and the students columns the details fill. */
export interface Staged {
  /** By user id: birth_date, gender, race_ethnicity. */
  demographics: Map<string, StagedRow> | null;
  /** By student id: the `detailColumns` values. */
  details: Map<string, StagedRow> | null;
  detailColumns: string[];
}

/** Adds a row under its id; a repeated id is reported at its own line and the first row kept. */
function stage(state: ImportState, rows: Map<string, StagedRow>, at: RowAt, column: string, what: string, id: string, values: CellValue[]): void {
  if (rows.has(id)) return state.issues.add({ file: at.file, line: at.line, column, message: `${what} ${id} appears more than once in this file; give each one row.` });
  rows.set(detach(id), { values, line: at.line, file: at.file });
}

/** demographics.csv: birth date, sex and the federal race/ethnicity category of each user. */
export function stageDemographics(state: ImportState, parts: readonly InputFile[]): void {
  const rows = new Map<string, StagedRow>();
  readTable(state, parts, demographicSpecs, (v, at) => {
    if (v[1] === 'tobedeleted' || v[1] === 'inactive') return;
    const race = raceSummary({ aian: v[4] as number | null, asian: v[5] as number | null, black: v[6] as number | null, nhpi: v[7] as number | null, white: v[8] as number | null, twoOrMore: v[9] as number | null, hispanic: v[10] as number | null });
    stage(state, rows, at, 'sourcedId', 'user', v[0] as string, [v[2] ?? null, v[3] ?? null, race]);
  });
  state.staged.demographics = rows;
  state.count('demographics', rows.size);
}

/** student_details.csv: the student columns OneRoster lacks. Only the columns in its header are staged. */
export function stageDetails(state: ImportState, parts: readonly InputFile[]): void {
  const specs = [col.id('studentSourcedId'), ...detailColumns.map(([, , spec]) => spec)];
  const rows = new Map<string, StagedRow>();
  let used: (readonly [string, number])[] | undefined;
  readTable(state, parts, specs, (v: CellValue[], at) => {
    const entry = v[10] as string | null;
    const exit = v[11] as string | null;
    if (entry && exit && exit < entry) return state.issues.add({ file: at.file, line: at.line, column: 'exitDate', message: 'the exit date is before the entry date. Correct one of them.' });
    const values: CellValue[] = new Array(used!.length);
    for (let k = 0; k < used!.length; k++) values[k] = v[used![k]![1]] ?? null;
    stage(state, rows, at, 'studentSourcedId', 'student', v[0] as string, values);
  }, {
    onHeader(present, at) {
      const cols = detailColumns.map(([name, dbCol], i) => [name, dbCol, i + 1] as const).filter(([name]) => present.has(name));
      if (used) {
        // A later part must carry the same columns as the first: they fill one table.
        if (cols.map(([, c]) => c).join() !== used.map(([c]) => c).join()) {
          state.issues.add({ file: at.file, line: 1, message: 'this part has other columns than the first part of student_details.csv; give every part the same header.' });
          throw new StopImport();
        }
        return;
      }
      used = cols.map(([, dbCol, i]) => [dbCol, i] as const);
    },
  });
  state.staged.details = rows;
  state.staged.detailColumns = (used ?? []).map(([c]) => c);
  state.count('student_details', rows.size);
}

/**
 * The ids of `rows` that `known` rejects, in the order of their UTF-8 bytes: the order the
 * messages had when the rows were staged in SQLite tables keyed by id.
 */
function unknownIds(rows: Map<string, StagedRow>, known: (id: string) => boolean): string[] {
  const bad: [Buffer, string][] = [];
  for (const id of rows.keys()) if (!known(id)) bad.push([Buffer.from(id), id]);
  return bad.sort((a, b) => Buffer.compare(a[0], b[0])).map(([, id]) => id);
}

/** Checks the staged ids once the roster is known: demographics for users, details for students of this import. */
export function checkStaged(state: ImportState): void {
  const { demographics, details } = state.staged;
  if (demographics) {
    for (const id of unknownIds(demographics, (u) => state.students.has(u) || state.guardians.has(u) || state.otherUsers.has(u) || state.departed.has(u))) {
      const r = demographics.get(id)!;
      state.issues.add({ file: r.file, line: r.line, column: 'sourcedId', message: `refers to user ${id}, which is not in users.csv. Add it there or correct the id.` });
    }
  }
  if (details) {
    for (const id of unknownIds(details, (s) => state.students.has(s))) {
      const r = details.get(id)!;
      isImportStudent(state, { file: r.file, line: r.line }, 'studentSourcedId', id);
    }
  }
}

/** For presets (their export already set these columns): details rows override, other students keep theirs. */
export function applyStagedDetails(state: ImportState): void {
  const { details, detailColumns: cols } = state.staged;
  if (!details || cols.length === 0) return;
  const update = state.db.prepare(`UPDATE students SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ? AND status = 'active'`);
  for (const [id, r] of details) update.run(...r.values, id);
}

/** Frees the staged rows once the students are written. */
export function dropStaged(state: ImportState): void {
  state.staged.demographics = null;
  state.staged.details = null;
}
