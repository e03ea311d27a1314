import { appendFileSync, copyFileSync, existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStewardError } from '../../../shared/api/result';
import type { RejectionReason } from '../../../shared/package/rejections';
import { openPackage } from '../../../main/crypto/package-reader';
import { writePackage } from '../../../main/crypto/package-writer';
import { freshReaderState, type PackageReaderState } from '../../../main/crypto/package/state';
import type { Identity } from '../../../main/crypto/identity';
import type { PackageFailure } from '../../../main/crypto/package-failure';
import { FIELDS, makeCast, manifestInput, NOW, payloadFiles, sampleRecords, workDir, type Cast } from './helpers/fixtures';
import { opensslPackage } from './helpers/openssl-package';
import { flip, rezip, unzipAll, type Entry } from './helpers/rezip';
import { toCsv } from '../../../shared/util/csv-write';

/**
 * PACKAGE-FORMAT.md "Must be rejected", one test each, asserting the specific reason and that
 * nothing was left behind (no output folder, no partial folder).
 */
let cast: Cast;
let dir: string;
let cleanup: () => void;
/** A good package (4+ parts) and a second one with the same layout, for splicing. */
let good: string;
let goodFirstPartSize: number;
let other: string;
let n = 0;

beforeAll(async () => {
  cast = makeCast();
  ({ dir, cleanup } = workDir(cast));
  const write = (name: string, packageId: string) =>
    writePackage({
      outPath: join(dir, name),
      manifest: manifestInput({ recordCount: 30, packageId }),
      files: payloadFiles(sampleRecords(30)),
      signer: cast.district,
      recipientCertPem: cast.partner.certPem,
      now: NOW,
      chunkBytes: 1024,
    });
  const written = await write('good.sdx', '11111111-1111-4111-8111-111111111111');
  good = written.path;
  goodFirstPartSize = written.manifest.payload.chunks[0]!.cmsSize;
  other = (await write('other.sdx', '22222222-2222-4222-8222-222222222222')).path;
});
afterAll(() => cleanup());

const trusting = (): PackageReaderState => freshReaderState([cast.district.certPem]);

/** Rejected for `reason`; `detail` pins which structure failed (the technical cause). */
async function expectRejected(file: string, reason: RejectionReason, opts: { state?: PackageReaderState; now?: Date; recipient?: Identity; detail?: RegExp } = {}) {
  const outDir = join(dir, `out-${++n}`);
  const attempt = openPackage({ file, recipient: opts.recipient ?? cast.partner, state: opts.state ?? trusting(), now: opts.now ?? NOW, outDir });
  const error = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isStewardError(error) ? { code: error.code, reason: error.reason } : error).toEqual({ code: 'PACKAGE_REJECTED', reason });
  expect(existsSync(outDir)).toBe(false);
  expect(readdirSync(dir).filter((f) => f.startsWith(`out-${n}`))).toEqual([]);
  if (opts.detail) expect(((error as Error).cause as PackageFailure).detail).toMatch(opts.detail);
  return error as Error;
}

const mutated = (change: (entries: Entry[]) => Entry[]) => rezip(good, join(dir, `mutated-${++n}.sdx`), change);
const mapEntry = (name: string, f: (data: Buffer) => Buffer) => (entries: Entry[]) => entries.map((e) => (e.name === name ? { ...e, data: f(e.data) } : e));
const copyOfGood = () => {
  const p = join(dir, `copy-${++n}.sdx`);
  copyFileSync(good, p);
  return p;
};
const viaOpenssl = (o: Partial<Parameters<typeof opensslPackage>[0]> = {}) =>
  opensslPackage({ dir, manifest: manifestInput({ recordCount: 10 }), records: sampleRecords(10), chunkBytes: 2048, ...o });

describe('the good package itself', () => {
  it('opens (so every rejection below is caused by its one change)', async () => {
    const opened = await openPackage({ file: good, recipient: cast.partner, state: trusting(), now: NOW, outDir: join(dir, 'good-out') });
    expect(opened.manifest.payload.chunks.length).toBeGreaterThanOrEqual(4);
    expect(readFileSync(opened.files['records.csv'], 'utf8')).toBe(sampleRecords(30));
  });
});

