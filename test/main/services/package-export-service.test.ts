import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportPackage, listSentPackages } from '../../../main/services/package-export-service';
import { savePreviewCsv } from '../../../main/services/preview-service';
import { partnerIdentity } from '../../../main/services/identity-service';
import { openPackage } from '../../../main/crypto/package-reader';
import { freshReaderState } from '../../../main/crypto/package/state';
import { exportCertificate } from '../../../main/services/identity-service';
import { isStewardError } from '../../../shared/api/result';
import type { ProgressEvent } from '../../../shared/api/events';
import { revokeConsent } from '../../../main/services/consents-service';
import { insertConsent, PARTNER_READ, studentId } from '../../helpers/agreement-district';
import { packageWorld, storeSnapshot, type PackageWorld } from './package-setup';

let w: PackageWorld;
let out: string;
beforeEach(() => {
  w = packageWorld(40);
  out = join(w.district.dir, 'out');
  mkdirSync(out);
});
afterEach(() => w.cleanup());

const target = () => ({ agreementId: w.agreementId, version: w.version, roleId: 'tutor' });

async function openExported(path: string, dir: string) {
  return openPackage({ file: path, recipient: partnerIdentity(w.partner.ctx), state: freshReaderState([exportCertificate(w.district.ctx, {}).pem]), now: w.district.ctx.now(), outDir: dir });
}

function recordCounts() {
  const db = w.district.ctx.db;
  const n = (t: string) => db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
  return { packages: n('packages'), disclosurePackages: n('disclosure_packages'), disclosureStudents: n('disclosure_students'), audit: n('audit_log') };
}

