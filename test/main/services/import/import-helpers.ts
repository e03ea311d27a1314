import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDistrict } from '../../../../fixtures/generator/generate-district';
import type { ServiceContext } from '../../../../main/services/context';
import type { TempStore } from '../../../helpers/temp-store';

/** A small generated district on disk, plus copies a test may edit. */
export interface DistrictFiles {
  dir: string;
  /** A fresh copy of the district's files to edit; removed with `cleanup()`. */
  copy(): string;
  cleanup(): void;
}

export function generatedDistrict(students = 60, seed = 11): DistrictFiles {
  const root = mkdtempSync(join(tmpdir(), 'steward-import-'));
  const dir = join(root, 'district');
  generateDistrict({ students, seed, out: dir });
  let copies = 0;
  return {
    dir,
    copy() {
      const to = join(root, `copy-${++copies}`);
      cpSync(dir, to, { recursive: true });
      return to;
    },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** The CSV text of a file, split into lines (CRLF as the generator writes). */
export function readLines(dir: string, file: string): string[] {
  return readFileSync(join(dir, file), 'utf8').split('\r\n');
}

export function writeLines(dir: string, file: string, lines: string[]): void {
  writeFileSync(join(dir, file), lines.join('\r\n'));
}

/** Replaces cell `column` (by header name) on 1-based physical line `line` of a simple generated file. */
export function setCell(dir: string, file: string, line: number, column: string, value: string): void {
  const lines = readLines(dir, file);
  const header = lines[0]!.split(',');
  const idx = header.indexOf(column);
  if (idx < 0) throw new Error(`no column ${column} in ${file}`);
  const cells = lines[line - 1]!.split(',');
  if (cells.length !== header.length) throw new Error(`line ${line} of ${file} has quoted commas; pick another line`);
  cells[idx] = value;
  lines[line - 1] = cells.join(',');
  writeLines(dir, file, lines);
}

/** The first 1-based line whose cells split cleanly (no quoted commas), at or after `from`. */
export function plainLine(dir: string, file: string, from = 2): number {
  const lines = readLines(dir, file);
  const width = lines[0]!.split(',').length;
  for (let i = from - 1; i < lines.length; i++) if (lines[i] && !lines[i]!.includes('"') && lines[i]!.split(',').length === width) return i + 1;
  throw new Error(`no plain line in ${file}`);
}

const tables = ['orgs', 'students', 'guardians', 'student_guardians', 'enrollments', 'attendance_periods', 'course_grades', 'discipline_incidents', 'assessments', 'student_indicators', 'student_transport', 'student_activities', 'survey_responses', 'partners', 'programs', 'program_enrollments', 'student_metrics', 'import_runs', 'audit_log'];

/** Row counts of every table the importer writes. */
export function rowCounts(ctx: ServiceContext): Record<string, number> {
  return Object.fromEntries(tables.map((t) => [t, (ctx.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
}

/** SHA-256 of the store file after folding the WAL into it: equal hashes mean an unchanged store. */
export function storeHash(store: TempStore): string {
  store.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  return createHash('sha256').update(readFileSync(store.path)).digest('hex');
}

/** Cells of one CSV line, quotes kept as written (enough to drop or reorder columns in a test). */
export function rawCells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}
