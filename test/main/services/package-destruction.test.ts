import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportPackage, listSentPackages } from '../../../main/services/package-export-service';
import { importPackageFile } from '../../../main/services/partner-workspace-service';
import { listReceivedPackages, partnerRecordsPage } from '../../../main/services/partner-records-service';
import { destroyAgreementRecords, listDestructions, purgeDue } from '../../../main/services/partner-destruction-service';
import { formatFingerprint } from '../../../shared/package/certificates';
import { importDestructionCertificate } from '../../../main/services/destruction-import-service';
import { exportCertificate } from '../../../main/services/identity-service';
import { isStewardError } from '../../../shared/api/result';
import type { DestructionCertificate } from '../../../shared/package/destruction';
import { bash } from '../crypto/helpers/shell';
import { packageWorld, storeSnapshot, type PackageWorld } from './package-setup';

let w: PackageWorld;
let out: string;
let certs: string;
let sent: { tutor: string; coordinator: string; ids: string[] };
beforeEach(async () => {
  w = packageWorld(30);
  out = join(w.district.dir, 'out');
  certs = join(w.partner.dir, 'certificates');
  mkdirSync(out);
  mkdirSync(certs);
  const t = await exportPackage(w.district.ctx, { agreementId: w.agreementId, version: w.version, roleId: 'tutor', destination: out });
  const c = await exportPackage(w.district.ctx, { agreementId: w.agreementId, version: w.version, roleId: 'coordinator', destination: out });
  await importPackageFile(w.partner.ctx, { filePath: t.path });
  await importPackageFile(w.partner.ctx, { filePath: c.path });
  sent = { tutor: t.path, coordinator: c.path, ids: [t.packageId, c.packageId] };
});
afterEach(() => w.cleanup());

const rows = () => w.partner.ctx.db.prepare('SELECT count(*) FROM received_records').pluck().get() as number;

describe('purge on the destroy-by date', () => {
  it('does nothing before the destroy-by date', () => {
    const before = storeSnapshot(w.partner.ctx);
    expect(purgeDue(w.partner.ctx, { asOf: '2027-08-30', signedBy: 'Dana W', outDir: certs })).toEqual([]);
    expect(storeSnapshot(w.partner.ctx)).toEqual(before);
  });

  it('deletes the records on the date, keeps the package rows (no replay), and writes a signed Exhibit D certificate openssl verifies', async () => {
    const held = rows();
    const [result, ...more] = purgeDue(w.partner.ctx, { asOf: '2027-08-31', signedBy: 'Dana W', title: 'Program director', outDir: certs });
    expect(more).toEqual([]);
    expect(result).toMatchObject({ agreementId: w.agreementId, packageIds: sent.ids, rowsDeleted: held });
    expect(rows()).toBe(0);
    expect(listReceivedPackages(w.partner.ctx, {}).every((p) => p.destroyedAt !== null)).toBe(true);
    expect(() => partnerRecordsPage(w.partner.ctx, { packageId: sent.ids[0]!, offset: 0, limit: 10 })).toThrow(/were destroyed on 2026-09-15/);
    await expect(importPackageFile(w.partner.ctx, { filePath: sent.tutor })).rejects.toMatchObject({ reason: 'replayed' });
    expect(readdirSync(certs)).toEqual([`destruction_${w.agreementId}_2026-09-15.p7s`]);

    writeFileSync(join(certs, 'partner.pem'), exportCertificate(w.partner.ctx, {}).pem);
    const r = bash(`set -euo pipefail; openssl cms -verify -binary -inform DER -in ${result!.path} -CAfile partner.pem -purpose any -out cert.json`, certs);
    expect(r.stderr).toContain('Verification successful');
    const c = JSON.parse(readFileSync(join(certs, 'cert.json'), 'utf8')) as DestructionCertificate;
    expect(c).toMatchObject({
      format: 'steward-destruction/1', agreement: { id: w.agreementId, version: 1 }, destroyedOn: '2026-09-15',
      recipient: { partnerId: 'ptn-read', organization: 'ReadWell Tutoring' }, signedBy: { name: 'Dana W', title: 'Program director' },
      disposition: { extent: 'complete', action: 'destroy', categories: ['Assessment', 'Demographics', 'Parent/guardian contact information', 'Special indicator', 'Student identifiers', 'Student name'] },
    });
    expect(c.packages.map((p) => [p.packageId, p.role, p.destroyBy])).toEqual([[sent.ids[0], 'tutor', '2027-08-31'], [sent.ids[1], 'coordinator', '2027-08-31']]);
    expect(c.method).toMatch(/secure_delete/);
    expect(JSON.stringify(c)).not.toMatch(/Kid\d{4}|Family\d{4}/);
    expect(w.partner.ctx.db.prepare(`SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1`).pluck().get()).toBe('package.destroy');
    // The Destruction certificates screen lists it with the fingerprint of the file the district receives.
    const fileSha256 = createHash('sha256').update(readFileSync(result!.path)).digest('hex');
    expect(listDestructions(w.partner.ctx)).toEqual([{
      destructionId: result!.destructionId, agreementId: w.agreementId, packageIds: sent.ids, destroyedAt: '2026-09-15T12:00:00.000Z', signedBy: 'Dana W',
      certificateSha256: fileSha256, fingerprint: formatFingerprint(fileSha256),
    }]);
  });

  it('destroys nothing when the certificate cannot be written', () => {
    const before = storeSnapshot(w.partner.ctx);
    expect(() => destroyAgreementRecords(w.partner.ctx, { agreementId: w.agreementId, signedBy: 'Dana W', filePath: join(certs, 'missing', 'x.p7s') })).toThrow(/Nothing was destroyed/);
    expect(storeSnapshot(w.partner.ctx)).toEqual(before);
  });
});

