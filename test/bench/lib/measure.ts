import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { median, round } from './stats';

/**
 * Timing primitives shared by every step. Wall time is what a user waits; CPU time (user +
 * system) is recorded beside it because on a shared, busy machine the two differ a lot, and CPU
 * time says what the code itself costs.
 */
export interface Timing {
  wallMs: number;
  /** User + system CPU; null when the tool cannot tell (no /usr/bin/time). */
  cpuMs: number | null;
}

/** Times one synchronous call in this process. */
export function timeSync<T>(fn: () => T): Timing & { value: T } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wallMs, cpuMs: (c.user + c.system) / 1000, value };
}

/** Times one asynchronous call in this process (CPU of everything the process did meanwhile). */
export async function timeAsync<T>(fn: () => Promise<T>): Promise<Timing & { value: T }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wallMs, cpuMs: (c.user + c.system) / 1000, value };
}

export interface ProcessTiming extends Timing {
  /** Largest resident set of the command (for a shell script: of its largest process), MB. */
  peakMB: number | null;
  stdout: string;
  stderr: string;
}

const HAS_TIME = existsSync('/usr/bin/time');

/**
 * Runs a command to completion under GNU time (`/usr/bin/time -v`) for its CPU time and peak
 * memory. Throws with the command's error output when it fails.
 */
export function measureProcess(cmd: string, args: string[], opts: SpawnSyncOptions & { input?: string } = {}): ProcessTiming {
  const t0 = performance.now();
  const r = spawnSync(HAS_TIME ? '/usr/bin/time' : cmd, HAS_TIME ? ['-v', cmd, ...args] : args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts });
  const wallMs = performance.now() - t0;
  const stdout = String(r.stdout ?? '');
  const stderr = String(r.stderr ?? '');
  if (r.error || r.status !== 0) throw new Error(`${cmd} ${args.join(' ').slice(0, 200)} failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`}): ${stderr.slice(-2000)}`);
  const field = (name: string) => {
    const m = new RegExp(`${name}: ([\\d.]+)`).exec(stderr);
    return m ? Number(m[1]) : null;
  };
  const user = field('User time \\(seconds\\)');
  const sys = field('System time \\(seconds\\)');
  const rssKb = field('Maximum resident set size \\(kbytes\\)');
  return { wallMs, cpuMs: user === null || sys === null ? null : (user + sys) * 1000, peakMB: rssKb === null ? null : rssKb / 1024, stdout, stderr };
}

/** Peak resident memory of this process so far, MB. */
export const peakRssMB = (): number => round(process.resourceUsage().maxRSS / 1024, 0);

/** The 1, 5 and 15 minute load averages, for the record beside every number. */
export const loadAverage = (): number[] => loadavg().map((x) => round(x, 1));

/**
 * A measured quantity over several runs, in the row's unit: `median` from wall time,
 * `cpuMedian` the same quantity computed from CPU time (e.g. rows per CPU second).
 */
export interface Stat {
  median: number;
  cpuMedian: number | null;
  /** Every run's value (wall), in run order. */
  runs: number[];
}

/**
 * Turns timings into a Stat. `amount` given: a throughput (amount per second, e.g. rows/s or
 * MB/s); omitted: a duration in milliseconds.
 */
export function statOf(timings: readonly Timing[], amount?: number): Stat {
  const value = (ms: number) => (amount === undefined ? ms : amount / (ms / 1000));
  const cpu = timings.every((t) => t.cpuMs !== null && t.cpuMs > 0) ? timings.map((t) => value(t.cpuMs!)) : null;
  return { median: round(median(timings.map((t) => value(t.wallMs)))), cpuMedian: cpu ? round(median(cpu)) : null, runs: timings.map((t) => round(value(t.wallMs))) };
}

/** Runs `fn` `runs` times (sequentially) and collects the timings. */
export async function repeat(runs: number, fn: (run: number) => Promise<Timing> | Timing): Promise<Timing[]> {
  const out: Timing[] = [];
  for (let i = 0; i < runs; i++) out.push(await fn(i));
  return out;
}

/**
 * CPU milliseconds used so far by this process and every live process below it (Linux /proc;
 * null elsewhere). For work spread over other processes, such as Chromium's: the difference
 * over a run is what the run cost in CPU, whatever the machine's load.
 */
export function treeCpuMs(rootPid = process.pid): number | null {
  const tick = 10; // ms per clock tick: USER_HZ is 100 on Linux
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((n) => /^\d+$/.test(n));
  } catch {
    return null;
  }
  const stats = new Map<number, { ppid: number; cpu: number }>();
  for (const pid of entries) {
    try {
      const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name (in parentheses, which may hold spaces): state ppid ... utime(14) stime(15).
      const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(pid), { ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12])) * tick });
    } catch {
      // the process ended meanwhile
    }
  }
  const children = new Map<number, number[]>();
  for (const [pid, s] of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  let total = 0;
  const walk = (pid: number) => {
    total += stats.get(pid)?.cpu ?? 0;
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(rootPid);
  return total;
}
