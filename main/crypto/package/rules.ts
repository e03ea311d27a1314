import { MAX_CHUNK_BYTES, MAX_CHUNKS, MAX_MANIFEST_BYTES } from '../../../shared/package/manifest';
import { MAX_HEADER_BYTES, TRAILER_BYTES } from '../cms/auth-enveloped';
import { PackageFailure } from '../package-failure';
import type { ZipRules } from '../zip/zip-reader';

/** The ZIP entries of SDX/1: the manifest and numbered payload parts, nothing else. */
export const MANIFEST_ENTRY = 'manifest.p7m';
export const PART_ENTRY = /^payload\/part-\d{6}\.p7m$/;

/** Room for the signer certificate, signature and recipient infos around a 1 MiB manifest. */
const MAX_MANIFEST_ENTRY_BYTES = MAX_MANIFEST_BYTES + 64 * 1024;
const MAX_PART_ENTRY_BYTES = MAX_CHUNK_BYTES + MAX_HEADER_BYTES + TRAILER_BYTES;

export const sdxZipRules: ZipRules = {
  allowName: (name) => name === MANIFEST_ENTRY || PART_ENTRY.test(name),
  maxSize: (name) => (name === MANIFEST_ENTRY ? MAX_MANIFEST_ENTRY_BYTES : MAX_PART_ENTRY_BYTES),
  tooLarge: (name, size) =>
    name === MANIFEST_ENTRY
      ? new PackageFailure('manifest-too-large', `${name} is ${size} bytes`)
      : new PackageFailure('malformed', `${name} is larger than a 64 MiB part can be`),
  maxEntries: MAX_CHUNKS + 1,
};

/** `<agreement>_<packageId>.sdx`, with the agreement id reduced to characters safe in file names. */
export function packageFileName(agreementId: string, packageId: string): string {
  const safe = agreementId.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '').slice(0, 80) || 'agreement';
  return `${safe}_${packageId}.sdx`;
}
