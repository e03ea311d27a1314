import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPartnerIdentity } from '../../main/crypto/identity';
import { certificateView } from '../../main/services/identity-store';
import { activeBenchAgreement, BENCH_AS_OF, BENCH_ROLE } from './lib/bench-agreement';
import { workCopy } from './lib/district-cache';
import { peakRssMB, statOf, timeAsync, type Timing } from './lib/measure';
import { benchRow, unmeasuredRow, type BenchRow, type Target } from './lib/table';
import type { Step } from './lib/step';

/**
 * Export of one role's package from the 16,000-student demo district, end to end (issue 7,
 * target 3 s): exportPackage from an approved, active agreement covering every student — policy
 * engine, records.csv, dictionary, revocations, notice, CMS sign + encrypt, ZIP, file hash, the
 * package row, FERPA disclosure records and the audit row in one transaction. Each run is a new
 * package (the next sequence number). Setup (identities, certificate, agreement) is not timed.
 */
const TARGET: Target = { kind: 'max', value: 3000 };
const NOW = new Date(`${BENCH_AS_OF}T12:00:00Z`);
type ExportService = typeof import('../../main/services/package-export-service');
type IdentityService = typeof import('../../main/services/identity-service');

export function exportStep(students: number, runs: number): Step['run'] {
  return async (log) => {
    const stepId = 'export';
    const label = `export: one role's package, ${students.toLocaleString('en-US')}-student district, end to end`;
    // The export service is built in parallel with this benchmark: measure it once it is there.
    let services: [ExportService, IdentityService];
    try {
      /* eslint-disable @typescript-eslint/no-require-imports -- loaded at run time so a missing service is a table row, not a crash */
      services = [require('../../main/services/package-export-service') as ExportService, require('../../main/services/identity-service') as IdentityService];
      /* eslint-enable @typescript-eslint/no-require-imports */
    } catch (e) {
      log(`  export service not loadable: ${(e as Error).message.split('\n')[0]}`);
      return [unmeasuredRow(stepId, label, 'ms', 'export service missing (main/services/package-export-service.ts)', TARGET)];
    }
    const [{ exportPackage }, { createIdentity, attachPartnerCertificate }] = services;
    const store = workCopy(students, log, () => NOW);
    const out = mkdtempSync(join(tmpdir(), 'steward-export-bench-'));
    try {
      const { ctx } = store;
      createIdentity(ctx, {});
      const agreementId = activeBenchAgreement(ctx);
      const partnerId = ctx.db.prepare('SELECT partner_id FROM agreements WHERE id = ?').pluck().get(agreementId) as string;
      const partner = createPartnerIdentity({ organization: 'Bench Partner', now: NOW });
      attachPartnerCertificate(ctx, { partnerId, certPem: partner.certPem, fingerprint: certificateView(partner.certPem, NOW).sha256 });
      const timings: Timing[] = [];
      let records = 0;
      let bytes = 0;
      for (let r = 0; r < runs; r++) {
        const t = await timeAsync(() => exportPackage(ctx, { agreementId, version: 1, roleId: BENCH_ROLE, destination: out }));
        records = t.value.recordCount;
        bytes = statSync(t.value.path).size;
        rmSync(t.value.path, { force: true });
        log(`  run ${r + 1}/${runs}: ${records.toLocaleString('en-US')} records, ${(bytes / 1e6).toFixed(1)} MB package in ${t.wallMs.toFixed(0)} ms (CPU ${t.cpuMs?.toFixed(0)} ms)`);
        timings.push(t);
      }
      const row: BenchRow = benchRow({ stepId, step: `${label} (${records.toLocaleString('en-US')} records)`, unit: 'ms', steward: statOf(timings), target: TARGET, note: `package ${(bytes / 1e6).toFixed(1)} MB; peak memory ${peakRssMB()} MB` });
      return [row];
    } finally {
      rmSync(out, { recursive: true, force: true });
      store.close();
    }
  };
}