describe('altered bytes', () => {
  it('a flipped byte in the manifest ciphertext (CRC recomputed) is tampered', async () => {
    await expectRejected(await mutated(mapEntry('manifest.p7m', (d) => flip(d, -100))), 'tampered', { detail: /^manifest\.p7m: GCM/ });
  });
  it('a flipped byte in a payload part (CRC recomputed) is tampered', async () => {
    await expectRejected(await mutated(mapEntry('payload/part-000002.p7m', (d) => flip(d, -500))), 'tampered', { detail: /part-000002\.p7m: its bytes do not match/ });
  });
  it('a flipped byte in place (ZIP CRC now wrong) is tampered', async () => {
    const file = copyOfGood();
    // part-000001 is the first entry: 30-byte local header + its 23-byte name, then the CMS bytes.
    const inFirstPartCiphertext = 30 + 'payload/part-000001.p7m'.length + goodFirstPartSize - 100;
    writeFileSync(file, flip(readFileSync(file), inFirstPartCiphertext));
    await expectRejected(file, 'tampered', { detail: /CRC-32 of payload\/part-000001/ });
  });
  it('a tampered GCM tag on the manifest is tampered', async () => {
    await expectRejected(await mutated(mapEntry('manifest.p7m', (d) => flip(d, -1))), 'tampered', { detail: /^manifest\.p7m: GCM/ });
  });
  it('a tampered GCM tag on a part, even when the signed manifest commits to those bytes, is tampered', async () => {
    await expectRejected(viaOpenssl({ alterPart: (i, b) => (i === 0 ? flip(b, -1) : b) }), 'tampered', { detail: /part-000001\.p7m: GCM/ });
  });
  it('a part whose plaintext hash differs from the signed manifest is tampered', async () => {
    await expectRejected(
      viaOpenssl({ alterManifest: (m) => ({ ...m, payload: { ...m.payload, chunks: m.payload.chunks.map((c, i) => (i === 0 ? { ...c, sha256: 'ee'.repeat(32) } : c)) } }) }),
      'tampered',
      { detail: /part-000001\.p7m: decrypted bytes/ },
    );
  });
});

describe('wrong parties', () => {
  it('a package encrypted for another partner is not addressed to you', async () => {
    const p = await writePackage({ outPath: join(dir, 'to-other.sdx'), manifest: manifestInput({ recordCount: 2 }), files: payloadFiles(sampleRecords(2)), signer: cast.district, recipientCertPem: cast.otherPartner.certPem, now: NOW });
    await expectRejected(p.path, 'not-addressed-to-you');
  });
  it('a package signed by a district we do not trust is untrusted-signer', async () => {
    const p = await writePackage({ outPath: join(dir, 'other-district.sdx'), manifest: manifestInput({ recordCount: 2 }), files: payloadFiles(sampleRecords(2)), signer: cast.otherDistrict, recipientCertPem: cast.partner.certPem, now: NOW });
    await expectRejected(p.path, 'untrusted-signer');
  });
  it("a certificate with the district's issuer and serial but another key is signer-key-mismatch", async () => {
    const p = await writePackage({ outPath: join(dir, 'impostor.sdx'), manifest: manifestInput({ recordCount: 2 }), files: payloadFiles(sampleRecords(2)), signer: cast.impostor, recipientCertPem: cast.partner.certPem, now: NOW });
    await expectRejected(p.path, 'signer-key-mismatch');
  });
  it('a manifest signed for another partner but encrypted to us is recipient-mismatch', async () => {
    await expectRejected(viaOpenssl({ manifestRecipient: 'otherPartner' }), 'recipient-mismatch');
  });
});

