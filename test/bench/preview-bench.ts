import { updateAgreement } from '../../main/services/agreements-service';
import { previewRows, previewSummary } from '../../main/services/preview-service';
import { activeBenchAgreement, benchAgreement, BENCH_AS_OF, BENCH_ROLE } from './lib/bench-agreement';
import { workCopy } from './lib/district-cache';
import { peakRssMB, statOf, timeSync, type Timing } from './lib/measure';
import { benchRow, type BenchRow } from './lib/table';
import type { Step } from './lib/step';

/**
 * Preview latency on a generated district (issue 3's targets): first page of 100 rows (100 ms),
 * a deep page (150 ms), and the full recompute after a grant changes (1 s); plus, reported
 * without a target, the cold first open (facts read from the encrypted store, every student
 * evaluated), a deep page in last-name order, and the step's peak memory.
 * The agreement covers every student of the district (lib/bench-agreement.ts).
 */
export function previewStep(students: number, runs: number): Step['run'] {
  return async (log) => {
    const store = workCopy(students, log);
    try {
      const { ctx } = store;
      const id = activeBenchAgreement(ctx);
      const target = { agreementId: id, version: 1, roleId: BENCH_ROLE, asOf: BENCH_AS_OF };

      const cold = timeSync(() => previewSummary(ctx, target));
      const summary = cold.value;
      log(`  ${summary.included.toLocaleString('en-US')} of ${summary.considered.toLocaleString('en-US')} students included; cold first open ${cold.wallMs.toFixed(0)} ms`);
      const deep = Math.floor(summary.included * 0.8);
      const first: Timing[] = [];
      const deepPage: Timing[] = [];
      for (let r = 0; r < runs; r++) {
        first.push(timeSync(() => previewRows(ctx, { ...target, offset: 0, limit: 100 })));
        deepPage.push(timeSync(() => previewRows(ctx, { ...target, offset: deep + r * 100, limit: 100 })));
      }
      const byName = { column: 'student.lastName', direction: 'asc' } as const;
      previewRows(ctx, { ...target, offset: deep, limit: 100, sort: byName }); // the first sort orders every row once
      const sortedDeep: Timing[] = [];
      for (let r = 0; r < runs; r++) sortedDeep.push(timeSync(() => previewRows(ctx, { ...target, offset: deep - (r + 1) * 100, limit: 100, sort: byName })));

      // A grant change: a new draft version with another field; its preview evaluates every student again.
      const recompute: Timing[] = [];
      let version = 1;
      for (let r = 1; r <= runs; r++) {
        version = updateAgreement(ctx, { agreementId: id, version, content: benchAgreement(ctx, r) }).version;
        const v = version;
        recompute.push(timeSync(() => {
          previewSummary(ctx, { ...target, version: v });
          previewRows(ctx, { ...target, version: v, offset: 0, limit: 100 });
        }));
      }

      const n = students.toLocaleString('en-US');
      const stepId = `preview-${students}`;
      const rows: BenchRow[] = [
        benchRow({ stepId, step: `preview ${n}: first open, cold (report)`, unit: 'ms', steward: statOf([cold]) }),
        benchRow({ stepId, step: `preview ${n}: first page, 100 rows`, unit: 'ms', steward: statOf(first), target: { kind: 'max', value: 100 } }),
        benchRow({ stepId, step: `preview ${n}: deep page at row ${deep.toLocaleString('en-US')}`, unit: 'ms', steward: statOf(deepPage), target: { kind: 'max', value: 150 } }),
        benchRow({ stepId, step: `preview ${n}: deep page, sorted by last name`, unit: 'ms', steward: statOf(sortedDeep), target: { kind: 'max', value: 150 } }),
        benchRow({ stepId, step: `preview ${n}: recompute after a grant change`, unit: 'ms', steward: statOf(recompute), target: { kind: 'max', value: 1000 } }),
        benchRow({ stepId, step: `preview ${n}: peak memory (report)`, unit: 'MB', steward: { median: peakRssMB(), cpuMedian: null, runs: [peakRssMB()] } }),
      ];
      return rows;
    } finally {
      store.close();
    }
  };
}
