import { createHash, createPrivateKey, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rename, stat } from 'node:fs/promises';
import { StewardError } from '../../shared/api/result';
import {
  checkManifest,
  chunkEntryName,
  DEFAULT_CHUNK_BYTES,
  Manifest,
  MAX_CHUNK_BYTES,
  MAX_MANIFEST_BYTES,
  PACKAGE_ALGORITHMS,
  PACKAGE_FORMAT,
  PACKAGE_FORMAT_VERSION,
  PAYLOAD_FILES,
  type ManifestChunk,
} from '../../shared/package/manifest';
import { canonicalJson } from '../../shared/util/canonical-json';
import { certificateInfo, type CertificateInfo } from './certificate';
import { createEnvelopeWriter, sealEnvelope } from './cms/auth-enveloped';
import { signContent } from './cms/signed-data';
import type { Identity } from './identity';
import { plaintextHashes, type PlaintextHashes } from './package/plaintext-hashes';
import { MANIFEST_ENTRY } from './package/rules';
import { CsvScanner } from './payload/csv-scan';
import { IO_CHUNK_BYTES } from './payload/inputs';
import { ReadAhead } from './payload/read-ahead';
import { TarSource, tarSize, type NamedInput } from './payload/tar';
import { ZipWriter } from './zip/zip-writer';

/**
 * Writes an SDX/1 package (PACKAGE-FORMAT.md): the payload files are put in a ustar archive,
 * cut into slices, each slice encrypted as its own AuthEnvelopedData straight into the ZIP
 * (flat memory whatever the size); then manifest.json, which commits to every part by size and
 * hash, is signed by the district and encrypted to the partner (and optionally the district's
 * archive certificate) as manifest.p7m. The file appears under its name only when complete.
 */

/** The manifest minus what the writer computes (format, certificate hashes, payload). */
export interface ManifestInput {
  identity: { packageId: string; sequence: number; previousPackageSha256: string | null };
  agreement: Manifest['agreement'];
  parties: { district: { id: string }; partner: { id: string }; role: string; purpose: string; legalBasis: Manifest['parties']['legalBasis'] };
  dataset: Manifest['dataset'];
  time: Manifest['time'];
}

export interface WritePackageInput {
  /** Where the .sdx goes (see packageFileName); must not exist. */
  outPath: string;
  manifest: ManifestInput;
  /**
   * records.csv, dictionary.json, revocations.json, notice.txt, in that order. records.csv's
   * header row must be manifest.dataset.fields and it must hold manifest.dataset.recordCount
   * records: the writer checks the header, the partner's reader checks both.
   */
  files: readonly NamedInput[];
  signer: Identity;
  /** The partner's encryption certificate (PEM). */
  recipientCertPem: string;
  /** Optionally the district's own archive certificate, so the district can open its copy. */
  archiveCertPem?: string;
  /** Signing time and the timestamp on the ZIP and tar entries. */
  now: Date;
  /** Plaintext bytes per part; 64 MiB unless a test wants many parts. */
  chunkBytes?: number;
  onProgress?: (progress: { bytesDone: number; bytesTotal: number }) => void;
}

export interface WrittenPackage {
  path: string;
  manifest: Manifest;
  /** SHA-256 of manifest.json: the next package's previousPackageSha256. */
  manifestSha256: string;
  /** Bytes of the .sdx file. */
  size: number;
}

/** Plaintext bytes read, hashed and encrypted per step (a part boundary also ends a block). */
const BLOCK_BYTES = 1024 * 1024;