describe('truncation and trailing bytes', () => {
  it('a file cut in half is truncated', async () => {
    const file = copyOfGood();
    truncateSync(file, Math.floor(readFileSync(file).length / 2));
    await expectRejected(file, 'truncated');
  });
  it('a ZIP missing its last bytes (end record cut) is truncated', async () => {
    const file = copyOfGood();
    truncateSync(file, readFileSync(file).length - 10);
    await expectRejected(file, 'truncated');
  });
  it('bytes after the ZIP end record are trailing-bytes', async () => {
    const file = copyOfGood();
    appendFileSync(file, Buffer.from('appended'));
    await expectRejected(file, 'trailing-bytes');
  });
  it('bytes after the manifest CMS structure are trailing-bytes', async () => {
    await expectRejected(await mutated(mapEntry('manifest.p7m', (d) => Buffer.concat([d, Buffer.from([0])]))), 'trailing-bytes');
  });
  it('bytes after a part CMS structure are trailing-bytes', async () => {
    await expectRejected(await mutated(mapEntry('payload/part-000001.p7m', (d) => Buffer.concat([d, Buffer.from('xx')]))), 'trailing-bytes');
  });
  it('a part whose CMS structure is cut short is truncated', async () => {
    await expectRejected(await mutated(mapEntry('payload/part-000003.p7m', (d) => d.subarray(0, d.length - 40))), 'truncated');
  });
});

