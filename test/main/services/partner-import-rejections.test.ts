import { appendFileSync, copyFileSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exportPackage } from '../../../main/services/package-export-service';
import { importPackageFile } from '../../../main/services/partner-workspace-service';
import { partnerRecordsPage } from '../../../main/services/partner-records-service';
import { exportCertificate, pinDistrictCertificate } from '../../../main/services/identity-service';
import { certificateView } from '../../../main/services/identity-store';
import { writePackage } from '../../../main/crypto/package-writer';
import { inputFromBuffer } from '../../../main/crypto/payload/inputs';
import type { Identity } from '../../../main/crypto/identity';
import { isStewardError } from '../../../shared/api/result';
import { rejectionMessages, type RejectionReason } from '../../../shared/package/rejections';
import { toCsv } from '../../../shared/util/csv-write';
import { tempStore, type TempStore } from '../../helpers/temp-store';
import { FIELDS, makeCast, manifestInput, NOW, payloadFiles, sampleRecords, workDir, type Cast } from '../crypto/helpers/fixtures';
import { opensslPackage } from '../crypto/helpers/openssl-package';
import { flip, rezip, unzipAll, type Entry } from '../crypto/helpers/rezip';
import { packageWorld, seedIdentity, storeSnapshot, type PackageWorld } from './package-setup';

/**
 * PACKAGE-FORMAT.md's rejection list through the partner workspace's import: each case asserts
 * the specific reason, the plain-words message the partner sees, and that the workspace store is
 * exactly as before (every table's rows hashed) with no decrypted leftovers beside it.
 */
let cast: Cast;
let world: PackageWorld;
let dir: string;
let cleanupDir: () => void;
let good: string;
let second: string;
let n = 0;

beforeAll(async () => {
  cast = makeCast();
  world = packageWorld(30, { ids: { district: cast.district, partner: cast.partner } });
  ({ dir, cleanup: cleanupDir } = workDir(cast));
  const exportOne = async () => (await exportPackage(world.district.ctx, { agreementId: world.agreementId, version: world.version, roleId: 'tutor', destination: dir, chunkBytes: 1024 })).path;
  good = await exportOne();
  second = await exportOne();
}, 120_000);
afterAll(() => {
  world.cleanup();
  cleanupDir();
});

let ws: TempStore;
/** A fresh workspace holding `identity` that trusts `trusts` (pinned with its fingerprint, as after the phone call). */
function workspace(identity: Identity = cast.partner, trusts: string = exportCertificate(world.district.ctx, {}).pem): TempStore {
  const store = tempStore('partner');
  seedIdentity(store.ctx, 'partner', 'ReadWell Tutoring', identity);
  pinDistrictCertificate(store.ctx, { certPem: trusts, fingerprint: certificateView(trusts, NOW).fingerprint });
  return store;
}
beforeEach(() => {
  ws = workspace();
});
afterEach(() => ws.cleanup());

async function expectRejected(file: string, reason: RejectionReason, store: TempStore = ws) {
  const before = storeSnapshot(store.ctx);
  const error = await importPackageFile(store.ctx, { filePath: file }).then(() => undefined, (e: unknown) => e);
  expect(isStewardError(error) ? { code: error.code, reason: error.reason, message: error.message } : error).toEqual({ code: 'PACKAGE_REJECTED', reason, message: rejectionMessages[reason] });
  expect(storeSnapshot(store.ctx)).toEqual(before);
  expect(readdirSync(store.dir).filter((f) => f.startsWith('.steward-incoming'))).toEqual([]);
}

