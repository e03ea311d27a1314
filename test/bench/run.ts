import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { steps } from './steps';
import { loadAverage, peakRssMB } from './lib/measure';
import { topSelfTime } from './lib/profile';
import { resultsDir, root } from './lib/paths';
import { cachedStore, storePath } from './lib/district-cache';
import { formatMarkdown, formatText, unmeasuredRow, type BenchRow } from './lib/table';

/**
 * `npm run bench [-- <filter>...] [--cpu-prof]`: the one benchmark (issue 7). Runs each step of
 * steps.ts whose id contains a filter (all without one) in its own process, then prints one table
 * and writes it to bench-results/bench.json (+ bench.md); a filtered run writes
 * bench-results/bench-<filters>.json instead, so the full table stays. `--cpu-prof` writes a V8
 * CPU profile per step into bench-results/profiles/ (open in Chrome DevTools).
 * Internally `run.js --child <id> --out <file>` is one step's process.
 */
interface ChildResult {
  rows: BenchRow[];
  peakMB: number;
}

interface StepRecord {
  id: string;
  title: string;
  seconds: number;
  /** CPU of the step's process and every process it started: about what the step takes on an idle machine. */
  cpuSeconds: number | null;
  exit: number | string;
  peakMB: number | null;
  loadAverageBefore: number[];
  loadAverageAfter: number[];
}

async function child(id: string, out: string): Promise<void> {
  const def = steps.find((s) => s.id === id);
  if (!def) throw new Error(`no step ${id}`);
  const run = await def.load();
  const rows = await run((line) => process.stdout.write(`${line}\n`));
  const result: ChildResult = { rows, peakMB: peakRssMB() };
  writeFileSync(out, JSON.stringify(result));
}

const HAS_TIME = existsSync('/usr/bin/time');

function cpuOfTimeFile(text: string): number | null {
  const user = /User time \(seconds\): ([\d.]+)/.exec(text);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(text);
  return user && sys ? Math.round(Number(user[1]) + Number(sys[1])) : null;
}

/**
 * Runs this script again in a process of its own (a step or a cache build), under GNU time when
 * there: it adds up the CPU of that process and of every process it ran (sqlite3, openssl, Chromium).
 */
function spawnTimed(args: string[], nodeFlags: string[], timeFile: string): Omit<StepRecord, 'id' | 'title' | 'peakMB'> {
  const loadAverageBefore = loadAverage();
  const t0 = performance.now();
  const cmd = [process.execPath, ...process.execArgv, ...nodeFlags, __filename, ...args];
  const r = HAS_TIME ? spawnSync('/usr/bin/time', ['-v', '-o', timeFile, ...cmd], { cwd: root, stdio: 'inherit' }) : spawnSync(cmd[0]!, cmd.slice(1), { cwd: root, stdio: 'inherit' });
  return {
    seconds: Math.round((performance.now() - t0) / 1000),
    cpuSeconds: HAS_TIME && existsSync(timeFile) ? cpuOfTimeFile(readFileSync(timeFile, 'utf8')) : null,
    exit: r.status ?? r.signal ?? 'unknown',
    loadAverageBefore,
    loadAverageAfter: loadAverage(),
  };
}

function git(args: string[]): string {
  const r = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '';
}

