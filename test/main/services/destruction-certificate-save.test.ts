import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/ipc/dispatch';
import { destroyAgreementRecords, listDestructions } from '../../../main/services/partner-destruction-service';
import { importDestructionCertificate } from '../../../main/services/destruction-import-service';
import type { DestructionResult } from '../../../shared/api/packages-api';
import { packageWorld, sendAndImport, storeSnapshot, type PackageWorld } from './package-setup';

/**
 * "Save certificate…" on the Destruction certificates screen: the signed certificate is written
 * again to the file chosen in the save dialog, byte for byte the one signed when the records were
 * destroyed, so its fingerprint is the one already read to the district and the district can
 * record it from this copy.
 */
let w: PackageWorld;
let destroyed: DestructionResult;
let out: string;
beforeEach(async () => {
  w = packageWorld(20);
  await sendAndImport(w);
  const certs = join(w.partner.dir, 'certificates');
  mkdirSync(certs);
  destroyed = destroyAgreementRecords(w.partner.ctx, { agreementId: w.agreementId, signedBy: 'Dana W', filePath: certs });
  out = join(w.partner.dir, 'saved');
  mkdirSync(out);
});
afterEach(() => w.cleanup());

const target = () => ({ destructionId: destroyed.destructionId, agreementId: w.agreementId, destroyedOn: '2026-09-15' });
const save = (args: object, ctx = w.partner.ctx) => dispatch(ctx, 'destruction-certificate-save', args);
const exports = () => w.partner.ctx.db.prepare(`SELECT actor, object_id AS id, summary FROM audit_log WHERE action = 'destruction-certificate.export'`).all();

describe('saving a signed destruction certificate again', () => {
  it('writes the very file that was signed: same bytes, same fingerprint, and the district records it from this copy', async () => {
    const filePath = join(out, 'copy.p7s');
    const reply = await save({ ...target(), filePath });
    const original = readFileSync(destroyed.path);
    expect(reply).toEqual({ ok: true, value: { saved: true, filePath, fileName: 'copy.p7s', bytes: original.length, certificateSha256: destroyed.certificateSha256 } });
    const copy = readFileSync(filePath);
    expect(copy.equals(original)).toBe(true);
    expect(createHash('sha256').update(copy).digest('hex')).toBe(listDestructions(w.partner.ctx)[0]!.certificateSha256);
    expect(readdirSync(out)).toEqual(['copy.p7s']);

    const recorded = await importDestructionCertificate(w.district.ctx, { filePath });
    expect(recorded).toMatchObject({ agreementId: w.agreementId, packageIds: destroyed.packageIds, signedBy: expect.stringMatching(/^Dana W/) });
  });

  it('logs the copy in the workspace\'s audit log by certificate, never by path', async () => {
    await save({ ...target(), filePath: join(out, 'for-the-district.p7s') });
    expect(exports()).toEqual([{ actor: 'test:steward', id: destroyed.destructionId, summary: JSON.stringify({ agreementId: w.agreementId, certificateSha256: destroyed.certificateSha256 }) }]);
    expect(JSON.stringify(exports())).not.toContain(out);
  });

  it('replaces a file the user chose to overwrite in the dialog, leaving no temporary file', async () => {
    const filePath = join(out, 'old.p7s');
    writeFileSync(filePath, 'an older, unrelated file');
    expect(await save({ ...target(), filePath })).toMatchObject({ ok: true, value: { saved: true } });
    expect(readFileSync(filePath).equals(readFileSync(destroyed.path))).toBe(true);
    expect(readdirSync(out)).toEqual(['old.p7s']);
  });

  it('refuses a certificate this workspace did not sign as named, and writes nothing', async () => {
    const before = storeSnapshot(w.partner.ctx);
    for (const wrong of [{ agreementId: 'agr-other' }, { destroyedOn: '2026-09-16' }, { destructionId: 'no-such-certificate' }]) {
      expect(await save({ ...target(), ...wrong, filePath: join(out, 'x.p7s') })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/signed no destruction certificate .* Nothing was saved\./) } });
    }
    expect(readdirSync(out)).toEqual([]);
    expect(storeSnapshot(w.partner.ctx)).toEqual(before);
  });

  it('without a file from the dialog, or into a folder that does not exist, says so and leaves no file and no audit row', async () => {
    expect(await save(target())).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/No file was chosen to save the certificate in/) } });
    const missing = join(out, 'no-such-folder', 'copy.p7s');
    expect(await save({ ...target(), filePath: missing })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/Cannot write .*copy\.p7s: check the folder exists/), where: { file: missing } } });
    expect(existsSync(missing)).toBe(false);
    expect(exports()).toEqual([]);
  });

  it('is a partner workspace\'s request only: the district store refuses it before any handler runs', async () => {
    expect(await save({ ...target(), filePath: join(out, 'copy.p7s') }, w.district.ctx)).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(readdirSync(out)).toEqual([]);
  });
});