const mutated = (change: (entries: Entry[]) => Entry[]) => rezip(good, join(dir, `mutated-${++n}.sdx`), change);
const mapEntry = (name: string, f: (data: Buffer) => Buffer) => (entries: Entry[]) => entries.map((e) => (e.name === name ? { ...e, data: f(e.data) } : e));
const copyOfGood = () => {
  const p = join(dir, `copy-${++n}.sdx`);
  copyFileSync(good, p);
  return p;
};
const viaOpenssl = (o: Partial<Parameters<typeof opensslPackage>[0]> = {}) => opensslPackage({ dir, manifest: manifestInput({ recordCount: 10 }), records: sampleRecords(10), chunkBytes: 2048, ...o });
const written = async (o: { signer?: Identity; manifest?: ReturnType<typeof manifestInput>; files?: ReturnType<typeof payloadFiles> }) =>
  (await writePackage({ outPath: join(dir, `w-${++n}.sdx`), manifest: o.manifest ?? manifestInput({ recordCount: 5 }), files: o.files ?? payloadFiles(sampleRecords(5)), signer: o.signer ?? cast.district, recipientCertPem: cast.partner.certPem, now: NOW })).path;

describe('the packages the rejections start from', () => {
  it('the exported package imports, and so does one assembled with the openssl CLI in the same layout', async () => {
    const imported = await importPackageFile(ws.ctx, { filePath: good });
    expect(imported.recordCount).toBeGreaterThan(5);
    const viaCli = await importPackageFile(ws.ctx, { filePath: viaOpenssl() });
    const page = partnerRecordsPage(ws.ctx, { packageId: viaCli.packageId, offset: 0, limit: 20 });
    expect(page.total).toBe(10);
    // sampleRecords: row 1 has a quoted name with a newline, row 1 a neutralised formula.
    expect(page.rows[0]!.cells).toEqual(['S000001', 'Ann "Annie"\nLee', "'=HYPERLINK(\"x\")", expect.stringMatching(/^\d+$/)]);
  });
});

describe('altered or damaged files', () => {
  it('a flipped byte in a payload part', async () => expectRejected(await mutated(mapEntry('payload/part-000002.p7m', (d) => flip(d, -500))), 'tampered'));
  it('a flipped byte in the manifest', async () => expectRejected(await mutated(mapEntry('manifest.p7m', (d) => flip(d, -100))), 'tampered'));
  it('a tampered GCM tag', async () => expectRejected(await mutated(mapEntry('payload/part-000001.p7m', (d) => flip(d, -1))), 'tampered'));
  it('a file cut short', async () => {
    const file = copyOfGood();
    truncateSync(file, Math.floor(readFileSync(file).length / 2));
    await expectRejected(file, 'truncated');
  });
  it('bytes appended after the ZIP', async () => {
    const file = copyOfGood();
    appendFileSync(file, 'extra');
    await expectRejected(file, 'trailing-bytes');
  });
  it('bytes after a CMS structure', async () => expectRejected(await mutated(mapEntry('payload/part-000001.p7m', (d) => Buffer.concat([d, Buffer.from([0])]))), 'trailing-bytes'));
  it('a file that is not a package', async () => {
    const file = join(dir, `notes-${++n}.sdx`);
    writeFileSync(file, 'a list of students\n'.repeat(10));
    await expectRejected(file, 'not-a-package');
  });
});

describe('wrong parties', () => {
  it('a package for another partner (not addressed to you)', async () => {
    const other = workspace(cast.otherPartner);
    try {
      await expectRejected(good, 'not-addressed-to-you', other);
    } finally {
      other.cleanup();
    }
  });
  it('a package signed by a district this workspace does not trust', async () => {
    const other = workspace(cast.partner, cast.otherDistrict.certPem);
    try {
      await expectRejected(good, 'untrusted-signer', other);
    } finally {
      other.cleanup();
    }
  });
  it("a certificate with the district's issuer and serial but another key", async () => expectRejected(await written({ signer: cast.impostor }), 'signer-key-mismatch'));
  it('a manifest signed for another partner, re-encrypted to us', async () => expectRejected(viaOpenssl({ manifestRecipient: 'otherPartner' }), 'recipient-mismatch'));
});

