import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { generateKeyPairSync } from 'node:crypto';
import { toCsv } from '../../../../shared/util/csv-write';
import { createDistrictSigningIdentity, createPartnerEncryptionIdentity, type Identity } from '../../../../main/crypto/identity';
import { inputFromBuffer } from '../../../../main/crypto/payload/inputs';
import type { NamedInput } from '../../../../main/crypto/payload/tar';
import type { ManifestInput } from '../../../../main/crypto/package-writer';

/** The clock every package test uses (inside the agreement term). */
export const NOW = new Date('2026-09-15T12:00:00Z');

export interface Cast {
  district: Identity;
  partner: Identity;
  otherPartner: Identity;
  otherDistrict: Identity;
  /** Same issuer, subject and serial as `district`, another key: an imitation. */
  impostor: Identity;
}

/** Real RSA-3072 identities (generate once per test file, in beforeAll). */
export function makeCast(): Cast {
  const district = createDistrictSigningIdentity({ organization: 'Springfield Public Schools', now: new Date('2026-01-01T00:00:00Z') });
  return {
    district,
    partner: createPartnerEncryptionIdentity({ organization: 'Bright Futures Tutoring', now: new Date('2026-01-01T00:00:00Z') }),
    otherPartner: createPartnerEncryptionIdentity({ organization: 'Other Partner', now: new Date('2026-01-01T00:00:00Z') }),
    otherDistrict: createDistrictSigningIdentity({ organization: 'Shelbyville Schools', now: new Date('2026-01-01T00:00:00Z') }),
    impostor: imitate(district),
  };
}

function imitate(original: Identity): Identity {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 3072,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const cert = forge.pki.certificateFromPem(original.certPem);
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  cert.sign(forge.pki.privateKeyFromPem(privateKey), forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: privateKey };
}

export const FIELDS = ['student.localId', 'student.firstName', 'student.lastName', 'student.grade'];

/** Deterministic synthetic rows (no real people), including cells that need quoting. */
export function sampleRecords(count: number, seed = 1): string {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31);
  const rows = Array.from({ length: count }, (_, i) => [
    `S${String(i + 1).padStart(6, '0')}`,
    i % 7 === 0 ? 'Ann "Annie"\nLee' : `Given${next() % 1000}`,
    i % 11 === 0 ? '=HYPERLINK("x")' : `Family${next() % 1000}, Jr`,
    String((next() % 12) + 1),
  ]);
  return toCsv(FIELDS, rows);
}

export function payloadFiles(records: string | Buffer): NamedInput[] {
  return [
    inputFromBuffer('records.csv', records),
    inputFromBuffer('dictionary.json', JSON.stringify(FIELDS.map((id) => ({ field: id, label: id })), null, 2)),
    inputFromBuffer('revocations.json', '[]\n'),
    inputFromBuffer('notice.txt', 'You may not redisclose these records. Destroy them by 2027-07-31.\n'),
  ];
}

let counter = 0;
/** A valid manifest input for `sequence` under agreement `agr-1` version 1. */
export function manifestInput(overrides: { sequence?: number; packageId?: string; recordCount: number; fields?: string[] }): ManifestInput {
  counter += 1;
  const sequence = overrides.sequence ?? 1;
  return {
    identity: {
      packageId: overrides.packageId ?? `5f0c6a3e-1b2d-4c8e-9a7b-${String(counter).padStart(12, '0')}`,
      sequence,
      previousPackageSha256: sequence === 1 ? null : 'ab'.repeat(32),
    },
    agreement: { id: 'agr-1', version: 1, documentSha256: 'cd'.repeat(32), endsOn: '2027-06-30' },
    parties: { district: { id: 'district-1' }, partner: { id: 'partner-1' }, role: 'tutor', purpose: 'After-school tutoring', legalBasis: 'school-official' },
    dataset: { fields: overrides.fields ?? FIELDS, recordCount: overrides.recordCount, schemaVersion: 1 },
    time: { created: '2026-09-15T12:00:00Z', expires: '2026-10-15T12:00:00Z', destroyBy: '2027-07-31' },
  };
}

/** A temp folder, with the identities written as PEM files for the openssl CLI. */
export function workDir(cast?: Cast): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'steward-pkg-'));
  if (cast) {
    for (const [name, id] of Object.entries(cast)) {
      writeFileSync(join(dir, `${name}.pem`), id.certPem);
      writeFileSync(join(dir, `${name}.key`), id.keyPem, { mode: 0o600 });
    }
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