export async function writePackage(input: WritePackageInput): Promise<WrittenPackage> {
  const chunkBytes = input.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  if (!Number.isInteger(chunkBytes) || chunkBytes < 1 || chunkBytes > MAX_CHUNK_BYTES) throw new Error('chunkBytes must be 1..64 MiB');
  const names = input.files.map((f) => f.name);
  if (names.join('\n') !== PAYLOAD_FILES.join('\n')) {
    throw new StewardError('BAD_INPUT', `A package payload is exactly ${PAYLOAD_FILES.join(', ')}, in that order.`);
  }
  if (existsSync(input.outPath)) throw new StewardError('CONFLICT', 'A file with this name already exists; choose another name or folder.', { file: input.outPath });
  const signer = { cert: certificateInfo(input.signer.certPem), key: createPrivateKey(input.signer.keyPem) };
  const recipients = [certificateInfo(input.recipientCertPem), ...(input.archiveCertPem ? [certificateInfo(input.archiveCertPem)] : [])];

  const payloadSize = tarSize(input.files);
  const sizes: number[] = [];
  for (let left = payloadSize; left > 0; left -= chunkBytes) sizes.push(Math.min(chunkBytes, left));
  // Fail before streaming anything if the manifest would be refused: same checks, placeholder hashes.
  const draft = buildManifest(input.manifest, signer.cert, recipients[0]!, payloadSize, '0'.repeat(64), sizes.map((size, i) => placeholderChunk(i, size)));
  assertSound(draft);

  const partial = `${input.outPath}.partial-${randomBytes(6).toString('hex')}`;
  const zip = await ZipWriter.create(partial, input.now);
  let hashes: PlaintextHashes | undefined;
  try {
    hashes = plaintextHashes({ payloadBytes: payloadSize, parts: sizes.length, blockBytes: Math.min(BLOCK_BYTES, payloadSize) });
    // Only the header row: a full record count costs ~20% of creation time, and the partner's
    // reader counts the records anyway. The caller states recordCount (it wrote the rows).
    const csv = new CsvScanner(true);
    const files = input.files.map((f) => (f.name === 'records.csv' ? tapped(f, (chunk) => csv.push(chunk)) : f));
    // Blocks end at part boundaries; each is read while the one before it is encrypted.
    const blocks = new ReadAhead(new TarSource(files, input.now), sizes.flatMap((size) => blockLengths(size)), hashes);
    const parts: { chunk: Omit<ManifestChunk, 'sha256'>; sha256: Promise<string> }[] = [];
    let bytesDone = 0;
    try {
      for (const [i, size] of sizes.entries()) {
        const name = chunkEntryName(i + 1);
        const envelope = createEnvelopeWriter(recipients, size);
        const cmsHash = createHash('sha256').update(envelope.header);
        await zip.beginEntry(name, envelope.totalLength);
        await zip.write(envelope.header);
        for (let left = size; left > 0; ) {
          const plain = await blocks.next();
          // The cipher allocates its output: IO_CHUNK_BYTES pieces are recycled by the allocator.
          for (let at = 0; at < plain.length; at += IO_CHUNK_BYTES) {
            const cipher = envelope.update(plain.subarray(at, at + IO_CHUNK_BYTES));
            cmsHash.update(cipher);
            await zip.write(cipher);
          }
          left -= plain.length;
          bytesDone += plain.length;
          input.onProgress?.({ bytesDone, bytesTotal: payloadSize });
        }
        const trailer = envelope.final();
        cmsHash.update(trailer);
        await zip.write(trailer);
        await zip.endEntry();
        parts.push({ chunk: { name, size, cmsSize: envelope.totalLength, cmsSha256: cmsHash.digest('hex') }, sha256: hashes.endPart() });
      }
      if (!(await blocks.exhausted())) throw new Error('payload longer than planned');
    } finally {
      await blocks.close();
    }
    const chunks: ManifestChunk[] = [];
    for (const part of parts) chunks.push({ ...part.chunk, sha256: await part.sha256 });
    const payloadSha256 = await hashes.payload();
    checkDataset(csv, input.manifest.dataset);

    const manifest = buildManifest(input.manifest, signer.cert, recipients[0]!, payloadSize, payloadSha256, chunks);
    assertSound(manifest);
    const json = Buffer.from(canonicalJson(manifest), 'utf8');
    if (json.length > MAX_MANIFEST_BYTES) throw new StewardError('BAD_INPUT', 'The manifest would be larger than 1 MB; export fewer fields.');
    const sealed = sealEnvelope(signContent(json, signer, input.now), recipients);
    await zip.beginEntry(MANIFEST_ENTRY, sealed.length);
    await zip.write(sealed);
    await zip.endEntry();
    await zip.finish();
    await rename(partial, input.outPath);
    const { size } = await stat(input.outPath);
    return { path: input.outPath, manifest, manifestSha256: createHash('sha256').update(json).digest('hex'), size };
  } catch (e) {
    await zip.abort();
    throw e;
  } finally {
    await hashes?.close();
  }
}

function buildManifest(
  m: ManifestInput,
  signer: CertificateInfo,
  recipient: CertificateInfo,
  size: number,
  sha256: string,
  chunks: ManifestChunk[],
): Manifest {
  return {
    identity: { format: PACKAGE_FORMAT, formatVersion: PACKAGE_FORMAT_VERSION, ...m.identity },
    agreement: m.agreement,
    parties: {
      district: { id: m.parties.district.id, signerCertSha256: signer.sha256 },
      partner: { id: m.parties.partner.id, recipientCertSha256: recipient.sha256 },
      role: m.parties.role,
      purpose: m.parties.purpose,
      legalBasis: m.parties.legalBasis,
    },
    dataset: m.dataset,
    payload: { container: 'ustar', algorithms: { ...PACKAGE_ALGORITHMS }, size, sha256, chunks },
    time: m.time,
  };
}

/** A part's plaintext cut into BLOCK_BYTES blocks (the last one shorter). */
function blockLengths(partSize: number): number[] {
  const lengths: number[] = [];
  for (let left = partSize; left > 0; left -= BLOCK_BYTES) lengths.push(Math.min(BLOCK_BYTES, left));
  return lengths;
}

function placeholderChunk(i: number, size: number): ManifestChunk {
  return { name: chunkEntryName(i + 1), size, sha256: '0'.repeat(64), cmsSize: size + 1, cmsSha256: '0'.repeat(64) };
}

/** The writer refuses to sign a manifest the reader would refuse. */
function assertSound(manifest: Manifest): void {
  const parsed = Manifest.safeParse(manifest);
  const problems = parsed.success ? checkManifest(parsed.data) : parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
  const first = problems[0];
  if (first) throw new StewardError('BAD_INPUT', `The package manifest is not valid: ${first.field} ${first.message}.`, { field: first.field });
}

/** records.csv's header row must be exactly the fields the manifest will state. */
function checkDataset(csv: CsvScanner, dataset: Manifest['dataset']): void {
  const { header } = csv.end();
  if (header.join('\n') !== dataset.fields.join('\n')) {
    throw new StewardError('INTERNAL', 'records.csv columns differ from the fields the manifest lists; the package was not written.');
  }
}

/** The input with every chunk also shown to `onChunk` (which must not keep it: buffers are reused). */
function tapped(input: NamedInput, onChunk: (chunk: Buffer) => void): NamedInput {
  const { openReader } = input;
  return {
    ...input,
    async *open() {
      for await (const chunk of input.open()) {
        onChunk(chunk);
        yield chunk;
      }
    },
    ...(openReader && {
      async openReader() {
        const reader = await openReader.call(input);
        return {
          async read(target: Buffer, position: number) {
            const n = await reader.read(target, position);
            onChunk(target.subarray(0, n));
            return n;
          },
          close: () => reader.close(),
        };
      },
    }),
  };
}
