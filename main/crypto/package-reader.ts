import { createHash, createPrivateKey, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { StewardError } from '../../shared/api/result';
import { MAX_MANIFEST_BYTES, parseManifest, type Manifest, type PayloadFileName } from '../../shared/package/manifest';
import { certificateInfo, type CertificateInfo } from './certificate';
import { openEnvelope } from './cms/auth-enveloped';
import { verifySignedContent } from './cms/signed-data';
import type { Identity } from './identity';
import { PackageFailure, toStewardError } from './package-failure';
import { checkPartHeader, readPart } from './package/read-part';
import { PayloadSink } from './package/payload-sink';
import { MANIFEST_ENTRY, PART_ENTRY, sdxZipRules } from './package/rules';
import type { PackageReaderState } from './package/state';
import { readEntryBytes, readZipDirectory, type ZipEntry } from './zip/zip-reader';

/**
 * Opens an SDX/1 package with every check of PACKAGE-FORMAT.md, in its order, stopping at the
 * first failure with StewardError('PACKAGE_REJECTED', <plain words>, {file}, <reason>):
 *
 *  1. ZIP structure and entry allow-list
 *  2. manifest decrypts with our key (not-addressed-to-you; its algorithms: downgrade)
 *  3. signature valid, signer = pinned district certificate (untrusted-signer, signer-key-mismatch)
 *  4. manifest.json well-formed and at most 1 MB; signed recipient = our certificate
 *  5. every part's algorithms on the allow-list (downgrade)
 *  6. packageId never seen (replayed), sequence above the last (rollback)
 *  7. not expired, agreement version current (expired, superseded-version)
 *  8. every part: present, ciphertext hash, GCM tag, plaintext hash (chunk-missing, tampered)
 *  9. records.csv fields and record count equal the manifest (and the agreement's grant)
 *
 * Algorithms are checked on each structure before its key is used, so a downgraded manifest
 * envelope is refused at step 2, never decrypted. Plaintext goes to `<outDir>.partial-*` and is
 * renamed to `outDir` only after every check passed; on failure the partial folder is deleted.
 */

export interface OpenPackageInput {
  /** The .sdx file. */
  file: string;
  /** Our encryption identity (the partner's certificate and private key). */
  recipient: Identity;
  state: PackageReaderState;
  now: Date;
}

export interface VerifiedPackage {
  manifest: Manifest;
  /** SHA-256 of manifest.json (what the next package's previousPackageSha256 names). */
  manifestSha256: string;
  signer: { sha256: string; subject: string };
  signingTime: string;
}

export interface OpenedPackage extends VerifiedPackage {
  dir: string;
  files: Record<PayloadFileName, string>;
}

/** All checks; the payload is decrypted and checked but written nowhere. */
export async function verifyPackage(input: OpenPackageInput): Promise<VerifiedPackage> {
  return run(input, undefined);
}

/**
 * All checks, then the payload files (records.csv, dictionary.json, revocations.json,
 * notice.txt) appear in `outDir`, which must not exist yet. The caller imports them and deletes
 * the folder; it must re-check replay and sequence in the transaction that records the import.
 */
export async function openPackage(input: OpenPackageInput & { outDir: string }): Promise<OpenedPackage> {
  if (existsSync(input.outDir)) throw new StewardError('CONFLICT', 'The folder for the opened package already exists.', { file: input.outDir });
  const partial = `${input.outDir}.partial-${randomBytes(6).toString('hex')}`;
  await mkdir(partial, { mode: 0o700 });
  try {
    const verified = await run(input, partial);
    await rename(partial, input.outDir);
    return { ...verified, dir: input.outDir, files: PayloadSink.paths(input.outDir) };
  } catch (e) {
    await rm(partial, { recursive: true, force: true });
    throw e;
  }
}

async function run(input: OpenPackageInput, dir: string | undefined): Promise<VerifiedPackage> {
  let fh: FileHandle;
  try {
    fh = await open(input.file, 'r');
  } catch {
    throw new StewardError('NOT_FOUND', 'The package file could not be opened. Check that it exists and you may read it.', { file: input.file });
  }
  try {
    return await checkPackage(fh, input, dir);
  } catch (e) {
    throw e instanceof PackageFailure ? toStewardError(e, input.file) : e;
  } finally {
    await fh.close();
  }
}

async function checkPackage(fh: FileHandle, input: OpenPackageInput, dir: string | undefined): Promise<VerifiedPackage> {
  const { state, now } = input;
  // 1. ZIP
  const entries = await readZipDirectory(fh, (await fh.stat()).size, sdxZipRules);
  const manifestEntry = entries.find((e) => e.name === MANIFEST_ENTRY);
  if (!manifestEntry) throw new PackageFailure('chunk-missing', 'zip: manifest.p7m is missing');
  const parts = entries.filter((e) => PART_ENTRY.test(e.name)).sort((a, b) => (a.name < b.name ? -1 : 1));

  // 2.-3. decrypt, verify
  const ours = { cert: certificateInfo(input.recipient.certPem), key: createPrivateKey(input.recipient.keyPem) };
  const signed = openEnvelope(await readEntryBytes(fh, manifestEntry), ours, MANIFEST_ENTRY);
  const trusted: CertificateInfo[] = state.pinnedDistrictCertificates().map((pem) => certificateInfo(pem));
  const verified = verifySignedContent(signed, { trusted, maxContentBytes: MAX_MANIFEST_BYTES, what: 'manifest' });

  // 4. manifest
  const manifest = parseVerifiedManifest(verified.content);
  if (manifest.parties.district.signerCertSha256 !== verified.signer.sha256) {
    throw new PackageFailure('bad-manifest', 'manifest: the signer certificate hash differs from the signer');
  }
  if (manifest.parties.partner.recipientCertSha256 !== ours.cert.sha256) {
    throw new PackageFailure('recipient-mismatch', 'manifest: signed for another recipient certificate');
  }

  // 5. algorithms of every part
  for (const part of parts) await checkPartHeader(fh, part, ours.cert);

  // 6.-7. replay, rollback, expiry, version
  checkAgainstState(manifest, state, now);

  // 8. parts
  const byName = new Map(parts.map((p) => [p.name, p]));
  const missing = manifest.payload.chunks.find((c) => !byName.has(c.name));
  if (missing) throw new PackageFailure('chunk-missing', `${missing.name} is missing`);
  if (parts.length !== manifest.payload.chunks.length) throw new PackageFailure('tampered', 'zip: parts the manifest does not list');
  const sink = new PayloadSink(dir);
  const payloadHash = createHash('sha256');
  try {
    for (const chunk of manifest.payload.chunks) await readPart(fh, byName.get(chunk.name) as ZipEntry, chunk, ours, sink, payloadHash);
  } finally {
    await sink.close();
  }
  if (payloadHash.digest('hex') !== manifest.payload.sha256) throw new PackageFailure('tampered', 'payload: hash differs from the manifest');

  // 9. fields and count
  const csv = sink.finish();
  checkDataset(manifest, csv.header, csv.records, state);

  return {
    manifest,
    manifestSha256: createHash('sha256').update(verified.content).digest('hex'),
    signer: { sha256: verified.signer.sha256, subject: verified.signer.x509.subject },
    signingTime: verified.signingTime.toISOString(),
  };
}

function parseVerifiedManifest(content: Buffer): Manifest {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    throw new PackageFailure('bad-manifest', 'manifest.json is not UTF-8');
  }
  const parsed = parseManifest(text);
  if (!parsed.ok) {
    const first = parsed.problems[0];
    throw new PackageFailure('bad-manifest', `manifest.json: ${first?.field} ${first?.message}`);
  }
  return parsed.manifest;
}

