import { totalmem } from 'node:os';
import type { ServiceContext } from '../context';
import type { ProgressEvent } from '../../../shared/api/events';
import type { DistrictImportResult } from '../../../shared/api/import-api';
import { StewardError } from '../../../shared/api/result';
import { appendAudit } from '../audit-log';
import { discoverFiles, DEFAULT_MAX_FILE_BYTES, type FileSet } from './file-set';
import { inStoreCopy } from './store-copy';
import type { Database } from '../../db/sql';
import { ImportFailedError, TooManyIssues, type ImportIssue } from './import-issues';
import { ImportState } from './import-state';
import { RosterWriter } from './roster-writer';
import { StopImport } from './table-reader';
import { presets, presetNames, type PresetName } from './presets';
import { supplementaryTables, readSupplementary } from './supplementary-files';
import { programTables, readProgramFiles } from './program-files';
import { recomputeMetrics } from './metrics';
import { stageDetails, checkStaged, applyStagedDetails, dropStaged } from './staged-files';
import { suspendIndexes } from './bulk-indexes';

export interface ImportOptions {
  preset?: PresetName;
  onProgress?: (p: ProgressEvent) => void;
  /** Refuse any single file larger than this (default 1 GiB). */
  maxFileBytes?: number;
  /**
   * The store was created for this import and is deleted if it fails (the demo district), or is
   * the copy a first import is built in (store-copy.ts): pages are then written once, through an
   * in-memory rollback journal, instead of into the WAL and again at the checkpoint. Never set it
   * for a store that holds data: a failed import must leave that store byte for byte as it was,
   * which only the WAL (or the copy) guarantees.
   */
  freshStore?: boolean;
}

/** What an import did: counts only (it goes to the audit log and the screen; no student data). */
export type ImportSummary = DistrictImportResult;

/**
 * Imports a folder of CSV files into the district store, all or nothing: every file is read and
 * checked inside one transaction, and if anything is wrong the transaction is rolled back and
 * every problem found (up to 50) is reported with its file, line and column. Re-importing updates
 * rows in place by sourcedId; students missing from the roster become inactive, never deleted.
 * Afterwards student_metrics is recomputed, and one import_runs row and one audit entry record it.
 * The first import of a store (no students yet) is built in a copy of the store that replaces it
 * on success, and ctx.db is then the store opened again (store-copy.ts).
 */
export async function importDistrict(ctx: ServiceContext, dir: string, opts: ImportOptions = {}): Promise<ImportSummary> {
  return importDistrictSync(ctx, dir, opts);
}

/**
 * Page cache for the bulk load. A large district's tables outgrow SQLite's default 2 MiB at once.
 * In place, every page evicted in the middle of the transaction is written to the WAL and read
 * back (decrypted) later, so the cache is an eighth of the machine's memory, between 128 MiB and
 * 1 GiB. A fresh store or copy writes an evicted page to its place in the file, once, as the
 * commit would have: 256 MiB is enough there (500,000 students: as fast as with 1 GiB, and the
 * import's peak memory 0.5 GB lower).
 */
function importCacheKib(freshStore: boolean): number {
  if (freshStore) return 256 * 1024;
  return Math.round(Math.min(1024 ** 3, Math.max(128 * 1024 ** 2, totalmem() / 8)) / 1024);
}

/** The synchronous core (a better-sqlite3 transaction cannot span awaits). */
export function importDistrictSync(ctx: ServiceContext, dir: string, opts: ImportOptions = {}): ImportSummary {
  const t0 = Date.now();
  if (ctx.mode !== 'district') throw new StewardError('INVALID_STATE', 'SIS data can only be imported into a district store, not a partner workspace.');
  const presetName = opts.preset ?? 'oneroster';
  const preset = presets[presetName];
  if (!preset) throw new StewardError('BAD_INPUT', `Unknown preset '${String(presetName).slice(0, 40)}'. Use one of: ${presetNames.join(', ')}.`);
  const db = ctx.db;
  if (db.inTransaction) throw new Error('importDistrict must not run inside another transaction');

  const preIssues: ImportIssue[] = [];
  const files = discoverFiles(dir, [...preset.tables, ...supplementaryTables, ...programTables], opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, preIssues);
  for (const required of preset.required) {
    if (!files.tables.has(required) && !preIssues.some((i) => i.file.toLowerCase().startsWith(required.replace(/\.csv$/, '').toLowerCase()))) {
      preIssues.push({ file: required, message: `this required file is missing from ${dir}. A ${preset.label} needs ${preset.required.join(' and ')}.` });
    }
  }
  if (preIssues.length) throw new ImportFailedError(preIssues, false);

  const runId = ctx.newId();
  if (!opts.freshStore && holdsNoStudents(db)) {
    const inCopy = inStoreCopy(ctx, runId, (copy) => importFiles({ ...ctx, db: copy }, dir, files, runId, presetName, { ...opts, freshStore: true }));
    if (inCopy) {
      inCopy.result.ms = Date.now() - t0;
      return inCopy.result;
    }
  }
  const summary = importFiles(ctx, dir, files, runId, presetName, opts);
  summary.ms = Date.now() - t0;
  return summary;
}

