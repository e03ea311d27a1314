import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportPackage } from '../../../main/services/package-export-service';
import { previewRows } from '../../../main/services/preview-service';
import { importPackageFile, verifyPackageFile } from '../../../main/services/partner-workspace-service';
import { listReceivedPackages, partnerDictionary, partnerRecordsPage } from '../../../main/services/partner-records-service';
import { csvCell } from '../../../shared/util/csv-write';
import type { Cell } from '../../../shared/policy/types';
import { revokeConsent } from '../../../main/services/consents-service';
import { insertConsent } from '../../helpers/agreement-district';
import { packageWorld, storeSnapshot, type PackageWorld } from './package-setup';

let w: PackageWorld;
let out: string;
beforeEach(() => {
  w = packageWorld(40);
  out = join(w.district.dir, 'out');
  mkdirSync(out);
});
afterEach(() => w.cleanup());

const target = (roleId = 'tutor') => ({ agreementId: w.agreementId, version: w.version, roleId });

/** A preview cell as records.csv carries it, read back as text (withheld: empty). */
function asCsvText(c: Cell): string {
  if (c.state === 'withheld') return '';
  const cell = csvCell(c.value);
  return cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
}

describe('partner workspace import', () => {
  it('stores exactly the previewed rows of the package\'s role, with its dictionary and notice', async () => {
    const sent = await exportPackage(w.district.ctx, { ...target(), destination: out, chunkBytes: 1000 });
    const imported = await importPackageFile(w.partner.ctx, { filePath: sent.path });
    expect(imported).toMatchObject({ packageId: sent.packageId, agreementId: w.agreementId, role: 'tutor', recordCount: sent.recordCount, sequence: 1, destroyBy: '2027-08-31', revocationsApplied: 0 });

    const preview = previewRows(w.district.ctx, { ...target(), asOf: '2026-09-15', offset: 0, limit: 1000 });
    const page = partnerRecordsPage(w.partner.ctx, { packageId: sent.packageId, offset: 0, limit: 1000 });
    expect(page.total).toBe(preview.total);
    expect(page.columns.map((c) => c.column)).toEqual(preview.columns.map((c) => c.column));
    expect(page.columns.map((c) => c.label)).toEqual(preview.columns.map((c) => (c.transform === 'asIs' ? c.label : `${c.label} (${c.transform})`)));
    expect(page.rows.map((r) => r.cells)).toEqual(preview.rows.map((r) => r.cells.map(asCsvText)));

    const dictionary = partnerDictionary(w.partner.ctx, { packageId: sent.packageId });
    expect(dictionary.columns.map((c) => c.column)).toEqual(preview.columns.map((c) => c.column));
    expect(dictionary.columns.find((c) => c.column === 'student.birthDate:age')).toMatchObject({ exhibitBCategory: 'Demographics', transform: 'age' });
    expect(dictionary.notice).toContain('You may not give, show or send these records');
    expect(listReceivedPackages(w.partner.ctx, {}).map((p) => [p.packageId, p.direction, p.destroyedAt])).toEqual([[sent.packageId, 'received', null]]);
    const audit = w.partner.ctx.db.prepare(`SELECT action, object_id AS id FROM audit_log WHERE action = 'package.import'`).all();
    expect(audit).toEqual([{ action: 'package.import', id: sent.packageId }]);
    expect(readdirSync(w.partner.dir).filter((f) => f.startsWith('.steward-incoming'))).toEqual([]);
  });

  it('verify runs every check and changes nothing', async () => {
    const sent = await exportPackage(w.district.ctx, { ...target(), destination: out });
    const before = storeSnapshot(w.partner.ctx);
    const checked = await verifyPackageFile(w.partner.ctx, { filePath: sent.path });
    expect(checked).toMatchObject({ packageId: sent.packageId, recordCount: sent.recordCount, fields: expect.arrayContaining(['student.localId:pseudonym']) });
    expect(checked.signer.fingerprint).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    expect(storeSnapshot(w.partner.ctx)).toEqual(before);
  });

  it('applies revocations.json: the student\'s rows in earlier packages are deleted and the deletion logged without the key', async () => {
    insertConsent(w.district.ctx, { id: 'c-7', studentIndex: 7, agreementId: w.agreementId, fields: ['indicator.iep'], purpose: 'reading-tutoring', signedOn: '2026-08-25' });
    const first = await exportPackage(w.district.ctx, { ...target(), destination: out });
    await importPackageFile(w.partner.ctx, { filePath: first.path });
    const rowsBefore = partnerRecordsPage(w.partner.ctx, { packageId: first.packageId, offset: 0, limit: 1000 });
    const iepRow = rowsBefore.rows.find((r) => r.cells.at(-1) === 'true')!;
    revokeConsent(w.district.ctx, { consentId: 'c-7', revokedOn: '2026-09-15', reason: 'parent-request' });
    const second = await exportPackage(w.district.ctx, { ...target(), destination: out });
    const imported = await importPackageFile(w.partner.ctx, { filePath: second.path });
    expect(imported).toMatchObject({ revocationsApplied: 1, rowsDeleted: 1 });
    const rowsAfter = partnerRecordsPage(w.partner.ctx, { packageId: first.packageId, offset: 0, limit: 1000 });
    expect(rowsAfter.total).toBe(rowsBefore.total - 1);
    expect(rowsAfter.rows.some((r) => r.cells[0] === iepRow.cells[0])).toBe(false);
    // The new package carries the student again, now without the IEP flag.
    const latest = partnerRecordsPage(w.partner.ctx, { packageId: second.packageId, offset: 0, limit: 1000 });
    expect(latest.rows.find((r) => r.cells[0] === iepRow.cells[0])!.cells.at(-1)).toBe('');
    const log = w.partner.ctx.db.prepare('SELECT kind, reason, effective_on AS on_, rows_deleted AS n, packages FROM revocation_log').all();
    expect(log).toEqual([{ kind: 'consent-revoked', reason: 'parent-request', on_: '2026-09-15', n: 1, packages: JSON.stringify([first.packageId]) }]);
    expect(JSON.stringify(w.partner.ctx.db.prepare('SELECT * FROM revocation_log').all())).not.toContain(iepRow.cells[0]!);
  });

  it('keeps each role\'s rows apart: a coordinator package shows the coordinator\'s columns only', async () => {
    const tutor = await exportPackage(w.district.ctx, { ...target(), destination: out });
    const coordinator = await exportPackage(w.district.ctx, { ...target('coordinator'), destination: out });
    await importPackageFile(w.partner.ctx, { filePath: tutor.path });
    await importPackageFile(w.partner.ctx, { filePath: coordinator.path });
    expect(partnerRecordsPage(w.partner.ctx, { packageId: coordinator.packageId, offset: 0, limit: 5 }).columns.map((c) => c.column)).toEqual(['student.firstName', 'student.lastName', 'guardian.phone']);
    expect(partnerRecordsPage(w.partner.ctx, { packageId: tutor.packageId, offset: 0, limit: 5 }).columns.map((c) => c.column)).toContain('indicator.iep');
  });

  it('refuses to open packages before a district certificate is pinned', async () => {
    const sent = await exportPackage(w.district.ctx, { ...target(), destination: out });
    w.partner.ctx.db.prepare('UPDATE pinned_district_certificates SET retired_at = ?').run('2026-09-15');
    await expect(importPackageFile(w.partner.ctx, { filePath: sent.path })).rejects.toThrow(/does not trust any district certificate yet/);
  });
});
