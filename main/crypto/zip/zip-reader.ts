import type { FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { PackageFailure } from '../package-failure';
import { CENTRAL_HEADER_BYTES, END_RECORD_BYTES, FLAG_UTF8, LOCAL_HEADER_BYTES, SIG, VERSIONS_NEEDED } from './zip-format';

/**
 * A strict ZIP reader for untrusted packages. It accepts exactly the subset zip-format.ts
 * describes and checks that the file holds nothing else: the local headers equal the central
 * directory, entries are contiguous from offset 0, the central directory follows the last entry,
 * the end record is the last 22 bytes (no comment, no trailing bytes). Names must be safe and
 * on the caller's allow-list, without duplicates. CRC-32 is checked while an entry streams.
 */

export interface ZipEntry {
  name: string;
  /** Offset of the entry's first data byte in the file. */
  dataOffset: number;
  size: number;
  crc32: number;
}

export interface ZipRules {
  /** True for a name allowed in this kind of archive. */
  allowName(name: string): boolean;
  /** Largest acceptable size for an allowed name: a larger entry throws `tooLarge(name)`. */
  maxSize(name: string): number;
  tooLarge(name: string, size: number): PackageFailure;
  maxEntries: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const MAX_CENTRAL_DIRECTORY = 4 * 1024 * 1024;

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  // Unsafe (not zero-filled) is fine: fill() overwrites every byte or throws.
  return fill(fh, Buffer.allocUnsafe(length), position);
}

/** Reads and checks the whole directory structure; entry data is only read by `readEntry`. */
export async function readZipDirectory(fh: FileHandle, fileSize: number, rules: ZipRules): Promise<ZipEntry[]> {
  const startsLikeZip = fileSize >= 4 && (await readAt(fh, 0, 4)).readUInt32LE(0) === SIG.local;
  const endOffset = await findEndRecord(fh, fileSize, startsLikeZip);
  const end = await readAt(fh, endOffset, END_RECORD_BYTES);
  const count = end.readUInt16LE(10);
  const cdSize = end.readUInt32LE(12);
  const cdOffset = end.readUInt32LE(16);
  if (end.readUInt16LE(4) !== 0 || end.readUInt16LE(6) !== 0 || end.readUInt16LE(8) !== count) {
    throw new PackageFailure('malformed', 'zip: multi-disk archives are not used');
  }
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw new PackageFailure('malformed', 'zip: ZIP64 is not used');
  if (count === 0 || count > rules.maxEntries) throw new PackageFailure('bad-zip-entry', `zip: ${count} entries`);
  if (cdOffset + cdSize !== endOffset || cdSize > MAX_CENTRAL_DIRECTORY) {
    throw new PackageFailure('malformed', 'zip: the central directory does not end where the end record starts');
  }
  const cd = await readAt(fh, cdOffset, cdSize);
  const entries: (ZipEntry & { headerOffset: number; raw: Buffer })[] = [];
  const names = new Set<string>();
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + CENTRAL_HEADER_BYTES > cd.length || cd.readUInt32LE(at) !== SIG.central) {
      throw new PackageFailure('malformed', `zip: central directory entry ${i} is damaged`);
    }
    const nameLength = cd.readUInt16LE(at + 28);
    const extraLength = cd.readUInt16LE(at + 30);
    const commentLength = cd.readUInt16LE(at + 32);
    const fixed = cd.subarray(at, at + CENTRAL_HEADER_BYTES);
    const nameBytes = cd.subarray(at + CENTRAL_HEADER_BYTES, at + CENTRAL_HEADER_BYTES + nameLength);
    if (nameBytes.length !== nameLength) throw new PackageFailure('malformed', `zip: central directory entry ${i} is damaged`);
    const name = checkName(nameBytes, fixed.readUInt16LE(8), names, rules);
    if (!VERSIONS_NEEDED.includes(fixed.readUInt16LE(6))) throw new PackageFailure('bad-zip-entry', `zip: ${name} needs ZIP version ${fixed.readUInt16LE(6)}`);
    const flags = fixed.readUInt16LE(8);
    if ((flags & ~FLAG_UTF8) !== 0) throw new PackageFailure('bad-zip-entry', `zip: ${name} uses flags 0x${flags.toString(16)} (encryption or data descriptors)`);
    if (fixed.readUInt16LE(10) !== 0) throw new PackageFailure('bad-zip-entry', `zip: ${name} is compressed`);
    const size = fixed.readUInt32LE(24);
    if (fixed.readUInt32LE(20) !== size) throw new PackageFailure('bad-zip-entry', `zip: ${name} sizes disagree`);
    if (extraLength !== 0 || commentLength !== 0 || fixed.readUInt16LE(34) !== 0) {
      throw new PackageFailure('bad-zip-entry', `zip: ${name} has extra fields, a comment or a disk number`);
    }
    if (size > rules.maxSize(name)) throw rules.tooLarge(name, size);
    const headerOffset = fixed.readUInt32LE(42);
    entries.push({ name, size, crc32: fixed.readUInt32LE(16), headerOffset, dataOffset: 0, raw: fixed });
    at += CENTRAL_HEADER_BYTES + nameLength;
  }
  if (at !== cd.length) throw new PackageFailure('malformed', 'zip: bytes left over in the central directory');

  // Every byte before the central directory must belong to exactly one entry, in order.
  let expected = 0;
  for (const e of [...entries].sort((a, b) => a.headerOffset - b.headerOffset)) {
    if (e.headerOffset !== expected) throw new PackageFailure('malformed', `zip: unaccounted bytes before ${e.name}`);
    const nameBytes = Buffer.from(e.name, 'utf8');
    if (e.headerOffset + LOCAL_HEADER_BYTES + nameBytes.length > cdOffset) throw new PackageFailure('malformed', `zip: ${e.name} overlaps the directory`);
    const local = await readAt(fh, e.headerOffset, LOCAL_HEADER_BYTES + nameBytes.length);
    const same =
      local.readUInt32LE(0) === SIG.local &&
      local.subarray(4, 26).equals(e.raw.subarray(6, 28)) && // version, flags, method, time, date, crc, sizes
      local.readUInt16LE(26) === nameBytes.length &&
      local.readUInt16LE(28) === 0 &&
      local.subarray(LOCAL_HEADER_BYTES).equals(nameBytes);
    if (!same) throw new PackageFailure('bad-zip-entry', `zip: local header of ${e.name} differs from the central directory`);
    e.dataOffset = e.headerOffset + LOCAL_HEADER_BYTES + nameBytes.length;
    expected = e.dataOffset + e.size;
  }
  if (expected !== cdOffset) throw new PackageFailure('malformed', 'zip: unaccounted bytes before the central directory');
  return entries.map(({ name, dataOffset, size, crc32: crc }) => ({ name, dataOffset, size, crc32: crc }));
}