function checkAgainstState(manifest: Manifest, state: PackageReaderState, now: Date): void {
  const agreementId = manifest.agreement.id;
  if (state.isPackageSeen(manifest.identity.packageId)) throw new PackageFailure('replayed', 'package id already imported');
  const last = state.lastSequence(agreementId);
  if (last !== undefined && manifest.identity.sequence <= last) {
    throw new PackageFailure('rollback', `sequence ${manifest.identity.sequence} is not above ${last}`);
  }
  const known = state.agreement(agreementId);
  const today = now.toISOString().slice(0, 10);
  if (now.getTime() > Date.parse(manifest.time.expires)) throw new PackageFailure('expired', 'the import deadline has passed');
  if (today > manifest.agreement.endsOn || (known?.endsOn !== undefined && today > known.endsOn)) {
    throw new PackageFailure('expired', 'the agreement has ended');
  }
  if (known && manifest.agreement.version < known.currentVersion) {
    throw new PackageFailure('superseded-version', `agreement version ${manifest.agreement.version} is older than ${known.currentVersion}`);
  }
}

function checkDataset(manifest: Manifest, header: string[], records: number, state: PackageReaderState): void {
  const listed = new Set(manifest.dataset.fields);
  const stranger = header.find((f) => !listed.has(f));
  if (stranger !== undefined) throw new PackageFailure('field-not-in-manifest', 'records.csv has a column the manifest does not list');
  if (header.join('\n') !== manifest.dataset.fields.join('\n')) {
    throw new PackageFailure('payload-malformed', 'records.csv columns are not the manifest fields in order');
  }
  const granted = state.agreement(manifest.agreement.id)?.grantedFields?.[manifest.parties.role];
  if (granted && manifest.dataset.fields.some((f) => !granted.includes(f))) {
    throw new PackageFailure('field-not-in-agreement', 'a field is not granted to this role');
  }
  if (records !== manifest.dataset.recordCount) {
    throw new PackageFailure('record-count-mismatch', `records.csv has ${records} records, the manifest says ${manifest.dataset.recordCount}`);
  }
}
