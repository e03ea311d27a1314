import { existsSync, mkdirSync, mkdtempSync, openSync, readSync, closeSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir, loadavg } from 'node:os';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { openStore } from '../../main/db/connection';
import { createContext } from '../../main/services/context';
import { importDistrictSync } from '../../main/services/import/import-service';
import { generateDistrict } from '../../fixtures/generator/generate-district';

/**
 * Import throughput (issue 7): Steward's importer (encrypted store, every value and reference
 * checked, keys and indexes maintained, metrics recomputed, one transaction, WAL) against the
 * sqlite3 shell's `.import` of the same CSV files into a plain database (no keys, no indexes, no
 * encryption, no checks). Target: at least 0.5x the shell's rows per second.
 *   npx tsx test/bench/import-bench.ts [--students 16000,500000] [--runs 3]
 * Districts are generated once and cached in .bench-cache/. Results: bench-results/import.json.
 */
export interface ImportMeasure {
  students: number;
  rows: number;
  runs: number;
  steward: { wallMs: number; cpuMs: number; rowsPerSec: number };
  sqlite: { wallMs: number; cpuMs: number | null; rowsPerSec: number } | null;
  ratio: number | null;
  target: 0.5;
  met: boolean | null;
  peakRssMb: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

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

function cachedCsv(students: number, log: (s: string) => void): string {
  const dir = resolve('.bench-cache', `import-district-${students}-csv`);
  if (!existsSync(join(dir, 'users.csv'))) {
    log(`  generating ${students.toLocaleString('en-US')} students ...`);
    rmSync(dir, { recursive: true, force: true });
    const g = generateDistrict({ students, out: dir });
    log(`  generated in ${(g.ms / 1000).toFixed(1)} s`);
  }
  return dir;
}

function stewardRun(csv: string): { wallMs: number; cpuMs: number } {
  const dir = mkdtempSync(join(tmpdir(), 'steward-import-bench-'));
  try {
    const db = openStore({ path: join(dir, 'district.db'), key: randomBytes(32), mode: 'district', create: true });
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    importDistrictSync(createContext({ db, mode: 'district', storePath: join(dir, 'district.db'), actor: 'bench' }), csv);
    const wallMs = performance.now() - t0;
    const c = process.cpuUsage(c0);
    db.close();
    return { wallMs, cpuMs: (c.user + c.system) / 1000 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One `.import --csv` per file, as a user of the sqlite3 shell would load them. CPU via /usr/bin/time when present. */
function sqliteRun(csv: string): { wallMs: number; cpuMs: number | null } | null {
  const dir = mkdtempSync(join(tmpdir(), 'sqlite-import-bench-'));
  try {
    const script = readdirSync(csv).filter((n) => n.endsWith('.csv')).map((f) => `.import --csv ${join(csv, f)} ${f.replace(/\.csv$/, '').replace(/\W/g, '_')}`).join('\n') + '\n';
    const timed = existsSync('/usr/bin/time');
    const t0 = performance.now();
    const r = timed
      ? spawnSync('/usr/bin/time', ['-f', '%U %S', 'sqlite3', join(dir, 'plain.db')], { input: script, encoding: 'utf8' })
      : spawnSync('sqlite3', [join(dir, 'plain.db')], { input: script, encoding: 'utf8' });
    const wallMs = performance.now() - t0;
    if (r.error || r.status !== 0) return null;
    const m = timed ? /(\d+\.\d+) (\d+\.\d+)\s*$/.exec(r.stderr) : null;
    return { wallMs, cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : null };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function benchImport(students: number, runs: number, log: (s: string) => void): ImportMeasure {
  const csv = cachedCsv(students, log);
  const rows = countRows(csv);
  const ours: { wallMs: number; cpuMs: number }[] = [];
  const theirs: { wallMs: number; cpuMs: number | null }[] = [];
  let peak = 0;
  for (let i = 0; i < runs; i++) {
    log(`  run ${i + 1}/${runs}: steward import ...`);
    ours.push(stewardRun(csv));
    peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
    log(`  run ${i + 1}/${runs}: sqlite3 .import ...`);
    const s = sqliteRun(csv);
    if (s) theirs.push(s);
  }
  const wall = median(ours.map((o) => o.wallMs));
  const steward = { wallMs: Math.round(wall), cpuMs: Math.round(median(ours.map((o) => o.cpuMs))), rowsPerSec: Math.round(rows / (wall / 1000)) };
  const sWall = theirs.length ? median(theirs.map((t) => t.wallMs)) : null;
  const sCpu = theirs.every((t) => t.cpuMs !== null) && theirs.length ? median(theirs.map((t) => t.cpuMs!)) : null;
  const sqlite = sWall === null ? null : { wallMs: Math.round(sWall), cpuMs: sCpu === null ? null : Math.round(sCpu), rowsPerSec: Math.round(rows / (sWall / 1000)) };
  const ratio = sqlite ? Math.round((steward.rowsPerSec / sqlite.rowsPerSec) * 100) / 100 : null;
  return { students, rows, runs, steward, sqlite, ratio, target: 0.5, met: ratio === null ? null : ratio >= 0.5, peakRssMb: Math.round(peak / 1e6) };
}

function report(ms: ImportMeasure[]): string {
  const lines = [`Import benchmark (load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})`, '  students      rows   steward rows/s (wall, cpu)        sqlite3 .import rows/s (wall, cpu)   ratio  target'];
  for (const m of ms) {
    const s = m.sqlite ? `${m.sqlite.rowsPerSec.toLocaleString('en-US').padStart(9)} (${m.sqlite.wallMs} ms, ${m.sqlite.cpuMs ?? '?'} ms)` : 'sqlite3 not available';
    lines.push(`  ${m.students.toLocaleString('en-US').padStart(8)} ${m.rows.toLocaleString('en-US').padStart(10)}   ${m.steward.rowsPerSec.toLocaleString('en-US').padStart(9)} (${m.steward.wallMs} ms, ${m.steward.cpuMs} ms)   ${s.padEnd(36)} ${m.ratio ?? '-'}x  0.5x ${m.met === null ? '' : m.met ? 'met' : 'MISSED'}`);
  }
  return lines.join('\n');
}

if (require.main === module) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const sizes = (arg('students') ?? '16000,500000').split(',').map(Number);
  const runsArg = arg('runs');
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const results: ImportMeasure[] = [];
  for (const students of sizes) {
    log(`import benchmark: ${students.toLocaleString('en-US')} students`);
    // The 500,000-student import takes minutes; one run keeps `npm run bench` inside its budget.
    results.push(benchImport(students, runsArg ? Number(runsArg) : students > 100_000 ? 1 : 3, log));
  }
  process.stdout.write(report(results) + '\n');
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(join('bench-results', 'import.json'), JSON.stringify(results, null, 2));
}
