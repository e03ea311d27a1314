import { col, splitList, type CellValue } from './columns';
import { readTable, type RowAt } from './table-reader';
import { detach, type ImportState } from './import-state';
import { normaliseGrade, type RosterWriter } from './roster-writer';
import type { InputFile } from './file-set';
import { BatchWriter, placeholders } from './batch-insert';

/** The OneRoster 1.1 CSV tables Steward reads, in the order they are loaded. */
export const oneRosterTables = ['manifest.csv', 'orgs.csv', 'academicSessions.csv', 'courses.csv', 'classes.csv', 'users.csv', 'demographics.csv', 'enrollments.csv'] as const;

const status = col.enum('status', ['active', 'tobedeleted', 'inactive']);
const str = (v: CellValue | undefined): string | null => (v === null || v === undefined ? null : String(v));
const guardianRoles = new Set(['parent', 'guardian', 'relative']);

/** A reference to something the import does not hold is reported where it is written. */
function unknownRef(state: ImportState, at: RowAt, column: string, what: string, id: string, fix: string): void {
  state.issues.add({ file: at.file, line: at.line, column, message: `refers to ${what} ${id}, which is not in ${fix}. Add it there or correct the id.` });
}

/** Duplicate keys within one table: the second occurrence is an error (the file must be unambiguous). */
function duplicate(state: ImportState, at: RowAt, column: string, id: string): void {
  state.issues.add({ file: at.file, line: at.line, column, message: `${id} appears more than once in this file; each ${column} must be unique. Remove or correct the repeated row.` });
}

export function readManifest(state: ImportState, parts: readonly InputFile[]): void {
  readTable(state, parts, [col.text('propertyName', 'value'), col.text('value', 'column')], ([name, value], at) => {
    const v = String(value ?? '').trim();
    if (name === 'oneroster.version' && v !== '1.1' && v !== '1.0') {
      state.issues.add({ file: at.file, line: at.line, column: 'value', message: `the bundle says OneRoster ${v.slice(0, 10)}; Steward reads OneRoster 1.1 CSV. Export a OneRoster 1.1 bundle.` });
    }
    if (String(name).startsWith('file.') && v.toLowerCase() === 'delta') {
      state.issues.add({ file: at.file, line: at.line, column: 'value', message: `${String(name)} is a delta export; Steward imports bulk (complete) exports only, because it marks students missing from the roster as inactive. Export a bulk bundle.` });
    }
  });
}

export function readOrgs(state: ImportState, writer: RosterWriter, parts: readonly InputFile[]): void {
  const seen = new Set<string>();
  const parents: [string, RowAt][] = [];
  readTable(state, parts, [col.id('sourcedId'), status, col.text('name', 'value'), col.enum('type', ['district', 'school', 'department', 'local', 'state', 'national'], 'value'), col.text('identifier'), col.id('parentSourcedId', 'optional')],
    ([id, st, name, type, identifier, parent], at) => {
      const key = String(id);
      if (seen.has(key)) return duplicate(state, at, 'sourcedId', key);
      seen.add(key);
      if (st === 'tobedeleted' || st === 'inactive') return;
      writer.upsertOrg(key, String(name), String(type), str(identifier), str(parent));
      if (parent) parents.push([String(parent), { ...at }]);
    });
  for (const [parent, at] of parents) if (!state.orgs.has(parent)) unknownRef(state, at, 'parentSourcedId', 'org', parent, 'orgs.csv');
}

export function readSessions(state: ImportState, parts: readonly InputFile[]): void {
  state.db.prepare('DELETE FROM academic_sessions').run();
  const insert = state.db.prepare('INSERT INTO academic_sessions (id, title, type, start_date, end_date, school_year) VALUES (?, ?, ?, ?, ?, ?)');
  const parents: [string, RowAt][] = [];
  readTable(state, parts, [col.id('sourcedId'), status, col.text('title', 'value'), col.enum('type', ['gradingperiod', 'semester', 'schoolyear', 'term'], 'value'), col.date('startDate', 'value'), col.date('endDate', 'value'), col.id('parentSourcedId', 'optional'), col.text('schoolYear', 'value')],
    ([id, st, title, type, start, end, parent, year], at) => {
      const key = String(id);
      if (state.sessions.has(key)) return duplicate(state, at, 'sourcedId', key);
      if (st === 'tobedeleted' || st === 'inactive') return;
      if (String(end) < String(start)) return state.issues.add({ file: at.file, line: at.line, column: 'endDate', message: 'the end date is before the start date.' });
      const canonicalType = { gradingperiod: 'gradingPeriod', schoolyear: 'schoolYear' }[String(type)] ?? String(type);
      insert.run(key, title, canonicalType, start, end, year);
      state.sessions.add(detach(key));
      state.count('academic_sessions');
      if (parent) parents.push([String(parent), { ...at }]);
    });
  for (const [parent, at] of parents) if (!state.sessions.has(parent)) unknownRef(state, at, 'parentSourcedId', 'academic session', parent, 'academicSessions.csv');
}

