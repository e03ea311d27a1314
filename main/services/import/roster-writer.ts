import type { Database } from '../../db/sql';
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { ImportState } from './import-state';
import type { RowAt } from './table-reader';
import { BatchWriter, placeholders } from './batch-insert';

/** OneRoster grade codes (1.1), plus the short forms SIS exports use, mapped to them. */
export const gradeCodes = ['IT', 'PR', 'PK', 'TK', 'KG', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', 'PS', 'UG', 'Other'] as const;
const gradeAliases: Record<string, string> = { K: 'KG', '0': 'KG', '00': 'KG', '-1': 'PK', P: 'PK' };

/** A grade as a OneRoster code, or null when it is not one. */
export function normaliseGrade(raw: string): string | null {
  const v = raw.trim();
  if ((gradeCodes as readonly string[]).includes(v)) return v;
  const up = v.toUpperCase();
  if ((gradeCodes as readonly string[]).includes(up)) return up;
  if (gradeAliases[up]) return gradeAliases[up]!;
  if (/^\d$/.test(v)) return `0${v}`;
  return null;
}

export interface StudentRow {
  id: string;
  localId: string;
  stateId: string | null;
  first: string;
  middle: string | null;
  last: string;
  birthDate: string | null;
  gender: string | null;
  race: string | null;
  homeLanguage: string | null;
  address: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  phone: string | null;
  email: string | null;
  grade: string;
  schoolId: string;
  homeroom: string | null;
  entryDate: string | null;
  graduationYear: number | null;
}

/**
 * The writes every input format shares: orgs, students, guardians and their links. Students
 * are upserted by sourcedId (a re-import updates in place) and never deleted; the ones missing
 * from a full import are marked inactive, so consents and opt-outs that reference them survive.
 * Writes are batched (BatchWriter); call `flush()` before reading what was written.
 */
export class RosterWriter {
  private readonly upsertOrgStmt: Statement;
  private rosterStudents: BatchWriter | undefined;
  private readonly clash: (e: { code?: string }, at: RowAt, params: unknown[]) => boolean;
  private readonly fullStudents: BatchWriter;
  private readonly guardians: BatchWriter;
  private readonly localIdOwner: Statement;
  private readonly row: unknown[] = new Array(24);

  constructor(private readonly db: Database, private readonly state: ImportState, localIdColumn: string) {
    this.upsertOrgStmt = db.prepare(`INSERT INTO orgs (id, name, type, identifier, parent_id) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT(id) DO UPDATE SET name = excluded.name, type = excluded.type, identifier = excluded.identifier, parent_id = excluded.parent_id`);
    this.localIdOwner = db.prepare('SELECT id FROM students WHERE local_id = ?').pluck();
    const clash = (column: string) => (e: { code?: string }, at: RowAt, params: unknown[]) => this.localIdClash(e, at, column, params);
    this.clash = clash(localIdColumn);
    this.fullStudents = new BatchWriter(db, 22, (n) => `INSERT INTO students (id, local_id, state_id, first_name, middle_name, last_name, birth_date, gender, race_ethnicity,
        home_language, address_line, city, state, postal_code, phone, email, grade, school_id, homeroom, entry_date, graduation_year, updated_at, status)
      VALUES ${placeholders(n, 22).replace(/\?\)/g, "?, 'active')")}
      ON CONFLICT(id) DO UPDATE SET local_id = excluded.local_id, state_id = excluded.state_id, first_name = excluded.first_name,
        middle_name = excluded.middle_name, last_name = excluded.last_name, birth_date = excluded.birth_date, gender = excluded.gender,
        race_ethnicity = excluded.race_ethnicity, home_language = excluded.home_language, address_line = excluded.address_line,
        city = excluded.city, state = excluded.state, postal_code = excluded.postal_code, phone = excluded.phone, email = excluded.email,
        grade = excluded.grade, school_id = excluded.school_id, homeroom = excluded.homeroom, entry_date = excluded.entry_date,
        graduation_year = excluded.graduation_year, status = 'active', updated_at = excluded.updated_at`, clash(localIdColumn));
    this.guardians = new BatchWriter(db, 6, (n) => `INSERT INTO guardians (id, first_name, last_name, email, phone, updated_at) VALUES ${placeholders(n, 6)}
      ON CONFLICT(id) DO UPDATE SET first_name = excluded.first_name, last_name = excluded.last_name, email = excluded.email,
        phone = excluded.phone, updated_at = excluded.updated_at`, () => false);
  }

  /** Loads the store's orgs (references may point at orgs imported earlier). */
  loadExistingOrgs(): void {
    for (const row of this.db.prepare('SELECT id, type FROM orgs').iterate() as Iterable<{ id: string; type: string }>) this.state.orgs.set(row.id, row.type);
  }

  /** Every currently active student is 'unseen' until this import lists them again. */
  beginRoster(): void {
    this.db.prepare(`UPDATE students SET status = 'unseen' WHERE status = 'active'`).run();
  }

  /** Students the import did not list become inactive (kept, never deleted). */
  endRoster(): void {
    this.flush();
    this.state.inactivated = this.db.prepare(`UPDATE students SET status = 'inactive', updated_at = ? WHERE status = 'unseen'`).run(this.state.now).changes;
  }

  flush(): void {
    this.rosterStudents?.flush();
    this.fullStudents.flush();
    this.guardians.flush();
    this.state.counts.students = (this.rosterStudents?.written ?? 0) + this.fullStudents.written;
    this.state.counts.guardians = this.guardians.written;
  }

  upsertOrg(id: string, name: string, type: string, identifier: string | null, parentId: string | null): void {
    this.upsertOrgStmt.run(id, name, type, identifier, parentId);
    this.state.orgs.set(id, type);
    this.state.count('orgs');
  }

  rosterStudent(at: RowAt, id: string, localId: string, first: string, middle: string | null, last: string, phone: string | null, email: string | null, grade: string, schoolId: string): void {
    const r = this.row;
    r[0] = id; r[1] = localId; r[2] = first; r[3] = middle; r[4] = last; r[5] = phone; r[6] = email; r[7] = grade; r[8] = schoolId; r[9] = this.state.now;
    const { demographics, details, detailColumns } = this.state.staged;
    let k = 10;
    if (demographics) k = this.stagedInto(r, k, demographics.get(id), 3);
    if (details) this.stagedInto(r, k, details.get(id), detailColumns.length);
    (this.rosterStudents ??= this.rosterStatement()).add(r, at);
  }

  /** Copies a staged row's `width` values into `r` from `k` (nulls when the file has no row for the student); returns the next position. */
  private stagedInto(r: unknown[], k: number, staged: { values: readonly unknown[] } | undefined, width: number): number {
    for (let i = 0; i < width; i++) r[k + i] = staged ? staged.values[i] : null;
    return k + width;
  }

  /**
   * The users.csv upsert. users.csv carries only these columns; the staged demographics and
   * details come as further parameters so each student row is written once. Columns no file of
   * this import carries are left as they were.
   */
  private rosterStatement(): BatchWriter {
    const base = ['id', 'local_id', 'first_name', 'middle_name', 'last_name', 'phone', 'email', 'grade', 'school_id', 'updated_at'];
    const demo = this.state.staged.demographics ? ['birth_date', 'gender', 'race_ethnicity'] : [];
    const details = this.state.staged.details ? this.state.staged.detailColumns : [];
    const staged = [...demo, ...details];
    const width = base.length + staged.length;
    const columns = [...base, 'status', ...staged];
    const values = [...base.map((_, i) => `v.column${i + 1}`), `'active'`, ...staged.map((_, i) => `v.column${base.length + i + 1}`)];
    const set = [...base.slice(1), 'status', ...staged].map((c) => `${c} = excluded.${c}`).join(', ');
    return new BatchWriter(this.db, width, (n) => `INSERT INTO students (${columns.join(', ')})
      SELECT ${values.join(', ')} FROM (VALUES ${placeholders(n, width)}) AS v WHERE true
      ON CONFLICT(id) DO UPDATE SET ${set}`, this.clash);
  }

  fullStudent(at: RowAt, s: StudentRow): void {
    const r = this.row;
    r[0] = s.id; r[1] = s.localId; r[2] = s.stateId; r[3] = s.first; r[4] = s.middle; r[5] = s.last; r[6] = s.birthDate; r[7] = s.gender; r[8] = s.race;
    r[9] = s.homeLanguage; r[10] = s.address; r[11] = s.city; r[12] = s.state; r[13] = s.postalCode; r[14] = s.phone; r[15] = s.email; r[16] = s.grade;
    r[17] = s.schoolId; r[18] = s.homeroom; r[19] = s.entryDate; r[20] = s.graduationYear; r[21] = this.state.now;
    this.fullStudents.add(r, at);
  }

  /** The local student number is unique: a clash is the user's data problem, not a crash. */
  private localIdClash(e: { code?: string }, at: RowAt, column: string, params: unknown[]): boolean {
    if (e.code !== 'SQLITE_CONSTRAINT_UNIQUE') return false;
    const owner = this.localIdOwner.get(params[1]) as string | undefined;
    this.state.issues.add({
      file: at.file, line: at.line, column,
      message: `student ${String(params[0])} has the same local student number as student ${owner ?? 'listed earlier'}; local numbers must be unique. Correct one of them.`,
    });
    return true;
  }

  guardian(at: RowAt, id: string, first: string, last: string, email: string | null, phone: string | null): void {
    const r = this.row;
    r[0] = id; r[1] = first; r[2] = last; r[3] = email; r[4] = phone; r[5] = this.state.now;
    this.guardians.add(r, at);
  }

  /** Records a link to check and write once all users are known. */
  link(at: RowAt, studentId: string, guardianId: string, primary: boolean, relationship: string | null = null): void {
    const l = this.state.links;
    l.student.push(studentId);
    l.guardian.push(guardianId);
    l.primary.push(primary ? 1 : 0);
    l.relationship.push(relationship);
    l.line.push(at.line);
    l.file.push(at.file);
  }

  /**
   * Checks every pending link (both ends must be users of this import) and replaces the links of
   * this import's students. A pair listed from both sides is written once (primary if either side
   * says so). The relationship is the guardian's role unless the export or guardians.csv says more.
   */
  writeLinks(column: string): void {
    const { student, guardian, primary, relationship, line, file } = this.state.links;
    this.db.prepare(`DELETE FROM student_guardians WHERE student_id IN (SELECT id FROM students WHERE status = 'active')`).run();
    const countLinks = this.db.prepare('SELECT count(*) FROM student_guardians').pluck();
    const before = countLinks.get() as number;
    const insert = new BatchWriter(this.db, 4, (n) => `INSERT INTO student_guardians (student_id, guardian_id, relationship, is_primary) VALUES ${placeholders(n, 4)}
      ON CONFLICT(student_id, guardian_id) DO UPDATE SET is_primary = max(student_guardians.is_primary, excluded.is_primary)`, () => false);
    const at: RowAt = { file: '', line: 0 };
    const r: unknown[] = new Array(4);
    for (let i = 0; i < student.length; i++) {
      const s = student[i]!;
      const g = guardian[i]!;
      if (!this.state.students.has(s)) {
        this.state.issues.add({ file: file[i]!, line: line[i]!, column, message: `refers to ${s}, which is not a student in this import. Remove it from the list or add the student to users.csv.` });
        continue;
      }
      const role = this.state.guardians.get(g);
      if (role === undefined) {
        this.state.issues.add({ file: file[i]!, line: line[i]!, column, message: `refers to ${g}, which is not a parent, guardian or relative in this import. Remove it from the list or add the guardian to users.csv.` });
        continue;
      }
      r[0] = s; r[1] = g; r[2] = relationship[i] ?? role; r[3] = primary[i];
      insert.add(r, at);
    }
    insert.flush();
    this.state.count('student_guardians', (countLinks.get() as number) - before);
    student.length = guardian.length = primary.length = relationship.length = line.length = file.length = 0;
  }
}
