import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openStore } from '../../main/db/connection';
import { createContext } from '../../main/services/context';
import { importDistrictSync } from '../../main/services/import/import-service';
import { adoptStore, cachedCsv, newStoreBeside, storePath } from './lib/district-cache';
import { measureProcess, peakRssMB, statOf, timeSync, type Timing } from './lib/measure';
import { benchRow, type BenchRow } from './lib/table';
import type { Step } from './lib/step';

/**
 * Import throughput (issue 7): Steward's importer (encrypted store, every value and reference
 * checked, keys and indexes maintained, metrics recomputed, one transaction: the path a district's
 * first import takes, built in a copy of the new store and swapped in; re-imports go through the
 * WAL) against the sqlite3 shell's `.import --csv` of the same files into a
 * plain database (no keys, no indexes, no encryption, no checks). Target: at least 0.5x the
 * shell's rows per second. Runs alternate between the two, so a change in load hits both.
 */

/** Data rows of every CSV (the generator writes no line breaks inside values). */
function countRows(dir: string): number {
  const buf = Buffer.allocUnsafe(1 << 22);
  let rows = 0;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.csv'))) {
    const fd = openSync(join(dir, f), 'r');
    let lines = 0;
    for (let n = readSync(fd, buf, 0, buf.length, null); n > 0; n = readSync(fd, buf, 0, buf.length, null)) {
      for (let i = buf.indexOf(10); i !== -1 && i < n; i = buf.indexOf(10, i + 1)) lines++;
    }
    closeSync(fd);
    rows += Math.max(0, lines - 1);
  }
  return rows;
}

/**
 * One import into a new store. When the cache has no store for this district yet, the import
 * writes beside the cache and hands its store over (the preview and export steps use it).
 */
function stewardRun(students: number, csv: string): Timing {
  const adopt = !existsSync(storePath(students));
  const dir = adopt ? null : mkdtempSync(join(tmpdir(), 'steward-import-bench-'));
  const target = dir ? { path: join(dir, 'district.db'), key: randomBytes(32) } : newStoreBeside(students);
  try {
    const ctx = createContext({ db: openStore({ path: target.path, key: target.key, mode: 'district', create: true }), mode: 'district', storePath: target.path, actor: 'bench' });
    try {
      return timeSync(() => importDistrictSync(ctx, csv));
    } finally {
      // The first import of a store swaps in the copy it built, so the open store is ctx.db.
      ctx.db.close();
    }
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
    else adoptStore(students, target.path, target.key);
  }
}

/** One `.import --csv` per file into a new plain database, as a user of the shell would load them. */
function sqliteRun(csv: string): Timing {
  const dir = mkdtempSync(join(tmpdir(), 'sqlite-import-bench-'));
  try {
    const script = readdirSync(csv).filter((n) => n.endsWith('.csv')).map((f) => `.import --csv ${join(csv, f)} ${f.replace(/\.csv$/, '').replace(/\W/g, '_')}`).join('\n') + '\n';
    return measureProcess('sqlite3', [join(dir, 'plain.db')], { input: script });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const hasSqlite = () => {
  try {
    measureProcess('sqlite3', ['-version']);
    return true;
  } catch {
    return false;
  }
};

export function importStep(students: number, runs: number): Step['run'] {
  return async (log) => {
    const csv = cachedCsv(students, log);
    const rows = countRows(csv);
    const sqlite = hasSqlite();
    const ours: Timing[] = [];
    const theirs: Timing[] = [];
    for (let i = 0; i < runs; i++) {
      log(`  run ${i + 1}/${runs}: steward import of ${rows.toLocaleString('en-US')} rows ...`);
      ours.push(stewardRun(students, csv));
      if (!sqlite) continue;
      log(`  run ${i + 1}/${runs}: sqlite3 .import ...`);
      theirs.push(sqliteRun(csv));
    }
    const row: BenchRow = benchRow({
      stepId: `import-${students}`,
      step: `import: ${students.toLocaleString('en-US')} students, ${rows.toLocaleString('en-US')} CSV rows (${runs} run${runs > 1 ? 's' : ''})`,
      unit: 'rows/s',
      steward: statOf(ours, rows),
      reference: sqlite ? { tool: 'sqlite3 .import', ...statOf(theirs, rows) } : null,
      target: { kind: 'ratio', value: 0.5 },
      note: `peak memory ${peakRssMB()} MB${sqlite ? '' : '; sqlite3 not installed, no reference'}`,
    });
    return [row];
  };
}
