import type { Database } from '../../db/sql';
import type { ProgressEvent } from '../../../shared/api/events';
import { ImportIssues } from './import-issues';
import type { Staged } from './staged-files';

/** Counts of rows loaded, per target table (no student data; goes to the audit log). */
export type ImportCounts = Record<string, number>;

/**
 * What the file loaders share during one import: the ids seen so far (for reference checks and
 * duplicate keys), the issues found, row counts and progress. Lives for one import only.
 */
export class ImportState {
  readonly issues = new ImportIssues();
  /** Students of this import (they are active afterwards). */
  readonly students = new Set<string>();
  /** Guardians of this import, with their OneRoster role (parent | guardian | relative). */
  readonly guardians = new Map<string, string>();
  /** Other users of this import (teachers, administrators, ...), for enrollment references. */
  readonly otherUsers = new Set<string>();
  /** Students the roster marks tobedeleted (or a preset marks not enrolled): skipped, then inactive. */
  readonly departed = new Set<string>();
  /** Org id -> type, for this import and the store (orgs are never deleted). */
  readonly orgs = new Map<string, string>();
  readonly sessions = new Set<string>();
  readonly courses = new Set<string>();
  readonly classes = new Set<string>();
  /** Pending student-guardian links: resolved once every user is known. */
  readonly links = { student: [] as string[], guardian: [] as string[], primary: [] as number[], relationship: [] as (string | null)[], line: [] as number[], file: [] as string[] };
  /** demographics.csv and student_details.csv, staged for the roster insert (staged-files.ts). */
  readonly staged: Staged = { demographics: null, details: null, detailColumns: [] };
  readonly counts: ImportCounts = {};
  inactivated = 0;
  private doneBytes = 0;
  private lastEmit = 0;

  constructor(
    readonly db: Database,
    readonly now: string,
    readonly taskId: string,
    readonly totalBytes: number,
    private readonly emit: (p: ProgressEvent) => void,
  ) {}

  count(table: string, n = 1): void {
    this.counts[table] = (this.counts[table] ?? 0) + n;
  }

  /** Reports progress: bytes of input read so far, over all files. Throttled to ~20 per second. */
  progress(phase: string, bytesInFile: number, force = false): void {
    const now = Date.now();
    if (!force && now - this.lastEmit < 50) return;
    this.lastEmit = now;
    this.emit({ taskId: this.taskId, phase, done: Math.min(this.totalBytes, this.doneBytes + bytesInFile), total: this.totalBytes });
  }

  fileDone(phase: string, size: number): void {
    this.doneBytes += size;
    this.progress(phase, 0, true);
  }
}

/**
 * A copy of an id that does not keep the 4 MiB chunk of file text it was sliced from alive
 * (V8 substrings point into their parent). Used for ids kept for the whole import.
 */
export function detach(s: string): string {
  return (' ' + s).slice(1);
}
