import { createHash, type Hash, type KeyObject } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import type { ManifestChunk } from '../../../shared/package/manifest';
import type { CertificateInfo } from '../certificate';
import { checkEnvelope, MAX_HEADER_BYTES, openEnvelopeReader, parseEnvelopeHeader, type EnvelopeHeader, type EnvelopeReader } from '../cms/auth-enveloped';
import { PackageFailure } from '../package-failure';
import { readEntry, type ZipEntry } from '../zip/zip-reader';
import { IO_CHUNK_BYTES } from '../payload/inputs';
import type { PayloadSink } from './payload-sink';

type Ours = { cert: CertificateInfo; key: KeyObject };

/** Reads just enough of a part to parse its header; checks addressee and algorithms (no key used). */
export async function checkPartHeader(fh: FileHandle, entry: ZipEntry, cert: CertificateInfo): Promise<void> {
  const length = Math.min(entry.size, MAX_HEADER_BYTES);
  const prefix = Buffer.alloc(length);
  const { bytesRead } = await fh.read(prefix, 0, length, entry.dataOffset);
  if (bytesRead !== length) throw new PackageFailure('truncated', `${entry.name}: file ends early`);
  checkEnvelope(parseEnvelopeHeader(prefix, entry.size, entry.name), cert, entry.name);
}

/**
 * Streams one part: hashes its bytes (and the ZIP CRC), decrypts the ciphertext into the sink and
 * the plaintext hashes, then checks, in this order, the ciphertext hash against the manifest,
 * the GCM tag, the plaintext size and hash, and only then any error the sink met.
 */
export async function readPart(fh: FileHandle, entry: ZipEntry, expected: ManifestChunk, ours: Ours, sink: PayloadSink, payloadHash: Hash): Promise<void> {
  const what = entry.name;
  if (entry.size !== expected.cmsSize) throw new PackageFailure('tampered', `${what}: ${entry.size} bytes, manifest says ${expected.cmsSize}`);
  const cmsHash = createHash('sha256');
  const plainHash = createHash('sha256');
  let plainBytes = 0;
  let header: EnvelopeHeader | undefined;
  let reader: EnvelopeReader | undefined;
  const pending: Buffer[] = [];
  let pendingBytes = 0;
  let position = 0;
  const trailer: Buffer[] = [];

  // Read buffers are reused: nothing below keeps a chunk except the copied header and trailer.
  for await (const raw of readEntry(fh, entry, IO_CHUNK_BYTES, true)) {
    cmsHash.update(raw);
    let chunk = raw;
    if (!header) {
      pending.push(Buffer.from(raw));
      pendingBytes += raw.length;
      if (pendingBytes < Math.min(entry.size, MAX_HEADER_BYTES)) continue;
      chunk = Buffer.concat(pending, pendingBytes);
      header = parseEnvelopeHeader(chunk, entry.size, what);
      reader = openEnvelopeReader(header, ours, what);
    }
    const contentEnd = header.contentOffset + header.contentLength;
    const from = Math.max(header.contentOffset - position, 0);
    const to = Math.min(contentEnd - position, chunk.length);
    if (to > from) {
      const plain = reader!.update(chunk.subarray(from, to));
      plainHash.update(plain);
      payloadHash.update(plain);
      plainBytes += plain.length;
      await sink.push(plain);
    }
    if (position + chunk.length > contentEnd) trailer.push(Buffer.from(chunk.subarray(Math.max(contentEnd - position, 0))));
    position += chunk.length;
  }
  if (!header || !reader) throw new PackageFailure('truncated', `${what}: empty`);
  if (cmsHash.digest('hex') !== expected.cmsSha256) throw new PackageFailure('tampered', `${what}: its bytes do not match the manifest's hash`);
  reader.final(Buffer.concat(trailer));
  if (plainBytes !== expected.size || plainHash.digest('hex') !== expected.sha256) {
    throw new PackageFailure('tampered', `${what}: decrypted bytes do not match the manifest's hash`);
  }
  sink.check();
}
