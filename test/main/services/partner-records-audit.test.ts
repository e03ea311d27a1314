import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { partnerRecordsPage } from '../../../main/services/partner-records-service';
import { listAudit, verifyAudit } from '../../../main/services/audit-service';
import { dispatch } from '../../../main/ipc/dispatch';
import { packageWorld, sendAndImport, type PackageWorld } from './package-setup';

/**
 * Partner staff reading received records leaves a row in the workspace's hash-chained audit log:
 * who, which package, which columns, which rows by position. Never a value or a student key: the
 * log is read by more people than the records.
 */
let w: PackageWorld;
let packageId: string;
beforeEach(async () => {
  w = packageWorld(30);
  packageId = await sendAndImport(w);
});
afterEach(() => w.cleanup());

const views = () => listAudit(w.partner.ctx, { offset: 0, limit: 100, order: 'oldest', action: 'received-records.view' }).rows;

describe('views of received records', () => {
  it('log who read which rows and columns of which package, with no value from the records', async () => {
    const reply = await dispatch(w.partner.ctx, 'partner-records-list', { packageId, offset: 2, limit: 5 });
    if (!reply.ok) throw new Error(reply.error.message);
    const page = reply.value as Awaited<ReturnType<typeof partnerRecordsPage>>;
    const [row, ...more] = views();
    expect(more).toEqual([]);
    expect(row).toMatchObject({
      actor: 'test:steward', objectType: 'package', objectId: packageId, kind: 'restricted-view',
      summary: { agreementId: w.agreementId, role: 'tutor', columns: page.columns.map((c) => c.column), rowCount: 5, firstRow: 3, lastRow: 7 },
    });
    expect(row!.description).toBe(`Viewed 5 records (rows 3–7) of received package ${packageId}: ${page.columns.length} columns (agreement ${w.agreementId}, role tutor)`);
    const stored = w.partner.ctx.db.prepare(`SELECT summary FROM audit_log WHERE action = 'received-records.view'`).pluck().get() as string;
    for (const value of page.rows.flatMap((r) => r.cells).filter((c) => c.length > 2)) expect(stored).not.toContain(value);
    expect(verifyAudit(w.partner.ctx).ok).toBe(true);
  });

  it('log every page read, and nothing for the columns alone or a page past the end', () => {
    partnerRecordsPage(w.partner.ctx, { packageId, offset: 0, limit: 0 });
    partnerRecordsPage(w.partner.ctx, { packageId, offset: 10_000, limit: 100 });
    expect(views()).toEqual([]);
    partnerRecordsPage(w.partner.ctx, { packageId, offset: 0, limit: 5 });
    partnerRecordsPage(w.partner.ctx, { packageId, offset: 5, limit: 5 });
    expect(views().map((v) => [v.summary.firstRow, v.summary.lastRow])).toEqual([[1, 5], [6, 10]]);
  });

  it('are not logged when the records were refused (a package that is not there)', () => {
    expect(() => partnerRecordsPage(w.partner.ctx, { packageId: 'no-such-package', offset: 0, limit: 10 })).toThrow(/No package no-such-package/);
    expect(views()).toEqual([]);
  });
});