describe('downgrades', () => {
  it('AES-256-CBC', async () => expectRejected(viaOpenssl({ manifestCipher: '-aes-256-cbc' }), 'downgrade'));
  it('3DES', async () => expectRejected(viaOpenssl({ partCipher: '-des3' }), 'downgrade'));
  it('AES-128-GCM', async () => expectRejected(viaOpenssl({ partCipher: '-aes-128-gcm' }), 'downgrade'));
  it('RSA PKCS#1 v1.5 key transport', async () => expectRejected(viaOpenssl({ manifestKeyopts: '' }), 'downgrade'));
  it('RSA-OAEP with SHA-1', async () => expectRejected(viaOpenssl({ partKeyopts: '-keyopt rsa_padding_mode:oaep' }), 'downgrade'));
  it('a SHA-1 signature digest', async () => expectRejected(viaOpenssl({ signFlags: '-md sha1' }), 'downgrade'));
  it('a signature without signed attributes', async () => expectRejected(viaOpenssl({ signFlags: '-noattr' }), 'downgrade'));
});

describe('replay, rollback, expiry, supersession (against what this workspace imported)', () => {
  it('the same package imported twice', async () => {
    await importPackageFile(ws.ctx, { filePath: good });
    await expectRejected(good, 'replayed');
  });
  it('an older package after a newer one for the same agreement', async () => {
    await importPackageFile(ws.ctx, { filePath: second });
    await expectRejected(good, 'rollback');
  });
  it('a package past its import deadline', async () => {
    ws.ctx.now = () => new Date('2026-10-16T00:00:00Z');
    await expectRejected(good, 'expired');
  });
  it('a package under an agreement version older than one already imported', async () => {
    const v2 = manifestInput({ recordCount: 5, sequence: 1 });
    await importPackageFile(ws.ctx, { filePath: await written({ manifest: { ...v2, agreement: { ...v2.agreement, version: 2 } } }) });
    await expectRejected(await written({ manifest: manifestInput({ recordCount: 5, sequence: 2 }) }), 'superseded-version');
  });
});

describe('parts and entries', () => {
  it('a removed part', async () => expectRejected(await mutated((es) => es.filter((e) => e.name !== 'payload/part-000002.p7m')), 'chunk-missing'));
  it('two parts swapped', async () => {
    const data = (es: Entry[], name: string) => es.find((e) => e.name === name)!.data;
    await expectRejected(await mutated((es) => es.map((e) => (e.name === 'payload/part-000001.p7m' ? { ...e, data: data(es, 'payload/part-000002.p7m') } : e.name === 'payload/part-000002.p7m' ? { ...e, data: data(es, 'payload/part-000001.p7m') } : e))), 'tampered');
  });
  it('a part spliced in from another valid package', async () => {
    const foreign = (await unzipAll(second)).find((e) => e.name === 'payload/part-000002.p7m')!.data;
    await expectRejected(await mutated(mapEntry('payload/part-000002.p7m', () => foreign)), 'tampered');
  });
  it('an extra entry', async () => expectRejected(await mutated((es) => [...es, { name: 'readme.txt', data: Buffer.from('hi') }]), 'bad-zip-entry'));
  it('a duplicate entry', async () => expectRejected(await mutated((es) => [...es, es.find((e) => e.name === 'manifest.p7m')!]), 'bad-zip-entry'));
  it('a ../ entry', async () => expectRejected(await mutated((es) => [...es, { name: 'payload/../../evil.p7m', data: Buffer.from('x') }]), 'bad-zip-entry'));
});

describe('contents against the manifest', () => {
  it('a column the manifest does not list', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => [`S${i}`, 'A', 'B', '5', '2010-01-01']);
    await expectRejected(viaOpenssl({ records: toCsv([...FIELDS, 'student.birthDate'], rows) }), 'field-not-in-manifest');
  });
  it('a record count that differs from the manifest', async () => expectRejected(viaOpenssl({ manifest: manifestInput({ recordCount: 11 }) }), 'record-count-mismatch'));
  it('a manifest over 1 MB', async () => expectRejected(viaOpenssl({ manifestBytes: Buffer.from(`{"pad":"${'x'.repeat(1_060_000)}"}`) }), 'manifest-too-large'));
  it('a revocations.json that is not a list of revocations (signed by the district, but unusable)', async () => {
    const files = payloadFiles(sampleRecords(5)).map((f) => (f.name === 'revocations.json' ? inputFromBuffer('revocations.json', '{"students":["S000001"]}') : f));
    await expectRejected(await written({ files }), 'payload-malformed');
  });
});