describe('package export', () => {
  it('writes records.csv that, decrypted, equals byte for byte the preview serialisation of the same role on the same day', async () => {
    const result = await exportPackage(w.district.ctx, { ...target(), destination: out, chunkBytes: 1024 });
    const opened = await openExported(result.path, join(w.partner.dir, 'opened'));
    // The preview's "Save as CSV" file, byte for byte.
    const saved = savePreviewCsv(w.district.ctx, { ...target(), asOf: '2026-09-15', filePath: join(w.district.dir, 'preview.csv') });
    const preview = { csv: readFileSync(saved.filePath, 'utf8'), rows: saved.rows };
    expect(readFileSync(opened.files['records.csv']).equals(readFileSync(saved.filePath))).toBe(true);
    expect(result.recordCount).toBe(preview.rows);
    expect(result.recordCount).toBeGreaterThan(10);
    expect(opened.manifest.payload.chunks.length).toBeGreaterThan(1);
    expect(opened.manifest.dataset.fields).toEqual(preview.csv.split('\r\n')[0]!.split(','));
    const dictionary = JSON.parse(readFileSync(opened.files['dictionary.json'], 'utf8')) as { columns: { column: string; exhibitBCategory: string }[] };
    expect(dictionary.columns.map((c) => c.column)).toEqual(opened.manifest.dataset.fields);
    const notice = readFileSync(opened.files['notice.txt'], 'utf8');
    expect(notice).toContain('99.33(a)');
    expect(notice).toContain('by 2027-08-31');
    expect(JSON.parse(readFileSync(opened.files['revocations.json'], 'utf8'))).toEqual([]);
  });

  it('records the package, the FERPA disclosures and an audit row together, and names the file after agreement and package', async () => {
    const before = recordCounts();
    const result = await exportPackage(w.district.ctx, { ...target(), destination: out });
    expect(result.fileName).toBe(`${w.agreementId}_${result.packageId}.sdx`);
    expect(result.fingerprint.replace(/ /g, '').toLowerCase()).toBe(result.fileSha256);
    expect(readdirSync(out)).toEqual([result.fileName]);
    const after = recordCounts();
    expect(after).toEqual({ packages: before.packages + 1, disclosurePackages: before.disclosurePackages + 1, disclosureStudents: before.disclosureStudents + result.recordCount, audit: after.audit });
    const actions = w.district.ctx.db.prepare('SELECT action FROM audit_log WHERE seq > ? ORDER BY seq').pluck().all(before.audit);
    expect(actions).toEqual(['disclosure.record', 'package.export']);
    const row = w.district.ctx.db.prepare('SELECT sequence, previous_package_sha256 AS prev, file_sha256 AS sha, destroy_by AS destroyBy FROM packages WHERE package_id = ?').get(result.packageId);
    expect(row).toEqual({ sequence: 1, prev: null, sha: result.fileSha256, destroyBy: '2027-08-31' });
    // The IEP column flows only for students with a consent (none here): it is not among the fields disclosed.
    const fields = JSON.parse(w.district.ctx.db.prepare('SELECT fields FROM disclosure_packages WHERE package_id = ?').pluck().get(result.packageId) as string);
    expect(fields).toEqual(['student.localId', 'student.firstName', 'student.birthDate', 'assessment.readingLevel']);
  });

  it('numbers packages per agreement and chains each to the previous manifest', async () => {
    const a = await exportPackage(w.district.ctx, { ...target(), destination: out });
    const b = await exportPackage(w.district.ctx, { ...target(), roleId: 'coordinator', destination: out });
    expect([a.sequence, b.sequence]).toEqual([1, 2]);
    const opened = await openExported(b.path, join(w.partner.dir, 'b'));
    expect(opened.manifest.identity.previousPackageSha256).toBe(a.manifestSha256);
    expect(listSentPackages(w.district.ctx, {}).map((p) => [p.sequence, p.role])).toEqual([[2, 'coordinator'], [1, 'tutor']]);
  });

  it('emits export-progress events from reading the records to done', async () => {
    const events: ProgressEvent[] = [];
    w.district.ctx.emit = (_e, p) => events.push(p);
    await exportPackage(w.district.ctx, { ...target(), destination: out, taskId: 'task-7' });
    expect(new Set(events.map((e) => e.taskId))).toEqual(new Set(['task-7']));
    expect([...new Set(events.map((e) => e.phase))]).toEqual(['reading records', 'encrypting', 'recording disclosures', 'done']);
    const enc = events.filter((e) => e.phase === 'encrypting').at(-1)!;
    expect(enc.done).toBe(enc.total);
  });

  it('lists withdrawn consents in revocations.json by the pseudonym the partner holds, only for students sent before', async () => {
    // Student 7 has an IEP; a consent lets the tutor see it; student 14 had one too but was never in a package (consent signed later).
    insertConsent(w.district.ctx, { id: 'c-7', studentIndex: 7, agreementId: w.agreementId, fields: ['indicator.iep'], purpose: 'reading-tutoring', signedOn: '2026-08-25' });
    const first = await exportPackage(w.district.ctx, { ...target(), destination: out });
    const pkg1 = await openExported(first.path, join(w.partner.dir, 'p1'));
    const key = readFileSync(pkg1.files['records.csv'], 'utf8').split('\r\n').find((l) => l.includes(',true'))!.split(',')[0];
    revokeConsent(w.district.ctx, { consentId: 'c-7', revokedOn: '2026-09-15', reason: 'parent-request' });
    insertConsent(w.district.ctx, { id: 'c-4', studentIndex: 4, partnerId: PARTNER_READ, agreementId: w.agreementId, fields: ['indicator.iep'], status: 'revoked', signedOn: '2026-09-01', revokedOn: '2026-09-15' });
    const second = await exportPackage(w.district.ctx, { ...target(), destination: out });
    expect(second.revocationCount).toBe(1);
    const pkg2 = await openExported(second.path, join(w.partner.dir, 'p2'));
    const revocations = JSON.parse(readFileSync(pkg2.files['revocations.json'], 'utf8'));
    expect(revocations).toEqual([{ keys: { 'student.localId:pseudonym': key }, kind: 'consent-revoked', effectiveOn: '2026-09-15', reason: 'parent-request' }]);
    expect(JSON.stringify(revocations)).not.toContain(studentId(7));
    expect(readFileSync(pkg2.files['notice.txt'], 'utf8')).toContain('revocations.json lists 1 student(s)');
  });
});

