import type { ServiceContext } from './context';
import { appendAudit } from './audit-log';
import { getPartner } from './partners-service';
import { parseCsvText, CsvTextError } from './csv-text';
import { ImportFailedError, type ImportIssue } from './import/import-issues';
import { inTransaction } from '../db/sql';
import { StewardError } from '../../shared/api/result';
import { isIsoDate, toIsoDate } from '../../shared/util/dates';
import { ProgramInput, type EnrolmentImportResult, type Program, type ProgramEnrolmentRow } from '../../shared/api/programs-api';

const programSelect = `SELECT g.id, g.partner_id AS partnerId, p.name AS partnerName, g.name, g.school_id AS schoolId, o.name AS schoolName, g.created_at AS createdAt,
  (SELECT count(*) FROM program_enrollments e WHERE e.program_id = g.id AND e.begin_date <= @asOf AND (e.end_date IS NULL OR e.end_date >= @asOf)) AS enrolledCount
  FROM programs g JOIN partners p ON p.id = g.partner_id LEFT JOIN orgs o ON o.id = g.school_id`;

/** Programs (optionally of one partner) with the number of students enrolled today. */
export function listPrograms(ctx: ServiceContext, q: { partnerId?: string | undefined } = {}): Program[] {
  const asOf = toIsoDate(ctx.now());
  if (q.partnerId) return ctx.db.prepare(`${programSelect} WHERE g.partner_id = @partnerId ORDER BY g.name`).all({ asOf, partnerId: q.partnerId }) as Program[];
  return ctx.db.prepare(`${programSelect} ORDER BY p.name, g.name`).all({ asOf }) as Program[];
}

export function getProgram(ctx: ServiceContext, programId: string): Program {
  const row = ctx.db.prepare(`${programSelect} WHERE g.id = @programId`).get({ asOf: toIsoDate(ctx.now()), programId }) as Program | undefined;
  if (!row) throw new StewardError('NOT_FOUND', `No program with id '${programId}'. List programs with 'steward program list'.`, { field: 'programId' });
  return row;
}

/** Creates a program of a partner (at a school, or district-wide). Audited. */
export function createProgram(ctx: ServiceContext, input: ProgramInput): Program {
  const p = ProgramInput.parse(input);
  return inTransaction(ctx.db, () => {
    getPartner(ctx, p.partnerId);
    if (p.schoolId && !ctx.db.prepare(`SELECT 1 FROM orgs WHERE id = ? AND type = 'school'`).get(p.schoolId)) {
      throw new StewardError('NOT_FOUND', `No school with id '${p.schoolId}'.`, { field: 'schoolId' });
    }
    if (ctx.db.prepare('SELECT 1 FROM programs WHERE partner_id = ? AND name = ?').get(p.partnerId, p.name)) {
      throw new StewardError('CONFLICT', `This partner already has a program named '${p.name}'.`, { field: 'name' });
    }
    const id = ctx.newId();
    ctx.db.prepare('INSERT INTO programs (id, partner_id, name, school_id, created_at) VALUES (?, ?, ?, ?, ?)').run(id, p.partnerId, p.name, p.schoolId, ctx.now().toISOString());
    appendAudit(ctx, { action: 'program.create', objectType: 'program', objectId: id, summary: { partnerId: p.partnerId, name: p.name, schoolId: p.schoolId } });
    return getProgram(ctx, id);
  });
}

export function listEnrolments(ctx: ServiceContext, q: { programId: string; offset: number; limit: number }): { rows: ProgramEnrolmentRow[]; total: number } {
  getProgram(ctx, q.programId);
  const rows = ctx.db.prepare(`SELECT s.id AS studentId, s.local_id AS localId, s.first_name AS firstName, s.last_name AS lastName, s.grade,
      e.begin_date AS beginDate, e.end_date AS endDate
    FROM program_enrollments e JOIN students s ON s.id = e.student_id WHERE e.program_id = ? ORDER BY s.last_name COLLATE NOCASE, s.first_name COLLATE NOCASE, s.local_id
    LIMIT ? OFFSET ?`).all(q.programId, q.limit, q.offset) as ProgramEnrolmentRow[];
  const { total } = ctx.db.prepare('SELECT count(*) AS total FROM program_enrollments WHERE program_id = ?').get(q.programId) as { total: number };
  return { rows, total };
}

