import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openStore } from '../../main/db/connection';
import { createContext } from '../../main/services/context';
import { GENESIS_HASH, auditRowHash, type AuditRow } from '../../main/services/audit-log';
import { verifyAudit } from '../../main/services/audit-service';
import { canonicalJson } from '../../shared/util/canonical-json';

export interface AuditBenchResult {
  rows: number;
  buildSeconds: number;
  verifySeconds: number;
  /** CPU time of the verify (user + system): steadier than wall time on a shared machine. */
  verifyCpuSeconds: number;
  rowsPerSecond: number;
  ok: boolean;
}

const actions = ['partner.update', 'agreement.approve', 'package.export', 'restricted-fields.view', 'consent.create', 'disclosure.record'] as const;

/**
 * Builds a real encrypted district store holding `rows` chained audit rows (one transaction, one
 * prepared insert, summaries of realistic size), then times `verifyAudit` over it.
 */
export function benchAuditVerify(rows = 1_000_000, log: (line: string) => void = () => undefined): AuditBenchResult {
  const dir = mkdtempSync(join(tmpdir(), 'steward-audit-bench-'));
  const path = join(dir, 'district.db');
  const db = openStore({ path, key: randomBytes(32), mode: 'district', create: true });
  try {
    const t0 = performance.now();
    const insert = db.prepare('INSERT INTO audit_log (seq, at, actor, action, object_type, object_id, summary, prev_hash, hash) VALUES (@seq, @at, @actor, @action, @object_type, @object_id, @summary, @prev_hash, @hash)');
    const start = Date.UTC(2024, 0, 1);
    db.transaction(() => {
      let prev = GENESIS_HASH;
      for (let seq = 1; seq <= rows; seq++) {
        const action = actions[seq % actions.length]!;
        const base: Omit<AuditRow, 'hash'> = {
          seq,
          at: new Date(start + seq * 30_000).toISOString(),
          actor: seq % 7 === 0 ? 'app:privacy-officer' : 'cli:maria',
          action,
          object_type: action.split('.')[0]!,
          object_id: `obj-${seq % 5000}`,
          summary: canonicalJson({ fields: ['student.firstName', 'student.lastName', 'indicator.iep'], partnerId: `p-${seq % 40}`, studentCount: seq % 900, version: 2 }),
          prev_hash: prev,
        };
        const h = auditRowHash(base);
        insert.run({ ...base, hash: h });
        prev = h;
        if (seq % 250_000 === 0) log(`  built ${seq.toLocaleString('en-US')} rows`);
      }
    })();
    const buildSeconds = (performance.now() - t0) / 1000;
    const ctx = createContext({ db, mode: 'district', storePath: path, actor: 'bench' });
    db.pragma('wal_checkpoint(TRUNCATE)'); // verify reads the main file, as after a restart
    const cpu0 = process.cpuUsage();
    const t1 = performance.now();
    const result = verifyAudit(ctx);
    const verifySeconds = (performance.now() - t1) / 1000;
    const cpu = process.cpuUsage(cpu0);
    if (result.checked !== rows) throw new Error(`verify read ${result.checked} rows, expected ${rows}`);
    return { rows, buildSeconds, verifySeconds, verifyCpuSeconds: (cpu.user + cpu.system) / 1e6, rowsPerSecond: Math.round(rows / verifySeconds), ok: result.ok };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** CLI: `npx tsx test/bench/audit-bench.ts [rows]` (npm run bench runs it with the default). */
if (require.main === module) {
  const rows = Number(process.argv[2] ?? 1_000_000);
  console.log(`audit verify: building an encrypted store with ${rows.toLocaleString('en-US')} chained audit rows...`);
  const r = benchAuditVerify(rows, console.log);
  console.log(`audit verify: ${r.rows.toLocaleString('en-US')} rows verified in ${r.verifySeconds.toFixed(2)} s wall, ${r.verifyCpuSeconds.toFixed(2)} s CPU ` +
    `(${r.rowsPerSecond.toLocaleString('en-US')} rows/s; chain ${r.ok ? 'intact' : 'BROKEN'}; store built in ${r.buildSeconds.toFixed(1)} s)`);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(join('bench-results', 'audit-verify.json'), JSON.stringify(r, null, 2));
  if (!r.ok) process.exitCode = 1;
}