/** A store without students: its first import builds the store in a copy (store-copy.ts). */
function holdsNoStudents(db: Database): boolean {
  return !db.prepare('SELECT 1 FROM students LIMIT 1').get();
}

/** Reads every file into `ctx.db` in one transaction (the steps are described at importDistrict). */
function importFiles(ctx: ServiceContext, dir: string, files: FileSet, runId: string, presetName: PresetName, opts: ImportOptions): ImportSummary {
  const db = ctx.db;
  const preset = presets[presetName];
  const startedAt = ctx.now().toISOString();
  const emit = (p: ProgressEvent) => {
    ctx.emit('import-progress', p);
    opts.onProgress?.(p);
  };
  const state = new ImportState(db, startedAt, runId, files.totalBytes, emit);
  emit({ taskId: runId, phase: 'start', done: 0, total: files.totalBytes });
  // Every reference is checked in code against the ids of this import, so SQLite's per-row
  // foreign-key lookups are switched off for the bulk load (they cannot change inside a transaction).
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  const tempStore = db.pragma('temp_store', { simple: true }) as number;
  db.pragma('temp_store = MEMORY');
  db.pragma('foreign_keys = OFF');
  db.pragma(`cache_size = -${importCacheKib(opts.freshStore === true)}`);
  if (opts.freshStore) db.pragma('journal_mode = MEMORY');
  try {
    return db.transaction(() => {
      const restoreIndexes = suspendIndexes(db);
      const writer = new RosterWriter(db, state, preset.localIdColumn);
      writer.loadExistingOrgs();
      writer.beginRoster();
      const details = files.tables.get('student_details.csv');
      if (details) stageDetails(state, details);
      preset.readRoster(state, writer, files.tables);
      writer.endRoster();
      checkStaged(state);
      if (presetName !== 'oneroster') applyStagedDetails(state);
      dropStaged(state);
      writer.writeLinks(preset.linkColumn);
      readSupplementary(state, files.tables);
      readProgramFiles(state, files.tables);
      if (state.issues.count > 0) throw new StopImport();
      emit({ taskId: runId, phase: 'indexes', done: files.totalBytes, total: files.totalBytes });
      restoreIndexes();
      emit({ taskId: runId, phase: 'metrics', done: files.totalBytes, total: files.totalBytes });
      recomputeMetrics(db);
      const summary: ImportSummary = {
        runId, preset: presetName, students: state.students.size, inactivated: state.inactivated, guardians: state.guardians.size,
        counts: state.counts, ignoredFiles: files.ignored, ms: 0,
      };
      db.prepare('INSERT INTO import_runs (id, started_at, finished_at, source, preset, counts) VALUES (?, ?, ?, ?, ?, ?)')
        .run(runId, startedAt, ctx.now().toISOString(), dir, presetName, JSON.stringify({ ...state.counts, inactivated: state.inactivated }));
      appendAudit(ctx, {
        action: 'district-import', objectType: 'import_run', objectId: runId,
        summary: { preset: presetName, students: summary.students, inactivated: summary.inactivated, guardians: summary.guardians, counts: state.counts },
      });
      emit({ taskId: runId, phase: 'commit', done: files.totalBytes, total: files.totalBytes });
      return summary;
    })();
  } catch (e) {
    if (e instanceof StopImport || e instanceof TooManyIssues) throw new ImportFailedError(state.issues.list, state.issues.truncated);
    throw e;
  } finally {
    db.pragma('foreign_keys = ON');
    db.pragma(`cache_size = ${cacheSize}`);
    db.pragma(`temp_store = ${tempStore}`);
    if (opts.freshStore) db.pragma('journal_mode = WAL');
    emit({ taskId: runId, phase: 'done', done: files.totalBytes, total: files.totalBytes });
  }
}
