import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { randomBytes } from 'node:crypto';
import { openStore } from '../../main/db/connection';
import { createContext, type ServiceContext } from '../../main/services/context';
import { createAgreement, updateAgreement } from '../../main/services/agreements-service';
import { activateAgreement, approveAgreement, submitAgreement } from '../../main/services/agreement-review';
import { previewRecords, previewRows, previewSummary } from '../../main/services/preview-service';
import type { AgreementContent } from '../../shared/agreement/types';
import { generateDistrict } from '../../fixtures/generator/generate-district';
import { importDistrictSync } from '../../main/services/import/import-service';

/**
 * Preview latency on a generated district (issue 3's targets): first page of 100 rows (100 ms),
 * a deep page (150 ms), and the full recompute after a grant changes (1 s), plus the cold first
 * open (facts loaded from the encrypted store) and a full records.csv stream for reference.
 *
 * The agreement is the worst case: an audit/evaluation covering every school, so every student of
 * the district is a candidate, with a restricted field (consent-dependent cells) and a pseudonym.
 * Callable (`benchPreview(ctx)`, e.g. from `npm run bench`) or from the command line:
 *   npx tsx test/bench/preview-bench.ts --students 500000 [--runs 5] [--skip-export]
 * which generates the district with fixtures/generator and imports it once, cached in .bench-cache/.
 */
export interface Measure { name: string; target: number | null; runsMs: number[]; medianMs: number; medianCpuMs: number; met: boolean | null }
export interface PreviewBenchResult { students: number; candidates: number; included: number; measures: Measure[]; peakRssMb: number; loadAverage: number[] }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** CPU milliseconds of this process for each timed call, beside the wall time (on a busy machine the two differ). */
const cpuLog: number[] = [];
function time(fn: () => unknown): number {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  cpuLog.push((c.user + c.system) / 1000);
  return wall;
}

function benchAgreement(ctx: ServiceContext, extraField: number): AgreementContent {
  const schools = ctx.db.prepare(`SELECT id FROM orgs WHERE type = 'school' ORDER BY id`).pluck().all() as string[];
  const partnerId = (ctx.db.prepare('SELECT id FROM partners ORDER BY id LIMIT 1').pluck().get() as string | undefined) ?? 'missing';
  const optional = ['assessment.readingLevel', 'assessment.mathLevel', 'transcript.gpa', 'student.homeLanguage'];
  return {
    title: 'Benchmark: district-wide attendance evaluation', partnerId, legalBasis: 'audit-evaluation',
    purpose: 'Evaluate the state attendance initiative across every school of the district.', purposeCode: 'bench-evaluation',
    basisElements: {
      representativeDesignation: 'The partner is designated as the district\'s authorized representative.', programEvaluated: 'State attendance initiative',
      programSupport: 'state', notOwnProgram: true, activityDescription: 'Compare attendance before and after the initiative, by school and grade.',
      destruction: true, protectionPolicies: 'Encrypted storage, two named analysts, aggregates only leave.', complianceCheckMethod: 'Quarterly access-log review and a destruction certificate.',
    },
    effective: '2026-08-01', expires: '2027-07-31', destroyBy: '2027-09-30',
    scope: { programIds: [], schoolIds: schools, grades: [] },
    roles: [{ id: 'evaluator', label: 'Evaluator', legitimateInterest: 'Measures attendance change.', fields: [
      { field: 'student.localId', transform: 'pseudonym' }, { field: 'student.lastName', transform: 'asIs' }, { field: 'student.school', transform: 'asIs' },
      { field: 'student.grade', transform: 'asIs' }, { field: 'student.birthDate', transform: 'age' }, { field: 'attendance.rate', transform: 'chronicFlag' },
      { field: 'attendance.daysAbsent', transform: 'asIs' }, { field: 'indicator.iep', transform: 'asIs' },
      { field: optional[extraField % optional.length]!, transform: 'asIs' },
    ] }],
  };
}