/**
 * The end record must be the last 22 bytes. If it sits earlier, the file has trailing bytes (or a
 * comment, which we do not allow); if there is none, a file that starts like a ZIP was cut short.
 */
async function findEndRecord(fh: FileHandle, fileSize: number, startsLikeZip: boolean): Promise<number> {
  const missing = () => new PackageFailure(startsLikeZip ? 'truncated' : 'not-a-package', 'zip: no end record');
  if (fileSize < END_RECORD_BYTES) throw missing();
  const last = fileSize - END_RECORD_BYTES;
  const tail = await readAt(fh, last, END_RECORD_BYTES);
  if (tail.readUInt32LE(0) === SIG.end && tail.readUInt16LE(20) === 0) return last;
  const window = Math.min(fileSize, 1024 * 1024);
  const search = await readAt(fh, fileSize - window, window);
  for (let i = window - END_RECORD_BYTES - 1; i >= 0; i--) {
    // A candidate counts only if its directory would end right where it starts (ciphertext can
    // contain the signature by chance).
    if (search.readUInt32LE(i) === SIG.end && search.readUInt32LE(i + 12) + search.readUInt32LE(i + 16) === fileSize - window + i) {
      const found = fileSize - window + i;
      const commentLength = search.readUInt16LE(i + 20);
      if (found + END_RECORD_BYTES + commentLength === fileSize) throw new PackageFailure('malformed', 'zip: archive comments are not used');
      throw new PackageFailure('trailing-bytes', `zip: ${fileSize - found - END_RECORD_BYTES} bytes after the end record`);
    }
  }
  throw missing();
}

