import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStewardError } from '../../../shared/api/result';
import {
  certificateFingerprint,
  createDistrictSigningIdentity,
  createPartnerEncryptionIdentity,
  describeCertificate,
  keyMatchesCertificate,
  type Identity,
} from '../../../main/crypto/identity';
import { exportPkcs12, importPkcs12 } from '../../../main/crypto/pkcs12';
import { workDir } from './helpers/fixtures';
import { bash, bashOk } from './helpers/shell';

let district: Identity;
let partner: Identity;
let dir: string;
let cleanup: () => void;
let districtP12: Buffer;
const created = new Date('2026-09-15T12:00:00Z');
const passphrase = 'Correct horse büttery staple';

beforeAll(() => {
  district = createDistrictSigningIdentity({ organization: 'Springfield Public Schools & Co', now: created });
  partner = createPartnerEncryptionIdentity({ organization: 'Bright Futures Tutoring', now: created });
  ({ dir, cleanup } = workDir());
  writeFileSync(join(dir, 'district.pem'), district.certPem);
  writeFileSync(join(dir, 'partner.pem'), partner.certPem);
  // PBKDF2 runs in forge's JavaScript (~1 s): export once, read it in several tests.
  districtP12 = exportPkcs12(district, passphrase);
  writeFileSync(join(dir, 'district.p12'), districtP12);
});
afterAll(() => cleanup());

describe('district signing identity', () => {
  it('is an RSA-3072 self-signed X.509 v3 certificate that openssl reads: CN/O from the name, signing key usages, 3 years', () => {
    const text = bashOk('openssl x509 -in district.pem -noout -text', dir);
    expect(text).toContain('Version: 3 (0x2)');
    expect(text).toContain('Public-Key: (3072 bit)');
    expect(text).toContain('Signature Algorithm: sha256WithRSAEncryption');
    expect(text).toContain('Subject: CN = Springfield Public Schools & Co package signing, O = Springfield Public Schools & Co');
    expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Non Repudiation/);
    expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:FALSE/);
    expect(text).toContain('Not After : Sep 15 12:00:00 2029 GMT');
    // self-signed: issuer is subject and the signature verifies under its own key
    const x509 = new X509Certificate(district.certPem);
    expect(x509.issuer).toBe(x509.subject);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(keyMatchesCertificate(district)).toBe(true);
  });

  it('the key of one identity does not match the certificate of another', () => {
    expect(keyMatchesCertificate({ certPem: partner.certPem, keyPem: district.keyPem })).toBe(false);
  });
});

describe('partner encryption identity', () => {
  it('has keyUsage keyEncipherment only', () => {
    const text = bashOk('openssl x509 -in partner.pem -noout -text', dir);
    expect(text).toMatch(/X509v3 Key Usage: critical\s+Key Encipherment\n/);
    expect(describeCertificate(partner.certPem, created).keyUsage).toEqual(['keyEncipherment']);
  });
});

describe('fingerprints and expiry', () => {
  it('the fingerprint is openssl\'s SHA-256 fingerprint in 16 groups of four, for reading aloud', () => {
    const openssl = bashOk('openssl x509 -in partner.pem -noout -fingerprint -sha256', dir).trim().split('=')[1]!.replace(/:/g, '');
    const shown = certificateFingerprint(partner.certPem);
    expect(shown.split(' ')).toHaveLength(16);
    expect(shown.replace(/ /g, '')).toBe(openssl);
    expect(describeCertificate(partner.certPem, created).sha256).toBe(openssl.toLowerCase());
  });

  it('flags a certificate 30 days before it expires, and after', () => {
    expect(describeCertificate(district.certPem, new Date('2029-08-10T00:00:00Z')).expiry).toBe('valid');
    expect(describeCertificate(district.certPem, new Date('2029-08-20T00:00:00Z')).expiry).toBe('expiring-soon');
    expect(describeCertificate(district.certPem, new Date('2029-09-16T00:00:00Z')).expiry).toBe('expired');
  });
});

describe('PKCS#12', () => {
  it('exports a .p12 that `openssl pkcs12 -info` reads: PBES2 AES-256-CBC key bag, SHA-256 MAC; openssl extracts the same key', () => {
    const info = bash(`openssl pkcs12 -info -noout -in district.p12 -passin 'pass:${passphrase}'`, dir);
    expect(info.status).toBe(0);
    expect(info.stderr).toContain('MAC: sha256');
    expect(info.stderr).toMatch(/Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration \d+, PRF hmacWithSHA256/);
    bashOk(`openssl pkcs12 -in district.p12 -nodes -nocerts -passin 'pass:${passphrase}' -out key.pem`, dir);
    const modulus = (args: string) => bashOk(`openssl ${args} -noout -modulus`, dir);
    expect(modulus('rsa -in key.pem')).toBe(modulus('x509 -in district.pem'));
  });

  it('round-trips key and certificate, and refuses a wrong passphrase with WRONG_PASSPHRASE', () => {
    const p12 = districtP12;
    const back = importPkcs12(p12, passphrase);
    expect(back.certPem).toBe(district.certPem);
    expect(keyMatchesCertificate(back)).toBe(true);
    let error: unknown;
    try {
      importPkcs12(p12, 'not the passphrase');
    } catch (e) {
      error = e;
    }
    expect(isStewardError(error) && error.code).toBe('WRONG_PASSPHRASE');
  });

  it("imports a .p12 written by `openssl pkcs12 -export` with OpenSSL 3's defaults", () => {
    writeFileSync(join(dir, 'partner.key'), partner.keyPem);
    bashOk(`openssl pkcs12 -export -in partner.pem -inkey partner.key -passout 'pass:${passphrase}' -out partner.p12`, dir);
    const back = importPkcs12(readFileSync(join(dir, 'partner.p12')), passphrase);
    expect(back.certPem).toBe(partner.certPem);
    expect(keyMatchesCertificate(back)).toBe(true);
  });

  it('refuses a short passphrase and a file that is not PKCS#12', () => {
    expect(() => exportPkcs12(district, 'short')).toThrow(/at least 8 characters/);
    expect(() => importPkcs12(Buffer.from(district.certPem), passphrase)).toThrow(/not a PKCS#12/);
  });
});