describe('the district records the destruction', () => {
  it('marks the packages\' disclosures destroyed, once', () => {
    const result = destroyAgreementRecords(w.partner.ctx, { agreementId: w.agreementId, signedBy: 'Dana W', filePath: certs });
    const recorded = importDestructionCertificate(w.district.ctx, { filePath: result.path });
    expect(recorded).toMatchObject({ agreementId: w.agreementId, partnerId: 'ptn-read', packageIds: sent.ids, destroyedOn: '2026-09-15', signedBy: 'Dana W (ReadWell Tutoring)' });
    expect(listSentPackages(w.district.ctx, {}).map((p) => p.destroyedAt)).toEqual([expect.any(String), expect.any(String)]);
    const links = w.district.ctx.db.prepare('SELECT package_id FROM disclosure_package_destructions ORDER BY package_id').pluck().all();
    expect(links).toEqual([...sent.ids].sort());
    expect(() => importDestructionCertificate(w.district.ctx, { filePath: result.path })).toThrow(/already recorded/);
  });

  it('refuses an altered certificate and one signed by a key no partner certificate holds, recording nothing', () => {
    const result = destroyAgreementRecords(w.partner.ctx, { agreementId: w.agreementId, signedBy: 'Dana W', filePath: certs });
    const bytes = readFileSync(result.path);
    const at = bytes.indexOf(Buffer.from('Dana W'));
    const altered = Buffer.from(bytes);
    altered[at] = 'E'.charCodeAt(0);
    writeFileSync(join(certs, 'altered.p7s'), altered);
    const before = storeSnapshot(w.district.ctx);
    const error = (() => { try { importDestructionCertificate(w.district.ctx, { filePath: join(certs, 'altered.p7s') }); return undefined; } catch (e) { return e; } })();
    expect(isStewardError(error) && [error.code, error.reason]).toEqual(['PACKAGE_REJECTED', 'bad-signature']);
    expect(storeSnapshot(w.district.ctx)).toEqual(before);
    // The partner's attached certificate replaced by another: the signer is now unknown.
    w.district.ctx.db.prepare('UPDATE partner_certificates SET cert_pem = ?').run(exportCertificate(w.district.ctx, {}).pem);
    const swapped = storeSnapshot(w.district.ctx);
    expect(() => importDestructionCertificate(w.district.ctx, { filePath: result.path })).toThrow(/not signed by a certificate attached to any of your partners/);
    expect(storeSnapshot(w.district.ctx)).toEqual(swapped);
  });
});