export function readCourses(state: ImportState, parts: readonly InputFile[]): void {
  state.db.prepare('DELETE FROM courses').run();
  const insert = state.db.prepare('INSERT INTO courses (id, title, course_code, org_id) VALUES (?, ?, ?, ?)');
  readTable(state, parts, [col.id('sourcedId'), status, col.text('title', 'value'), col.text('courseCode'), col.id('orgSourcedId', 'column'), col.id('schoolYearSourcedId', 'optional')],
    ([id, st, title, code, org, year], at) => {
      const key = String(id);
      if (state.courses.has(key)) return duplicate(state, at, 'sourcedId', key);
      if (st === 'tobedeleted' || st === 'inactive') return;
      if (org && !state.orgs.has(String(org))) return unknownRef(state, at, 'orgSourcedId', 'org', String(org), 'orgs.csv');
      if (year && !state.sessions.has(String(year))) return unknownRef(state, at, 'schoolYearSourcedId', 'academic session', String(year), 'academicSessions.csv');
      insert.run(key, title, str(code), str(org));
      state.courses.add(detach(key));
      state.count('courses');
    });
}

export function readClasses(state: ImportState, parts: readonly InputFile[]): void {
  state.db.prepare('DELETE FROM classes').run();
  const insert = state.db.prepare('INSERT INTO classes (id, title, course_id, school_id, term_ids) VALUES (?, ?, ?, ?, ?)');
  readTable(state, parts, [col.id('sourcedId'), status, col.text('title', 'value'), col.id('courseSourcedId'), col.id('schoolSourcedId'), col.text('termSourcedIds', 'value'), col.enum('classType', ['homeroom', 'scheduled'])],
    ([id, st, title, course, school, terms], at) => {
      const key = String(id);
      if (state.classes.has(key)) return duplicate(state, at, 'sourcedId', key);
      if (st === 'tobedeleted' || st === 'inactive') return;
      if (!state.courses.has(String(course))) return unknownRef(state, at, 'courseSourcedId', 'course', String(course), 'courses.csv');
      if (!state.orgs.has(String(school))) return unknownRef(state, at, 'schoolSourcedId', 'org', String(school), 'orgs.csv');
      const termIds = splitList(str(terms));
      const missing = termIds.find((t) => !state.sessions.has(t));
      if (missing) return unknownRef(state, at, 'termSourcedIds', 'academic session', missing, 'academicSessions.csv');
      insert.run(key, title, course, school, termIds.join(','));
      state.classes.add(detach(key));
      state.count('classes');
    });
}

const userSpecs = [
  col.id('sourcedId'), status, col.enum('role', ['administrator', 'aide', 'guardian', 'parent', 'proctor', 'relative', 'student', 'teacher'], 'value'),
  col.text('orgSourcedIds', 'column'), col.text('givenName', 'value'), col.text('familyName', 'value'), col.text('middleName'),
  col.text('identifier', 'column'), col.text('email'), col.text('sms'), col.text('phone'), col.text('agentSourcedIds'), col.text('grades', 'column'),
];

/**
 * users.csv: students (role student) and their parents, guardians and relatives, linked through
 * agentSourcedIds from either side. Other roles are only remembered for enrollment references.
 */