describe('what the export refuses, recording nothing', () => {
  async function refused(run: () => Promise<unknown>, code: string, message: RegExp) {
    const before = storeSnapshot(w.district.ctx);
    const error = await run().then(() => undefined, (e: unknown) => e);
    expect(isStewardError(error) ? { code: error.code } : error).toEqual({ code });
    expect((error as Error).message).toMatch(message);
    expect(storeSnapshot(w.district.ctx)).toEqual(before);
    expect(readdirSync(out)).toEqual([]);
  }

  it('a destination folder that does not exist: nothing written, nothing recorded', async () => {
    await refused(() => exportPackage(w.district.ctx, { ...target(), destination: join(out, 'missing', 'pkg.sdx') }), 'BAD_INPUT', /folder does not exist/);
  });

  it('a file that appears at the destination while the package is being recorded: the transaction rolls back and the temporary file is removed', async () => {
    const dest = join(out, 'pkg.sdx');
    w.district.ctx.emit = (_e, p) => {
      if (p.phase === 'recording disclosures') mkdirSync(dest);
    };
    const before = storeSnapshot(w.district.ctx);
    const error = await exportPackage(w.district.ctx, { ...target(), destination: dest }).then(() => undefined, (e: unknown) => e);
    expect(isStewardError(error) && error.code).toBe('CONFLICT');
    expect(storeSnapshot(w.district.ctx)).toEqual(before);
    expect(readdirSync(out)).toEqual(['pkg.sdx']);
    expect(readdirSync(dest)).toEqual([]);
  });

  it('an existing file at the destination', async () => {
    writeFileSync(join(out, 'taken.sdx'), 'earlier work');
    const before = storeSnapshot(w.district.ctx);
    const error = await exportPackage(w.district.ctx, { ...target(), destination: join(out, 'taken.sdx') }).then(() => undefined, (e: unknown) => e);
    expect(isStewardError(error) && error.code).toBe('CONFLICT');
    expect(storeSnapshot(w.district.ctx)).toEqual(before);
    expect(readFileSync(join(out, 'taken.sdx'), 'utf8')).toBe('earlier work');
  });

  it('a version that is not active', async () => {
    w.district.ctx.db.prepare(`UPDATE agreement_versions SET status = 'terminated', ended_at = '2026-09-15', end_reason = 'test' WHERE agreement_id = ?`).run(w.agreementId);
    await refused(() => exportPackage(w.district.ctx, { ...target(), destination: out }), 'INVALID_STATE', /only made from the approved, active version/);
  });

  it('a day before the agreement term', async () => {
    w.district.ctx.now = () => new Date('2026-08-01T12:00:00Z');
    await refused(() => exportPackage(w.district.ctx, { ...target(), destination: out }), 'INVALID_STATE', /outside its term/);
  });

  it('a version whose term has ended: recorded as expired, and the refusal says so', async () => {
    w.district.ctx.now = () => new Date('2027-08-05T12:00:00Z');
    // The first export attempt after the end date records the expiry (with its audit row) and refuses.
    await expect(exportPackage(w.district.ctx, { ...target(), destination: out })).rejects.toThrow(/expired on 2027-07-31: its term is over, so nothing may be sent under it/);
    expect(w.district.ctx.db.prepare('SELECT status FROM agreement_versions WHERE agreement_id = ?').pluck().get(w.agreementId)).toBe('expired');
    // Asked again, it refuses the same way and changes nothing more.
    await refused(() => exportPackage(w.district.ctx, { ...target(), destination: out }), 'INVALID_STATE', /expired on 2027-07-31/);
  });

  it('a partner without an attached certificate', async () => {
    w.district.ctx.db.prepare('DELETE FROM partner_certificates').run();
    await refused(() => exportPackage(w.district.ctx, { ...target(), destination: out }), 'NOT_FOUND', /no certificate attached/);
  });

  it('a role the version does not have', async () => {
    await refused(() => exportPackage(w.district.ctx, { ...target(), roleId: 'janitor', destination: out }), 'NOT_FOUND', /no role 'janitor'/);
  });

  it('in a partner workspace', async () => {
    await expect(exportPackage(w.partner.ctx, { ...target(), destination: out })).rejects.toThrow(/district store/);
    expect(existsSync(join(out, 'x'))).toBe(false);
  });
});
