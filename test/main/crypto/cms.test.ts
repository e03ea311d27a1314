import { createPrivateKey, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateInfo, type CertificateInfo } from '../../../main/crypto/certificate';
import { createEnvelopeWriter, openEnvelope, sealEnvelope } from '../../../main/crypto/cms/auth-enveloped';
import { signContent, verifySignedContent } from '../../../main/crypto/cms/signed-data';
import { PackageFailure } from '../../../main/crypto/package-failure';
import { makeCast, NOW, workDir, type Cast } from './helpers/fixtures';
import { GOOD_KEYOPTS } from './helpers/openssl-package';
import { flip } from './helpers/rezip';
import { bash, bashOk } from './helpers/shell';

let cast: Cast;
let dir: string;
let cleanup: () => void;
let district: CertificateInfo;
let partner: CertificateInfo;
let archive: CertificateInfo;
const ours = () => ({ cert: partner, key: createPrivateKey(cast.partner.keyPem) });

beforeAll(() => {
  cast = makeCast();
  ({ dir, cleanup } = workDir(cast));
  district = certificateInfo(cast.district.certPem);
  partner = certificateInfo(cast.partner.certPem);
  archive = certificateInfo(cast.otherPartner.certPem);
});
afterAll(() => cleanup());

function failure(f: () => unknown): PackageFailure {
  try {
    f();
  } catch (e) {
    if (e instanceof PackageFailure) return e;
    throw e;
  }
  throw new Error('expected a PackageFailure');
}

describe('SignedData', () => {
  it('ours verifies with `openssl cms -verify -CAfile district.pem` and yields the exact content', () => {
    const content = Buffer.from('{"manifest":"é ✓"}');
    writeFileSync(join(dir, 'ours.p7s'), signContent(content, { cert: district, key: createPrivateKey(cast.district.keyPem) }, NOW));
    const r = bash('openssl cms -verify -binary -inform DER -in ours.p7s -CAfile district.pem -out ours.json', dir);
    expect(r.stderr).toContain('CMS Verification successful');
    expect(readFileSync(join(dir, 'ours.json'))).toEqual(content);
    // signed attributes are the three of PACKAGE-FORMAT.md
    const printed = bashOk('openssl cms -cmsout -print -inform DER -in ours.p7s', dir);
    for (const attr of ['contentType', 'signingTime', 'messageDigest']) expect(printed).toContain(attr);
  });

  it("openssl's own `cms -sign` output (with its S/MIME capabilities attribute) verifies in ours", () => {
    bashOk('printf \'{"from":"openssl"}\' > in.json && openssl cms -sign -binary -nodetach -in in.json -signer district.pem -inkey district.key -outform DER -out theirs.p7s', dir);
    const v = verifySignedContent(readFileSync(join(dir, 'theirs.p7s')), { trusted: [district], maxContentBytes: 1 << 20, what: 'theirs' });
    expect(v.content.toString()).toBe('{"from":"openssl"}');
    expect(v.signer.sha256).toBe(district.sha256);
  });

  it('a content byte changed after signing is bad-signature', () => {
    const signed = signContent(Buffer.from('{"recordCount":10}'), { cert: district, key: createPrivateKey(cast.district.keyPem) }, NOW);
    const at = signed.indexOf(Buffer.from('10}'));
    signed[at] = '9'.charCodeAt(0);
    expect(failure(() => verifySignedContent(signed, { trusted: [district], maxContentBytes: 1 << 20, what: 'm' })).reason).toBe('bad-signature');
  });
});

describe('AuthEnvelopedData', () => {
  it('ours, addressed to two recipients, decrypts with `openssl cms -decrypt` for each', () => {
    const plain = randomBytes(3000);
    writeFileSync(join(dir, 'two.p7m'), sealEnvelope(plain, [partner, archive]));
    for (const who of ['partner', 'otherPartner']) {
      bashOk(`openssl cms -decrypt -binary -inform DER -in two.p7m -recip ${who}.pem -inkey ${who}.key -out two-${who}.bin`, dir);
      expect(readFileSync(join(dir, `two-${who}.bin`))).toEqual(plain);
    }
    const printed = bashOk('openssl cms -cmsout -print -inform DER -in two.p7m', dir);
    expect(printed.match(/algorithm: rsaesOaep/g)).toHaveLength(2);
    expect(printed).toContain('algorithm: aes-256-gcm');
  });

  it('announces its exact DER length before encrypting, at every length-encoding boundary (openssl agrees)', () => {
    for (const size of [1, 127, 128, 255, 256, 65_535, 65_536, 70_000]) {
      const plain = randomBytes(size);
      const w = createEnvelopeWriter([partner], size);
      const der = Buffer.concat([w.header, w.update(plain.subarray(0, 7)), w.update(plain.subarray(7)), w.final()]);
      expect(der.length).toBe(w.totalLength);
      writeFileSync(join(dir, 'b.p7m'), der);
      bashOk('openssl cms -decrypt -binary -inform DER -in b.p7m -recip partner.pem -inkey partner.key -out b.bin', dir);
      expect(readFileSync(join(dir, 'b.bin')).equals(plain)).toBe(true);
    }
  });

  it("openssl's AES-256-GCM + RSA-OAEP-SHA256 output opens in ours", () => {
    const plain = randomBytes(10_000);
    writeFileSync(join(dir, 'p.bin'), plain);
    bashOk(`openssl cms -encrypt -binary -aes-256-gcm -in p.bin -recip partner.pem ${GOOD_KEYOPTS} -outform DER -out p.p7m`, dir);
    expect(openEnvelope(readFileSync(join(dir, 'p.p7m')), ours(), 'p').equals(plain)).toBe(true);
  });

  it("openssl's -stream output (BER indefinite lengths) is refused as not DER", () => {
    bashOk(`head -c 2000 /dev/zero > z.bin && openssl cms -encrypt -stream -binary -aes-256-gcm -in z.bin -recip partner.pem ${GOOD_KEYOPTS} -outform DER -out s.p7m`, dir);
    const f = failure(() => openEnvelope(readFileSync(join(dir, 's.p7m')), ours(), 's'));
    expect([f.reason, f.detail]).toEqual(['malformed', 's: indefinite length (BER) is not DER']);
  });

  it('a tampered GCM tag is tampered in ours', () => {
    const sealed = sealEnvelope(Buffer.from('hello'), [partner]);
    expect(failure(() => openEnvelope(flip(sealed, -1), ours(), 'm')).reason).toBe('tampered');
  });

  it('the pipefail pitfall: on a tampered tag `openssl cms -decrypt` exits 4, which a pipe without pipefail hides', () => {
    const plain = randomBytes(100_000);
    writeFileSync(join(dir, 'bad.p7m'), flip(sealEnvelope(plain, [partner]), -1));
    const decrypt = 'openssl cms -decrypt -binary -inform DER -in bad.p7m -recip partner.pem -inkey partner.key';
    expect(bash(`${decrypt} -out bad.bin`, dir).status).toBe(4);
    // Without pipefail the pipeline's status is sha256sum's: the tampered part "succeeds".
    const hidden = bash(`set -eu; ${decrypt} | sha256sum`, dir);
    expect(hidden.status).toBe(0);
    expect(hidden.stdout).toMatch(/^[0-9a-f]{64} {2}-/);
    const caught = bash(`set -euo pipefail; ${decrypt} | sha256sum`, dir);
    expect(caught.status).toBe(4);
  });
});