export function readUsers(state: ImportState, writer: RosterWriter, parts: readonly InputFile[]): void {
  readTable(state, parts, userSpecs, ([id, st, role, orgIds, given, family, middle, identifier, email, sms, phone, agents, grades], at) => {
    const key = String(id);
    if (state.students.has(key) || state.guardians.has(key) || state.otherUsers.has(key) || state.departed.has(key)) return duplicate(state, at, 'sourcedId', key);
    if (st === 'tobedeleted' || st === 'inactive') {
      if (role === 'student') state.departed.add(detach(key));
      else state.otherUsers.add(detach(key));
      return;
    }
    if (role === 'student') {
      const localId = str(identifier)?.trim();
      if (!localId) return state.issues.add({ file: at.file, line: at.line, column: 'identifier', message: `student ${key} has no identifier; students need their local student number here.` });
      const gradeRaw = splitList(str(grades))[0];
      if (!gradeRaw) return state.issues.add({ file: at.file, line: at.line, column: 'grades', message: `student ${key} has no grade; give the OneRoster grade code (KG, 01 ... 12).` });
      const grade = normaliseGrade(gradeRaw);
      if (!grade) return state.issues.add({ file: at.file, line: at.line, column: 'grades', message: 'the first grade is not a OneRoster grade code (IT, PR, PK, TK, KG, 01 ... 13, PS, UG, Other).' });
      const orgs = splitList(str(orgIds));
      const unknown = orgs.find((o) => !state.orgs.has(o));
      if (unknown) return unknownRef(state, at, 'orgSourcedIds', 'org', unknown, 'orgs.csv');
      const school = orgs.find((o) => state.orgs.get(o) === 'school');
      if (!school) return state.issues.add({ file: at.file, line: at.line, column: 'orgSourcedIds', message: `student ${key} is not placed in any org of type school; list the student's school first.` });
      writer.rosterStudent(at, key, localId, String(given), str(middle), String(family), str(phone) ?? str(sms), str(email), grade, school);
      const sid = detach(key);
      state.students.add(sid);
      splitList(str(agents)).forEach((g, i) => writer.link(at, sid, detach(g), i === 0));
    } else if (guardianRoles.has(String(role))) {
      writer.guardian(at, key, String(given), String(family), str(email), str(phone) ?? str(sms));
      const gid = detach(key);
      state.guardians.set(gid, String(role));
      for (const s of splitList(str(agents))) writer.link(at, detach(s), gid, false);
    } else {
      state.otherUsers.add(detach(key));
    }
  });
  writer.flush();
}

/** enrollments.csv replaces the class enrollments (a roster snapshot; nothing else refers to them). */
export function readEnrollments(state: ImportState, parts: readonly InputFile[]): void {
  state.db.prepare('DELETE FROM enrollments').run();
  const insert = new BatchWriter(state.db, 7, (n) => `INSERT INTO enrollments (id, class_id, school_id, user_id, role, begin_date, end_date) VALUES ${placeholders(n, 7)}`, (e, at, p) => {
    if (e.code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') return false;
    duplicate(state, at, 'sourcedId', String(p[0]));
    return true;
  });
  const params: unknown[] = new Array(7);
  readTable(state, parts, [col.id('sourcedId'), status, col.id('classSourcedId'), col.id('schoolSourcedId'), col.id('userSourcedId'), col.enum('role', ['administrator', 'aide', 'proctor', 'student', 'teacher'], 'value'), col.date('beginDate'), col.date('endDate')],
    ([id, st, cls, school, user, role, begin, end], at) => {
      if (st === 'tobedeleted' || st === 'inactive') return;
      const u = String(user);
      if (!state.classes.has(String(cls))) return unknownRef(state, at, 'classSourcedId', 'class', String(cls), 'classes.csv');
      if (!state.orgs.has(String(school))) return unknownRef(state, at, 'schoolSourcedId', 'org', String(school), 'orgs.csv');
      if (!state.students.has(u) && !state.otherUsers.has(u) && !state.guardians.has(u)) {
        if (state.departed.has(u)) return;
        return unknownRef(state, at, 'userSourcedId', 'user', u, 'users.csv');
      }
      if (begin && end && String(end) < String(begin)) return state.issues.add({ file: at.file, line: at.line, column: 'endDate', message: 'the end date is before the begin date.' });
      params[0] = id; params[1] = cls; params[2] = school; params[3] = u; params[4] = role; params[5] = begin; params[6] = end;
      insert.add(params, at);
    });
  insert.flush();
  state.count('enrollments', insert.written);
}
