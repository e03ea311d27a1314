import type { Stat } from './measure';
import { grouped, round } from './stats';

/**
 * One line of the benchmark table, and how the table is printed (plain text for the terminal,
 * Markdown for the README). Every step returns rows built with `benchRow`, which works out the
 * ratio to the reference tool and whether the target is met.
 */
export type Unit = 'ms' | 'rows/s' | 'MB/s' | 'MB';

/** `max`: the value must not exceed it; `ratio`: Steward's speed over the reference's must reach it. */
export type Target = { kind: 'max'; value: number; why?: string } | { kind: 'ratio'; value: number; why?: string };

export type Result = 'met' | 'missed' | 'report' | 'not measured' | 'failed';

export interface BenchRow {
  /** The step that produced it (what `npm run bench -- <filter>` matches). */
  stepId: string;
  step: string;
  unit: Unit;
  /** null: not measured (the note says why). */
  steward: Stat | null;
  reference: (Stat & { tool: string }) | null;
  /** Steward's speed over the reference's (above 1: Steward is faster), by wall time and by CPU time. */
  ratio: number | null;
  cpuRatio: number | null;
  target: Target | null;
  result: Result;
  /** Whether the target would be met on CPU time alone (tells load from code on a busy machine). */
  metOnCpu: boolean | null;
  note?: string;
}

const throughput = (u: Unit) => u === 'rows/s' || u === 'MB/s';

export function benchRow(r: { stepId: string; step: string; unit: Unit; steward: Stat | null; reference?: (Stat & { tool: string }) | null; target?: Target | null; note?: string }): BenchRow {
  const reference = r.reference ?? null;
  const target = r.target ?? null;
  const speed = (a: number | null | undefined, b: number | null | undefined) => {
    // Memory is compared against the target, not as a speed.
    if (r.unit === 'MB' || a == null || b == null || a <= 0 || b <= 0) return null;
    return round(throughput(r.unit) ? a / b : b / a, 2);
  };
  const ratio = speed(r.steward?.median, reference?.median);
  const cpuRatio = speed(r.steward?.cpuMedian, reference?.cpuMedian);
  const meets = (value: number | null | undefined, rat: number | null): boolean | null => {
    if (!target) return null;
    if (target.kind === 'ratio') return rat === null ? null : rat >= target.value;
    return value == null ? null : value <= target.value;
  };
  const met = meets(r.steward?.median, ratio);
  const result: Result = !r.steward ? 'not measured' : !target ? 'report' : met === null ? 'not measured' : met ? 'met' : 'missed';
  return {
    stepId: r.stepId, step: r.step, unit: r.unit, steward: r.steward, reference, ratio, cpuRatio, target, result,
    metOnCpu: r.unit === 'MB' ? null : meets(r.steward?.cpuMedian, cpuRatio), ...(r.note ? { note: r.note } : {}),
  };
}

/** A row saying a step could not be measured at all (it failed, or what it measures does not exist yet). */
export function unmeasuredRow(stepId: string, step: string, unit: Unit, why: string, target: Target | null = null, result: Result = 'not measured'): BenchRow {
  return { ...benchRow({ stepId, step, unit, steward: null, target }), result, note: why };
}

function fmt(x: number | null | undefined, unit: Unit): string {
  if (x == null) return '-';
  if (unit === 'ms') return x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : x >= 100 ? `${grouped(x)} ms` : `${x.toFixed(1)} ms`;
  if (unit === 'MB') return `${grouped(x)} MB`;
  if (unit === 'MB/s') return `${x >= 10 ? grouped(x) : x.toFixed(1)} MB/s`;
  return `${grouped(x)} rows/s`;
}

function targetText(t: Target | null, unit: Unit): string {
  if (!t) return '-';
  return t.kind === 'ratio' ? `>= ${t.value}x` : `<= ${fmt(t.value, unit)}`;
}

function resultText(r: BenchRow): string {
  if (r.result === 'missed' && r.metOnCpu) return 'MISSED (met on CPU time)';
  if (r.result === 'missed') return 'MISSED';
  return r.result;
}

const HEAD = ['step', 'Steward (median)', 'Steward on CPU', 'reference (same run)', 'ratio (CPU)', 'target', 'result'];

function cells(r: BenchRow): string[] {
  const cpu = r.unit === 'MB' ? '-' : fmt(r.steward?.cpuMedian, r.unit);
  const ref = r.reference ? `${r.reference.tool}: ${fmt(r.reference.median, r.unit)}` : '-';
  const ratio = r.ratio === null ? '-' : `${r.ratio}x${r.cpuRatio === null ? '' : ` (${r.cpuRatio}x)`}`;
  const steward = r.steward ? fmt(r.steward.median, r.unit) : r.note ? `not measured: ${r.note}` : 'not measured';
  return [r.step, steward, cpu, ref, ratio, targetText(r.target, r.unit), resultText(r)];
}

/** Each measured row's note (what else it saw, why its target is what it is), numbered under the table. */
function notes(rows: readonly BenchRow[]): { marks: string[]; lines: string[] } {
  const lines: string[] = [];
  const marks = rows.map((r) => {
    if (!r.note || !r.steward) return '';
    lines.push(`[${lines.length + 1}] ${r.note}`);
    return ` [${lines.length}]`;
  });
  return { marks, lines };
}

/** The table for the terminal: aligned columns, notes below. */
export function formatText(rows: readonly BenchRow[]): string {
  const { marks, lines } = notes(rows);
  const all = [HEAD, ...rows.map((r, i) => cells(r).map((c, j) => (j === 0 ? c + marks[i]! : c)))];
  const widths = HEAD.map((_, i) => Math.max(...all.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => (i === 0 || i === 3 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(HEAD), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line), ...(lines.length ? ['', ...lines] : [])].join('\n');
}

/** The same table in Markdown (README's Performance section). */
export function formatMarkdown(rows: readonly BenchRow[]): string {
  const { marks, lines } = notes(rows);
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const body = rows.map((r, i) => `| ${cells(r).map((c, j) => esc(j === 0 ? c + marks[i]! : c)).join(' | ')} |`);
  return [`| ${HEAD.join(' | ')} |`, `|${HEAD.map((_, i) => (i === 0 || i === 3 ? '---' : '---:')).join('|')}|`, ...body, ...(lines.length ? ['', ...lines.map((l) => `${esc(l)}  `)] : [])].join('\n');
}