/** Runs the measurements on an open district store (it adds one agreement with a few versions). */
export function benchPreview(ctx: ServiceContext, opts: { runs?: number; asOf?: string; log?: (s: string) => void; skipExport?: boolean } = {}): PreviewBenchResult {
  const runs = opts.runs ?? 5;
  const asOf = opts.asOf ?? '2026-11-20';
  const log = opts.log ?? (() => undefined);
  let peak = 0;
  const sample = () => { peak = Math.max(peak, process.memoryUsage().rss); };
  const created = createAgreement(ctx, { content: benchAgreement(ctx, 0) });
  const id = created.agreementId;
  submitAgreement(ctx, { agreementId: id, version: 1 });
  approveAgreement(ctx, { agreementId: id, version: 1, contentHash: created.contentHash, reviewerName: 'Bench Reviewer' });
  activateAgreement(ctx, { agreementId: id, version: 1 });
  const target = { agreementId: id, version: 1, roleId: 'evaluator', asOf };

  const cpuOf = new Map<number[], number[]>();
  const timed = (into: number[], fn: () => unknown) => { into.push(time(fn)); if (!cpuOf.has(into)) cpuOf.set(into, []); cpuOf.get(into)!.push(cpuLog[cpuLog.length - 1]!); };
  const coldRuns: number[] = [];
  timed(coldRuns, () => previewSummary(ctx, target));
  const cold = coldRuns[0]!;
  sample();
  const summary = previewSummary(ctx, target);
  log(`  ${summary.included.toLocaleString('en-US')} of ${summary.considered.toLocaleString('en-US')} candidates included; cold first open ${cold.toFixed(0)} ms`);
  const firstPage: number[] = [];
  const deepPage: number[] = [];
  const sortedDeep: number[] = [];
  const deep = Math.max(0, Math.floor(summary.included * 0.8));
  for (let r = 0; r < runs; r++) {
    timed(firstPage, () => previewRows(ctx, { ...target, offset: 0, limit: 100 }));
    timed(deepPage, () => previewRows(ctx, { ...target, offset: deep + r * 100, limit: 100 }));
    sample();
  }
  const sortFirst: number[] = [];
  timed(sortFirst, () => previewRows(ctx, { ...target, offset: deep, limit: 100, sort: { column: 'student.lastName', direction: 'asc' } }));
  for (let r = 0; r < runs; r++) timed(sortedDeep, () => previewRows(ctx, { ...target, offset: deep - r * 100, limit: 100, sort: { column: 'student.lastName', direction: 'asc' } }));
  sample();

  // A grant change: a new draft version with another field; the preview of it recomputes every student.
  const recompute: number[] = [];
  let version = 1;
  for (let r = 1; r <= runs; r++) {
    const edit = updateAgreement(ctx, { agreementId: id, version, content: benchAgreement(ctx, r) });
    version = edit.version;
    timed(recompute, () => { previewSummary(ctx, { ...target, version }); previewRows(ctx, { ...target, version, offset: 0, limit: 100 }); });
    sample();
  }
  let bytes = 0;
  const exportRuns: number[] = [];
  if (!opts.skipExport) {
    timed(exportRuns, () => { for (const chunk of previewRecords(ctx, { ...target, purpose: 'disclose' })) bytes += chunk.length; });
    sample();
    log(`  records.csv stream: ${(bytes / 1e6).toFixed(1)} MB`);
  }

  const m = (name: string, runsMs: number[], targetMs: number | null): Measure => {
    const med = median(runsMs);
    return { name, target: targetMs, runsMs: runsMs.map((x) => Math.round(x * 10) / 10), medianMs: Math.round(med * 10) / 10, medianCpuMs: Math.round(median(cpuOf.get(runsMs) ?? [0]) * 10) / 10, met: targetMs === null ? null : med <= targetMs };
  };
  return {
    students: ctx.db.prepare('SELECT count(*) FROM students').pluck().get() as number,
    candidates: summary.considered,
    included: summary.included,
    measures: [
      m('preview first open, cold (facts from the store + evaluate all)', coldRuns, null),
      m('preview first page, 100 rows', firstPage, 100),
      m(`preview deep page, 100 rows at ${deep.toLocaleString('en-US')}`, deepPage, 150),
      m('preview sorted by last name, first sort (one column scan)', sortFirst, null),
      m('preview sorted deep page, 100 rows', sortedDeep, 150),
      m('full recompute after a grant change (+ first page)', recompute, 1000),
      ...(exportRuns.length ? [m('records.csv stream, every included row', exportRuns, null)] : []),
    ],
    peakRssMb: Math.round(peak / 1e6),
    loadAverage: loadavg().map((x) => Math.round(x * 10) / 10),
  };
}

/** A generated district of `students` in an encrypted store, built once and cached in .bench-cache/. */
export function cachedDistrict(students: number, log: (s: string) => void): { ctx: ServiceContext; close(): void } {
  const dir = resolve('.bench-cache');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `preview-district-${students}.db`);
  const keyPath = `${path}.key`;
  if (!existsSync(path) || !existsSync(keyPath)) {
    const csv = join(dir, `preview-district-${students}-csv`);
    log(`  generating ${students.toLocaleString('en-US')} students ...`);
    generateDistrict({ students, out: csv });
    const tmp = `${path}.building`;
    rmSync(tmp, { force: true });
    const key = randomBytes(32);
    const db = openStore({ path: tmp, key, mode: 'district', create: true });
    log('  importing ...');
    importDistrictSync(createContext({ db, mode: 'district', storePath: tmp, actor: 'bench' }), csv);
    db.close();
    rmSync(csv, { recursive: true, force: true });
    renameSync(tmp, path);
    writeFileSync(keyPath, key.toString('hex'));
  }
  // Work on a copy so the cached store stays unchanged by the benchmark's agreements.
  const work = `${path}.run`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${work}${suffix}`, { force: true });
  writeFileSync(work, readFileSync(path));
  const db = openStore({ path: work, key: Buffer.from(readFileSync(keyPath, 'utf8'), 'hex'), mode: 'district' });
  return { ctx: createContext({ db, mode: 'district', storePath: work, actor: 'bench' }), close: () => db.close() };
}

function report(r: PreviewBenchResult): string {
  const lines = [`Preview benchmark: ${r.students.toLocaleString('en-US')} students, ${r.candidates.toLocaleString('en-US')} candidates, ${r.included.toLocaleString('en-US')} included; peak RSS ${r.peakRssMb} MB; load average ${r.loadAverage.join(' ')}`,
    `  ${'step (median)'.padEnd(66)} ${'wall'.padStart(9)}    ${'cpu'.padStart(9)}`];
  for (const x of r.measures) lines.push(`  ${x.name.padEnd(66)} ${String(x.medianMs).padStart(9)} ms ${String(x.medianCpuMs).padStart(9)} ms  ${x.target === null ? '' : `target ${x.target} ms ${x.met ? 'met' : 'MISSED'}`}`);
  return lines.join('\n');
}

if (require.main === module) {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const students = arg('students', 16000);
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const { ctx, close } = cachedDistrict(students, log);
  try {
    const result = benchPreview(ctx, { runs: arg('runs', 5), log, skipExport: process.argv.includes('--skip-export') });
    process.stdout.write(report(result) + '\n');
    mkdirSync('bench-results', { recursive: true });
    writeFileSync(join('bench-results', `preview-${students}.json`), JSON.stringify(result, null, 2));
  } finally {
    close();
  }
}