function checkName(bytes: Buffer, flags: number, seen: Set<string>, rules: ZipRules): string {
  let name: string;
  try {
    name = utf8.decode(bytes);
  } catch {
    throw new PackageFailure('bad-zip-entry', 'zip: an entry name is not UTF-8');
  }
  // Names are shown in errors, so only after they passed the allow-list do we echo them.
  const shown = rules.allowName(name) ? name : JSON.stringify(name.slice(0, 80));
  if ((flags & FLAG_UTF8) === 0 && /[^\x20-\x7e]/.test(name)) throw new PackageFailure('bad-zip-entry', `zip: ${shown} is not ASCII and not marked UTF-8`);
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.includes('\\') || name.includes('\0')) {
    throw new PackageFailure('bad-zip-entry', `zip: ${shown} is an absolute or unsafe path`);
  }
  if (name.split('/').some((part) => part === '..' || part === '.')) throw new PackageFailure('bad-zip-entry', `zip: ${shown} climbs out of the package`);
  if (!rules.allowName(name)) throw new PackageFailure('bad-zip-entry', `zip: ${shown} is not an entry a package may contain`);
  if (seen.has(name)) throw new PackageFailure('bad-zip-entry', `zip: ${shown} appears twice`);
  seen.add(name);
  return name;
}

/**
 * Streams an entry's bytes in chunks of up to `chunkBytes`; after the last chunk the CRC-32
 * must equal the directory's (else "tampered"). With `reuse`, two buffers take turns (no
 * allocation per chunk): the consumer must be done with a chunk before asking for the next but
 * one, and copy what it keeps. Otherwise each chunk is a fresh buffer.
 */
export async function* readEntry(fh: FileHandle, entry: ZipEntry, chunkBytes = 1024 * 1024, reuse = false): AsyncGenerator<Buffer> {
  const pool = reuse ? [Buffer.allocUnsafe(chunkBytes), Buffer.allocUnsafe(chunkBytes)] : undefined;
  let crc = 0;
  let turn = 0;
  for (let at = 0; at < entry.size; ) {
    const length = Math.min(chunkBytes, entry.size - at);
    const chunk = pool ? await fill(fh, pool[turn++ % 2]!.subarray(0, length), entry.dataOffset + at) : await readAt(fh, entry.dataOffset + at, length);
    crc = crc32(chunk, crc);
    at += chunk.length;
    yield chunk;
  }
  if (crc >>> 0 !== entry.crc32) throw new PackageFailure('tampered', `zip: CRC-32 of ${entry.name} does not match`);
}

async function fill(fh: FileHandle, buf: Buffer, position: number): Promise<Buffer> {
  for (let done = 0; done < buf.length; ) {
    const { bytesRead } = await fh.read(buf, done, buf.length - done, position + done);
    if (bytesRead === 0) throw new PackageFailure('truncated', 'zip: file ends early');
    done += bytesRead;
  }
  return buf;
}

/** A whole (small) entry in memory, CRC checked. */
export async function readEntryBytes(fh: FileHandle, entry: ZipEntry): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of readEntry(fh, entry)) parts.push(chunk);
  return Buffer.concat(parts);
}