describe('downgrades (made with openssl cms)', () => {
  it('AES-256-CBC content encryption (EnvelopedData) of the manifest', async () => {
    await expectRejected(viaOpenssl({ manifestCipher: '-aes-256-cbc' }), 'downgrade', { detail: /^manifest\.p7m: EnvelopedData/ });
  });
  it('AES-256-CBC content encryption of a payload part', async () => {
    await expectRejected(viaOpenssl({ partCipher: '-aes-256-cbc' }), 'downgrade', { detail: /^payload\/part-000001\.p7m: EnvelopedData/ });
  });
  it('RSA PKCS#1 v1.5 key transport', async () => {
    await expectRejected(viaOpenssl({ manifestKeyopts: '' }), 'downgrade', { detail: /key transport: RSA PKCS#1 v1\.5/ });
  });
  it('RSA-OAEP with SHA-1', async () => {
    await expectRejected(viaOpenssl({ manifestKeyopts: '-keyopt rsa_padding_mode:oaep' }), 'downgrade', { detail: /SHA-1/ });
  });
  it('3DES', async () => {
    await expectRejected(viaOpenssl({ manifestCipher: '-des3' }), 'downgrade', { detail: /^manifest\.p7m: EnvelopedData/ });
  });
  it('AES-128-GCM on a payload part', async () => {
    await expectRejected(viaOpenssl({ partCipher: '-aes-128-gcm' }), 'downgrade', { detail: /part-000001\.p7m content encryption: 2\.16\.840\.1\.101\.3\.4\.1\.6 / });
  });
  it('a SHA-1 signature digest', async () => {
    await expectRejected(viaOpenssl({ signFlags: '-md sha1' }), 'downgrade', { detail: /digest algorithm: 1\.3\.14\.3\.2\.26 / });
  });
  it('a signature without signed attributes', async () => {
    await expectRejected(viaOpenssl({ signFlags: '-noattr' }), 'downgrade', { detail: /signed attributes are missing/ });
  });
});

describe('replay, rollback, expiry, supersession (partner state through the interface)', () => {
  it('a package id imported before is replayed', async () => {
    await expectRejected(good, 'replayed', { state: { ...trusting(), isPackageSeen: (id) => id === '11111111-1111-4111-8111-111111111111' } });
  });
  it('a sequence not above the last imported one is rollback', async () => {
    await expectRejected(good, 'rollback', { state: { ...trusting(), lastSequence: (agreement) => (agreement === 'agr-1' ? 1 : undefined) } });
  });
  it('a package past its import deadline is expired', async () => {
    await expectRejected(good, 'expired', { now: new Date('2026-10-16T00:00:00Z') });
  });
  it('a package under an agreement the partner knows has ended is expired', async () => {
    await expectRejected(good, 'expired', { state: { ...trusting(), agreement: () => ({ currentVersion: 1, endsOn: '2026-09-01' }) } });
  });
  it('a package under an older agreement version is superseded-version', async () => {
    await expectRejected(good, 'superseded-version', { state: { ...trusting(), agreement: () => ({ currentVersion: 2 }) } });
  });
});

describe('parts removed, reordered, spliced', () => {
  it('a removed part is chunk-missing', async () => {
    await expectRejected(await mutated((es) => es.filter((e) => e.name !== 'payload/part-000003.p7m')), 'chunk-missing');
  });
  it('two parts swapped is tampered', async () => {
    const data = (es: Entry[], name: string) => es.find((e) => e.name === name)!.data;
    await expectRejected(
      await mutated((es) =>
        es.map((e) =>
          e.name === 'payload/part-000001.p7m' ? { ...e, data: data(es, 'payload/part-000002.p7m') } : e.name === 'payload/part-000002.p7m' ? { ...e, data: data(es, 'payload/part-000001.p7m') } : e,
        ),
      ),
      'tampered',
      { detail: /part-000001\.p7m: its bytes do not match/ },
    );
  });
  it('a part spliced in from another valid package for us is tampered', async () => {
    const foreign = (await unzipAll(other)).find((e) => e.name === 'payload/part-000002.p7m')!.data;
    await expectRejected(await mutated(mapEntry('payload/part-000002.p7m', () => foreign)), 'tampered', { detail: /part-000002\.p7m: its bytes/ });
  });
});

describe('ZIP entries', () => {
  it('an extra entry is bad-zip-entry', async () => {
    await expectRejected(await mutated((es) => [...es, { name: 'readme.txt', data: Buffer.from('hi') }]), 'bad-zip-entry');
  });
  it('a duplicate entry is bad-zip-entry', async () => {
    await expectRejected(await mutated((es) => [...es, es.find((e) => e.name === 'manifest.p7m')!]), 'bad-zip-entry');
  });
  it('a ../ entry is bad-zip-entry', async () => {
    await expectRejected(await mutated((es) => [...es, { name: 'payload/../../evil.p7m', data: Buffer.from('x') }]), 'bad-zip-entry');
  });
  it('an absolute path is bad-zip-entry', async () => {
    await expectRejected(await mutated((es) => [...es, { name: '/etc/cron.d/x', data: Buffer.from('x') }]), 'bad-zip-entry');
  });
  it('a file that is not a ZIP at all is not-a-package', async () => {
    const file = join(dir, 'notes.sdx');
    writeFileSync(file, 'student list\n'.repeat(20));
    await expectRejected(file, 'not-a-package');
  });
});

describe('payload contents against the manifest and agreement', () => {
  it('a column in records.csv that the manifest does not list is field-not-in-manifest', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => [`S${i}`, 'A', 'B', '5', '2010-01-01']);
    await expectRejected(viaOpenssl({ records: toCsv([...FIELDS, 'student.birthDate'], rows) }), 'field-not-in-manifest');
  });
  it('a field the agreement does not grant to the role is field-not-in-agreement', async () => {
    const granted = { tutor: FIELDS.filter((f) => f !== 'student.lastName') };
    await expectRejected(good, 'field-not-in-agreement', { state: { ...trusting(), agreement: () => ({ currentVersion: 1, grantedFields: granted }) } });
  });
  it('a record count that differs from the manifest is record-count-mismatch', async () => {
    await expectRejected(viaOpenssl({ manifest: manifestInput({ recordCount: 11 }) }), 'record-count-mismatch');
  });
  it('a manifest over 1 MB is manifest-too-large', async () => {
    await expectRejected(viaOpenssl({ manifestBytes: Buffer.from(`{"pad":"${'x'.repeat(1_060_000)}"}`) }), 'manifest-too-large');
  });
  it('a manifest far over 1 MB is refused from the ZIP directory, before decryption', async () => {
    await expectRejected(viaOpenssl({ manifestBytes: Buffer.from(`{"pad":"${'x'.repeat(3_000_000)}"}`) }), 'manifest-too-large');
  });
});
