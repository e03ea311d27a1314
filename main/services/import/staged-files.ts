import { col, type CellValue, type ColumnSpec } from './columns';
import { readTable, StopImport, type RowAt } from './table-reader';
import type { ImportState } from './import-state';
import type { InputFile } from './file-set';
import { BatchWriter, placeholders } from './batch-insert';
import { raceSummary } from './race-ethnicity';
import { isImportStudent } from './supplementary-files';

/**
 * demographics.csv and student_details.csv add columns to the students table. Rather than
 * rewriting every student row afterwards (an UPDATE pass that doubles the cost of a 500,000-row
 * roster), they are read first into in-memory temporary tables keyed by id, and the roster's
 * insert joins them in, so each student row is written once. Their ids are checked once the
 * roster is known; each staged row remembers its line for that message.
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

/** Students columns each staged table provides (empty: not staged). */
export interface Staged {
  demographics: boolean;
  details: string[];
}

function duplicateHandler(state: ImportState, column: string, what: string) {
  return (e: { code?: string }, at: RowAt, p: unknown[]) => {
    if (e.code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') return false;
    state.issues.add({ file: at.file, line: at.line, column, message: `${what} ${String(p[0])} appears more than once in this file; give each one row.` });
    return true;
  };
}

/** demographics.csv: birth date, sex and the federal race/ethnicity category of each user. */
export function stageDemographics(state: ImportState, parts: readonly InputFile[]): void {
  state.db.exec('CREATE TEMP TABLE import_demographics (id TEXT PRIMARY KEY, birth_date TEXT, gender TEXT, race_ethnicity TEXT, line INTEGER, file TEXT) WITHOUT ROWID');
  const insert = new BatchWriter(state.db, 6, (n) => `INSERT INTO temp.import_demographics VALUES ${placeholders(n, 6)}`, duplicateHandler(state, 'sourcedId', 'user'));
  const p: unknown[] = new Array(6);
  readTable(state, parts, demographicSpecs, (v, at) => {
    if (v[1] === 'tobedeleted' || v[1] === 'inactive') return;
    p[0] = v[0]; p[1] = v[2]; p[2] = v[3];
    p[3] = raceSummary({ aian: v[4] as number | null, asian: v[5] as number | null, black: v[6] as number | null, nhpi: v[7] as number | null, white: v[8] as number | null, twoOrMore: v[9] as number | null, hispanic: v[10] as number | null });
    p[4] = at.line; p[5] = at.file;
    insert.add(p, at);
  });
  insert.flush();
  state.staged.demographics = true;
  state.count('demographics', insert.written);
}

/** student_details.csv: the student columns OneRoster lacks. Only the columns in its header are staged. */
export function stageDetails(state: ImportState, parts: readonly InputFile[]): void {
  const specs = [col.id('studentSourcedId'), ...detailColumns.map(([, , spec]) => spec)];
  let used: (readonly [string, number])[] = [];
  let insert: BatchWriter | undefined;
  let p: unknown[] = [];
  readTable(state, parts, specs, (v: CellValue[], at) => {
    const entry = v[10] as string | null;
    const exit = v[11] as string | null;
    if (entry && exit && exit < entry) return state.issues.add({ file: at.file, line: at.line, column: 'exitDate', message: 'the exit date is before the entry date. Correct one of them.' });
    p[0] = v[0];
    for (let k = 0; k < used.length; k++) p[k + 1] = v[used[k]![1]];
    p[used.length + 1] = at.line;
    p[used.length + 2] = at.file;
    insert!.add(p, at);
  }, {
    onHeader(present, at) {
      const cols = detailColumns.map(([name, dbCol], i) => [name, dbCol, i + 1] as const).filter(([name]) => present.has(name));
      if (insert) {
        // A later part must carry the same columns as the first: they fill one table.
        insert.flush();
        if (cols.map(([, c]) => c).join() !== used.map(([c]) => c).join()) {
          state.issues.add({ file: at.file, line: 1, message: 'this part has other columns than the first part of student_details.csv; give every part the same header.' });
          throw new StopImport();
        }
        return;
      }
      used = cols.map(([, dbCol, i]) => [dbCol, i] as const);
      state.db.exec(`CREATE TEMP TABLE import_details (id TEXT PRIMARY KEY${used.map(([c]) => `, ${c}`).join('')}, line INTEGER, file TEXT) WITHOUT ROWID`);
      const width = used.length + 3;
      insert = new BatchWriter(state.db, width, (n) => `INSERT INTO temp.import_details VALUES ${placeholders(n, width)}`, duplicateHandler(state, 'studentSourcedId', 'student'));
      p = new Array(width);
    },
  });
  insert?.flush();
  state.staged.details = used.map(([c]) => c);
  state.count('student_details', insert?.written ?? 0);
}

/** Checks the staged ids once the roster is known: demographics for users, details for students of this import. */
export function checkStaged(state: ImportState): void {
  if (state.staged.demographics) {
    for (const r of state.db.prepare('SELECT id, line, file FROM temp.import_demographics').iterate() as Iterable<{ id: string; line: number; file: string }>) {
      if (state.students.has(r.id) || state.guardians.has(r.id) || state.otherUsers.has(r.id) || state.departed.has(r.id)) continue;
      state.issues.add({ file: r.file, line: r.line, column: 'sourcedId', message: `refers to user ${r.id}, which is not in users.csv. Add it there or correct the id.` });
    }
  }
  if (state.db.prepare(`SELECT 1 FROM temp.sqlite_master WHERE name = 'import_details'`).get()) {
    for (const r of state.db.prepare('SELECT id, line, file FROM temp.import_details').iterate() as Iterable<{ id: string; line: number; file: string }>) {
      isImportStudent(state, { file: r.file, line: r.line }, 'studentSourcedId', r.id);
    }
  }
}

/** For presets (their export already set these columns): details rows override, other students keep theirs. */
export function applyStagedDetails(state: ImportState): void {
  const cols = state.staged.details;
  if (cols.length === 0) return;
  state.db.prepare(`UPDATE students SET ${cols.map((c) => `${c} = t.${c}`).join(', ')} FROM temp.import_details AS t WHERE students.id = t.id AND students.status = 'active'`).run();
}

export function dropStaged(state: ImportState): void {
  state.db.exec('DROP TABLE IF EXISTS temp.import_demographics; DROP TABLE IF EXISTS temp.import_details;');
}