function orchestrate(argv: string[]): number {
  const cpuProf = argv.includes('--cpu-prof');
  const filters = argv.filter((a) => !a.startsWith('--'));
  const selected = steps.filter((s) => !filters.length || filters.some((f) => s.id.includes(f)));
  if (!selected.length) {
    process.stderr.write(`No benchmark step matches ${filters.join(', ')}. Steps: ${steps.map((s) => s.id).join(', ')}\n`);
    return 2;
  }
  const started = new Date();
  const t0 = performance.now();
  const machine = { cpus: cpus().length, model: cpus()[0]?.model ?? '?', memoryGB: Math.round(totalmem() / 1e9), node: process.version, platform: `${process.platform} ${process.arch}` };
  const loadBefore = loadAverage();
  process.stdout.write(`Steward benchmark: ${selected.map((s) => s.id).join(', ')}\n${machine.cpus} CPUs (${machine.model}), ${machine.memoryGB} GB, Node ${machine.node}; load average ${loadBefore.join(' ')}\n`);
  const scratch = mkdtempSync(join(tmpdir(), 'steward-bench-'));
  const profiles = join(resultsDir, 'profiles');
  if (cpuProf) mkdirSync(profiles, { recursive: true });
  const rows: BenchRow[] = [];
  const records: StepRecord[] = [];
  try {
    for (const s of selected) {
      for (const students of s.stores ?? []) {
        if (existsSync(storePath(students))) continue;
        process.stdout.write(`\n=== prepare-${students}: generate and import the ${students.toLocaleString('en-US')}-student district (cached for later runs)\n`);
        records.push({ id: `prepare-${students}`, title: `generate and import ${students} students for the cache`, ...spawnTimed(['--prepare-store', String(students)], [], join(scratch, `prepare-${students}.time`)), peakMB: null });
      }
      process.stdout.write(`\n=== ${s.id}: ${s.title} (load average ${loadAverage().join(' ')})\n`);
      const out = join(scratch, `${s.id}.json`);
      const profileName = `${s.id}-${Date.now()}.cpuprofile`;
      const prof = cpuProf ? ['--cpu-prof', '--cpu-prof-dir', profiles, '--cpu-prof-name', profileName] : [];
      const run = spawnTimed(['--child', s.id, '--out', out], prof, join(scratch, `${s.id}.time`));
      let result: ChildResult | null = null;
      try {
        result = run.exit === 0 ? (JSON.parse(readFileSync(out, 'utf8')) as ChildResult) : null;
      } catch {
        result = null;
      }
      rows.push(...(result ? result.rows : [unmeasuredRow(s.id, s.title, 'ms', `step failed (exit ${run.exit}); see its log above`, null, 'failed')]));
      records.push({ id: s.id, title: s.title, ...run, peakMB: result?.peakMB ?? null });
      process.stdout.write(`=== ${s.id}: ${result ? 'done' : `FAILED (exit ${run.exit})`} in ${run.seconds} s (CPU ${run.cpuSeconds ?? '?'} s)${result ? `, peak memory ${result.peakMB} MB` : ''}\n`);
      const profile = join(profiles, profileName);
      if (cpuProf && existsSync(profile)) process.stdout.write(`CPU profile ${relative(root, profile)}, top self time:\n${topSelfTime(profile).join('\n')}\n`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const compileSeconds = Number(process.env.STEWARD_BENCH_COMPILE_SECONDS ?? 0);
  const totalSeconds = Math.round((performance.now() - t0) / 1000) + compileSeconds;
  const loadAfter = loadAverage();
  const command = `npm run bench${filters.length ? ` -- ${filters.join(' ')}` : ''}`;
  const cpuSeconds = records.reduce((a, r) => a + (r.cpuSeconds ?? 0), 0);
  const text = formatText(rows);
  process.stdout.write(`\n${text}\n\n${command}: ${totalSeconds} s in all (CPU ${cpuSeconds} s); load average ${loadBefore.join(' ')} at the start, ${loadAfter.join(' ')} at the end (${machine.cpus} CPUs)\n`);
  mkdirSync(resultsDir, { recursive: true });
  const name = filters.length ? `bench-${filters.join('-').replace(/[^\w-]/g, '_')}` : 'bench';
  const json = {
    command, started: started.toISOString(), totalSeconds, compileSeconds, cpuSeconds, machine,
    git: { commit: git(['rev-parse', '--short', 'HEAD']), uncommittedChanges: git(['status', '--porcelain']).length > 0 },
    loadAverage: { start: loadBefore, end: loadAfter },
    steps: records, rows,
  };
  writeFileSync(join(resultsDir, `${name}.json`), `${JSON.stringify(json, null, 2)}\n`);
  const loads = records.map((r) => r.loadAverageBefore[0]!).concat(loadAfter[0]!);
  const md = `${formatMarkdown(rows)}\n\n\`${command}\`, ${started.toISOString().slice(0, 10)}: ${totalSeconds} s in all (CPU ${cpuSeconds} s) on ${machine.cpus} CPUs (${machine.model}); 1-minute load average ${Math.min(...loads)}–${Math.max(...loads)} during the run.\n`;
  writeFileSync(join(resultsDir, `${name}.md`), md);
  process.stdout.write(`Written: ${relative(root, join(resultsDir, `${name}.json`))} and ${name}.md\n`);
  return records.some((r) => r.exit !== 0) ? 1 : 0;
}

const argv = process.argv.slice(2);
const childAt = argv.indexOf('--child');
const prepareAt = argv.indexOf('--prepare-store');
if (prepareAt >= 0) {
  cachedStore(Number(argv[prepareAt + 1]), (line) => process.stdout.write(`${line}\n`));
} else if (childAt >= 0) {
  child(argv[childAt + 1] ?? '', argv[argv.indexOf('--out') + 1] ?? '').catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
} else {
  process.exitCode = orchestrate(argv);
}
