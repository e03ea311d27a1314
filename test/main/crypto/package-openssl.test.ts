import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writePackage } from '../../../main/crypto/package-writer';
import { openPackage, verifyPackage } from '../../../main/crypto/package-reader';
import { freshReaderState } from '../../../main/crypto/package/state';
import { packageFileName } from '../../../main/crypto/package/rules';
import { makeCast, manifestInput, NOW, payloadFiles, sampleRecords, workDir, type Cast } from './helpers/fixtures';
import { opensslPackage } from './helpers/openssl-package';
import { bash, bashOk, PARTNER_IT_SCRIPT } from './helpers/shell';

let cast: Cast;
beforeAll(() => {
  cast = makeCast();
});
let cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
});
function work() {
  const w = workDir(cast);
  cleanups.push(w.cleanup);
  return w.dir;
}

/** Puts the package and the partner's files where the documented script expects them. */
function stageForPartnerIt(dir: string, sdx: string): void {
  copyFileSync(sdx, join(dir, 'pkg.sdx'));
  mkdirSync(join(dir, 'pkg'));
  for (const f of ['partner.pem', 'partner.key', 'district.pem']) copyFileSync(join(dir, f), join(dir, 'pkg', f));
}

describe('a package written by Steward opens with the OpenSSL CLI alone', () => {
  it('passes the partner-IT script of PACKAGE-FORMAT.md verbatim: signature verifies, payload hash equals the manifest, tar extracts the records', async () => {
    const dir = work();
    const records = sampleRecords(40);
    const out = join(dir, packageFileName('agr-1', '5f0c6a3e-1b2d-4c8e-9a7b-000000000001'));
    const written = await writePackage({
      outPath: out,
      manifest: manifestInput({ recordCount: 40 }),
      files: payloadFiles(records),
      signer: cast.district,
      recipientCertPem: cast.partner.certPem,
      now: NOW,
      chunkBytes: 1000,
    });
    expect(written.manifest.payload.chunks.length).toBeGreaterThan(3);
    stageForPartnerIt(dir, out);

    const r = bash(PARTNER_IT_SCRIPT, dir);
    expect(r.stderr).toContain('CMS Verification successful');
    expect(r.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'pkg', 'manifest.json'), 'utf8'));
    expect(manifest).toEqual(written.manifest);
    expect(r.stdout.split(/\s+/)[0]).toBe(manifest.payload.sha256);
    bashOk('mkdir x && tar -xf payload.bin -C x', join(dir, 'pkg'));
    expect(readFileSync(join(dir, 'pkg', 'x', 'records.csv'), 'utf8')).toBe(records);
    expect(readdirSync(join(dir, 'pkg', 'x')).sort()).toEqual(['dictionary.json', 'notice.txt', 'records.csv', 'revocations.json']);
  });

  it('addressed also to the district archive certificate, both the partner and the archive key open it with openssl', async () => {
    const dir = work();
    const out = join(dir, 'two.sdx');
    await writePackage({
      outPath: out,
      manifest: manifestInput({ recordCount: 3 }),
      files: payloadFiles(sampleRecords(3)),
      signer: cast.district,
      recipientCertPem: cast.partner.certPem,
      archiveCertPem: cast.otherPartner.certPem,
      now: NOW,
    });
    bashOk(`unzip -q ${out} -d two`, dir);
    for (const who of ['partner', 'otherPartner']) {
      const r = bash(`set -euo pipefail; openssl cms -decrypt -binary -inform DER -in two/manifest.p7m -recip ${who}.pem -inkey ${who}.key | openssl cms -verify -binary -inform DER -CAfile district.pem -out /dev/null`, dir);
      expect(r.status, r.stderr).toBe(0);
    }
  });
});

describe('a package assembled with the OpenSSL CLI opens in Steward', () => {
  it('reads the records of an `openssl cms -encrypt -aes-256-gcm` / `-sign` / `zip -0` package made with GNU tar', async () => {
    const dir = work();
    const records = sampleRecords(25);
    const sdx = opensslPackage({ dir, manifest: manifestInput({ recordCount: 25 }), records, chunkBytes: 2048 });
    const opened = await openPackage({ file: sdx, recipient: cast.partner, state: freshReaderState([cast.district.certPem]), now: NOW, outDir: join(dir, 'opened') });
    expect(opened.manifest.payload.chunks.length).toBeGreaterThan(1);
    expect(readFileSync(opened.files['records.csv'], 'utf8')).toBe(records);
    expect(readFileSync(opened.files['notice.txt'], 'utf8')).toBe('Do not redisclose.\n');
    expect(opened.signer.sha256).toBe(opened.manifest.parties.district.signerCertSha256);
  });
});

describe('many parts', () => {
  it('round-trips a 2 MB payload cut into 64 KiB parts, and verify alone writes no files', async () => {
    const dir = work();
    const records = sampleRecords(60_000);
    expect(records.length).toBeGreaterThan(2_000_000);
    const out = join(dir, 'big.sdx');
    const progress: number[] = [];
    const written = await writePackage({
      outPath: out,
      manifest: manifestInput({ recordCount: 60_000 }),
      files: payloadFiles(records),
      signer: cast.district,
      recipientCertPem: cast.partner.certPem,
      now: NOW,
      chunkBytes: 64 * 1024,
      onProgress: (p) => progress.push(p.bytesDone / p.bytesTotal),
    });
    expect(written.manifest.payload.chunks.length).toBe(Math.ceil(written.manifest.payload.size / 65536));
    expect(progress.at(-1)).toBe(1);
    const state = freshReaderState([cast.district.certPem]);
    const verified = await verifyPackage({ file: out, recipient: cast.partner, state, now: NOW });
    expect(verified.manifest.dataset.recordCount).toBe(60_000);
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
    const opened = await openPackage({ file: out, recipient: cast.partner, state, now: NOW, outDir: join(dir, 'opened') });
    expect(readFileSync(opened.files['records.csv'], 'utf8')).toBe(records);
    expect(existsSync(join(dir, 'opened', 'records.csv'))).toBe(true);
  });
});
