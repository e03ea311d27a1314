import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/ipc/dispatch';
import { rejectionMessages } from '../../../shared/package/rejections';
import { packageWorld, type PackageWorld } from '../services/package-setup';

/** The package channels through the real dispatcher, in both store modes: results, zod field errors, mode guards. */
let w: PackageWorld;
beforeEach(() => { w = packageWorld(20); });
afterEach(() => w.cleanup());

describe('package channels', () => {
  it('take a package from export to destruction through the dispatcher', async () => {
    const out = join(w.district.dir, 'out');
    mkdirSync(out);
    expect(await dispatch(w.district.ctx, 'identity-get', {})).toMatchObject({ ok: true, value: { mode: 'district', signing: { keyBits: 3072 }, partners: [{ partnerId: 'ptn-read' }] } });
    const exported = await dispatch(w.district.ctx, 'package-export', { agreementId: w.agreementId, version: w.version, roleId: 'tutor', destination: out, taskId: 't-1' });
    expect(exported).toMatchObject({ ok: true, value: { sequence: 1 } });
    const path = (exported as { value: { path: string; packageId: string; recordCount: number } }).value;

    expect(await dispatch(w.partner.ctx, 'package-verify', { filePath: path.path })).toMatchObject({ ok: true, value: { packageId: path.packageId } });
    expect(await dispatch(w.partner.ctx, 'package-import', { filePath: path.path })).toMatchObject({ ok: true, value: { recordCount: path.recordCount } });
    expect(await dispatch(w.partner.ctx, 'package-import', { filePath: path.path })).toEqual({ ok: false, error: { code: 'PACKAGE_REJECTED', message: rejectionMessages.replayed, where: { file: path.path } } });
    const page = await dispatch(w.partner.ctx, 'partner-records-list', { packageId: path.packageId, offset: 2, limit: 3 });
    expect(page).toMatchObject({ ok: true, value: { total: path.recordCount, rows: [{ rowIndex: 2 }, { rowIndex: 3 }, { rowIndex: 4 }] } });
    expect(await dispatch(w.partner.ctx, 'partner-dictionary-get', { packageId: path.packageId })).toMatchObject({ ok: true, value: { role: 'tutor', destroyBy: '2027-08-31' } });
    expect(await dispatch(w.partner.ctx, 'packages-list', {})).toMatchObject({ ok: true, value: [{ direction: 'received', packageId: path.packageId }] });
    expect(await dispatch(w.district.ctx, 'packages-list', {})).toMatchObject({ ok: true, value: [{ direction: 'sent', packageId: path.packageId, destroyedAt: null }] });

    const destroyed = await dispatch(w.partner.ctx, 'destruction-certificate-create', { agreementId: w.agreementId, signedBy: 'Dana W', filePath: w.partner.dir });
    expect(destroyed).toMatchObject({ ok: true, value: { packageIds: [path.packageId], rowsDeleted: path.recordCount } });
    const certificate = (destroyed as { value: { path: string } }).value.path;
    expect(await dispatch(w.district.ctx, 'destruction-import', { filePath: certificate })).toMatchObject({ ok: true, value: { packageIds: [path.packageId] } });
    expect(await dispatch(w.district.ctx, 'packages-list', {})).toMatchObject({ ok: true, value: [{ destroyedAt: expect.any(String) }] });
  });

  it('refuse the wrong store mode, bad arguments and unconfirmed certificates in plain words', async () => {
    expect(await dispatch(w.partner.ctx, 'package-export', { agreementId: w.agreementId, version: 1, roleId: 'tutor', destination: w.partner.dir })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(await dispatch(w.district.ctx, 'package-import', { filePath: '/nowhere.sdx' })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', message: expect.stringContaining('partner workspace') } });
    expect(await dispatch(w.partner.ctx, 'partner-records-list', { packageId: 'x', offset: 0, limit: 5000 })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', where: { field: 'limit' } } });
    expect(await dispatch(w.partner.ctx, 'identity-create', {})).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const cert = await dispatch(w.partner.ctx, 'identity-export-cert', {});
    const pem = (cert as { value: { pem: string } }).value.pem;
    expect(await dispatch(w.district.ctx, 'partner-certificate-attach', { partnerId: 'ptn-clinic', certPem: pem, fingerprint: '00'.repeat(32) })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', where: { field: 'fingerprint' } } });
    expect(await dispatch(w.district.ctx, 'partner-certificate-attach', { partnerId: 'nobody', certPem: pem, fingerprint: '00'.repeat(32) })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const district = await dispatch(w.district.ctx, 'identity-export-cert', {});
    const d = (district as { value: { pem: string; fingerprint: string } }).value;
    expect(await dispatch(w.partner.ctx, 'district-certificate-pin', { certPem: d.pem, fingerprint: d.fingerprint })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'This district certificate is already trusted.' } });
    expect(await dispatch(w.partner.ctx, 'package-verify', { filePath: join(w.partner.dir, 'missing.sdx') })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