const enrolColumns = ['programId', 'studentSourcedId', 'beginDate', 'endDate'] as const;

/**
 * Imports program enrolments from CSV (header programId,studentSourcedId,beginDate,endDate; endDate
 * may be empty). All or nothing: every problem is reported by line and column and nothing is
 * stored unless the whole file is valid. A re-import updates the dates of existing enrolments.
 * Messages name ids and columns, never a student's data.
 */
export function importEnrolments(ctx: ServiceContext, input: { fileName: string; csv: string }): EnrolmentImportResult {
  const file = input.fileName;
  const issues: ImportIssue[] = [];
  const fail = (): never => { throw new ImportFailedError(issues.slice(0, 50), issues.length > 50); };
  let records;
  try {
    records = parseCsvText(input.csv);
  } catch (e) {
    if (e instanceof CsvTextError) { issues.push({ file, line: e.line, message: e.message }); fail(); }
    throw e;
  }
  const header = records[0];
  if (!header) { issues.push({ file, message: `The file is empty: the first line must be the header ${enrolColumns.join(',')}.` }); fail(); }
  const pos = enrolColumns.map((c) => header!.fields.findIndex((h) => h.trim().toLowerCase() === c.toLowerCase()));
  enrolColumns.forEach((c, i) => { if (pos[i]! < 0) issues.push({ file, line: 1, column: c, message: `Missing column '${c}'. The header must be ${enrolColumns.join(',')}.` }); });
  if (issues.length) fail();
  const programs = new Set(ctx.db.prepare('SELECT id FROM programs').pluck().all() as string[]);
  const studentExists = ctx.db.prepare('SELECT 1 FROM students WHERE id = ?').pluck();
  const seen = new Map<string, number>();
  const rows: [string, string, string, string | null][] = [];
  for (const r of records.slice(1)) {
    const get = (i: number) => (r.fields[pos[i]!] ?? '').trim();
    const [programId, studentId, begin, end] = [get(0), get(1), get(2), get(3)];
    const issue = (column: string, message: string) => issues.push({ file, line: r.line, column, message });
    if (!programId) issue('programId', 'Empty: give the program id.');
    else if (!programs.has(programId)) issue('programId', `Unknown program '${programId}'. Create it first ('steward program add').`);
    if (!studentId) issue('studentSourcedId', 'Empty: give the student sourcedId.');
    else if (!studentExists.get(studentId)) issue('studentSourcedId', `Unknown student '${studentId}'. Import the SIS data first.`);
    if (!isIsoDate(begin)) issue('beginDate', 'Not a date: write it yyyy-mm-dd.');
    if (end && !isIsoDate(end)) issue('endDate', 'Not a date: write it yyyy-mm-dd, or leave it empty while enrolled.');
    else if (end && isIsoDate(begin) && end < begin) issue('endDate', 'Ends before it begins.');
    const key = `${programId}\u0000${studentId}`;
    const dup = seen.get(key);
    if (dup !== undefined) issue('studentSourcedId', `Duplicate enrolment: line ${dup} already enrols student '${studentId}' in '${programId}'.`);
    seen.set(key, r.line);
    rows.push([programId, studentId, begin, end || null]);
    if (issues.length > 50) break;
  }
  if (issues.length) fail();
  return inTransaction(ctx.db, () => {
    const upsert = ctx.db.prepare(`INSERT INTO program_enrollments (program_id, student_id, begin_date, end_date) VALUES (?, ?, ?, ?)
      ON CONFLICT (program_id, student_id) DO UPDATE SET begin_date = excluded.begin_date, end_date = excluded.end_date`);
    const perProgram = new Map<string, number>();
    for (const row of rows) {
      upsert.run(...row);
      perProgram.set(row[0], (perProgram.get(row[0]) ?? 0) + 1);
    }
    const result = { rows: rows.length, perProgram: [...perProgram].map(([programId, n]) => ({ programId, rows: n })).sort((a, b) => (a.programId < b.programId ? -1 : 1)) };
    appendAudit(ctx, { action: 'program.enrol-import', objectType: 'program_enrollments', objectId: null, summary: { file, ...result } });
    return result;
  });
}
