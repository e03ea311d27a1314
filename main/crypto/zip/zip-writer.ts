import { open, unlink, type FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { StewardError } from '../../../shared/api/result';
import {
  CENTRAL_HEADER_BYTES,
  dosDateTime,
  END_RECORD_BYTES,
  FLAG_UTF8,
  LOCAL_HEADER_BYTES,
  MAX_ENTRIES,
  MAX_ZIP32,
  OUR_VERSION_NEEDED,
  SIG,
  VERSION_MADE_BY,
} from './zip-format';

/**
 * A streaming ZIP writer for stored entries whose size is known before they start (CMS parts
 * know theirs: see cms/auth-enveloped.ts). The CRC-32 is computed while the bytes stream and
 * patched into the local header afterwards, so there are no data descriptors and the local
 * header equals the central one, which is what the strict reader demands. Memory: one write
 * buffer. Refuses (rather than silently corrupting) anything that would need ZIP64.
 */

interface WrittenEntry {
  name: Buffer;
  offset: number;
  size: number;
  crc: number;
}

const FLUSH_BYTES = 1024 * 1024;
/** An entry at least this large starts its way to the disk as soon as it ends (see endEntry). */
const EARLY_SYNC_BYTES = 8 * 1024 * 1024;
const MAX_WRITES_IN_FLIGHT = 4;

export class ZipWriter {
  private position = 0;
  private readonly entries: WrittenEntry[] = [];
  private current: (WrittenEntry & { written: number }) | undefined;
  private pending: Buffer[] = [];
  private writes: Promise<void>[] = [];
  private syncs: Promise<void>[] = [];
  private pendingBytes = 0;
  private readonly stamp: { time: number; date: number };

  private constructor(
    private readonly fh: FileHandle,
    readonly path: string,
    modified: Date,
  ) {
    this.stamp = dosDateTime(modified);
  }

  /** Creates `path`, which must not exist yet. `modified` stamps every entry. */
  static async create(path: string, modified: Date): Promise<ZipWriter> {
    return new ZipWriter(await open(path, 'wx'), path, modified);
  }

  /** Starts an entry of exactly `size` bytes. */
  async beginEntry(name: string, size: number): Promise<void> {
    if (this.current) throw new Error(`zip: entry ${this.current.name.toString()} is not finished`);
    const nameBytes = Buffer.from(name, 'utf8');
    if (this.entries.length >= MAX_ENTRIES) throw tooLarge();
    if (this.position + LOCAL_HEADER_BYTES + nameBytes.length + size > MAX_ZIP32) throw tooLarge();
    this.current = { name: nameBytes, offset: this.position, size, crc: 0, written: 0 };
    await this.push(this.localHeader(this.current));
  }

  async write(data: Buffer): Promise<void> {
    const entry = this.current;
    if (!entry) throw new Error('zip: write outside an entry');
    entry.written += data.length;
    if (entry.written > entry.size) throw new Error(`zip: entry ${entry.name.toString()} longer than announced`);
    entry.crc = crc32(data, entry.crc);
    await this.push(data);
  }

  async endEntry(): Promise<void> {
    const entry = this.current;
    if (!entry) throw new Error('zip: no entry to end');
    if (entry.written !== entry.size) throw new Error(`zip: entry ${entry.name.toString()} has ${entry.written} of ${entry.size} bytes`);
    await this.flush();
    // The local header (CRC placeholder 0) must be on disk before the CRC is patched over it.
    await this.drain();
    const crc = Buffer.alloc(4);
    crc.writeUInt32LE(entry.crc >>> 0);
    await this.fh.write(crc, 0, 4, entry.offset + 14);
    this.entries.push({ name: entry.name, offset: entry.offset, size: entry.size, crc: entry.crc >>> 0 });
    this.current = undefined;
    // finish() ends with an fsync, which for a 200 MB package waits ~0.2 s for the disk. Flushing
    // each large entry in the I/O thread pool while the next one is encrypted leaves it little to wait for.
    if (entry.size >= EARLY_SYNC_BYTES) {
      const sync = this.fh.datasync();
      sync.catch(() => undefined); // surfaced by finish(); this only keeps it from being unhandled meanwhile
      this.syncs.push(sync);
    }
  }

  /** Writes the central directory and end record, flushes to disk and closes the file. */
  async finish(): Promise<void> {
    if (this.current) throw new Error('zip: last entry not finished');
    const cdOffset = this.position;
    for (const e of this.entries) await this.push(this.centralHeader(e));
    const cdSize = this.position - cdOffset;
    if (this.position + END_RECORD_BYTES > MAX_ZIP32) throw tooLarge();
    const end = Buffer.alloc(END_RECORD_BYTES);
    end.writeUInt32LE(SIG.end, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(cdSize, 12);
    end.writeUInt32LE(cdOffset, 16);
    await this.push(end);
    await this.flush();
    await this.drain();
    await Promise.all(this.syncs.splice(0));
    await this.fh.sync();
    await this.fh.close();
  }

  /** Closes and deletes the partial file (after a failure). */
  async abort(): Promise<void> {
    await Promise.allSettled([...this.writes.splice(0), ...this.syncs.splice(0)]);
    await this.fh.close().catch(() => undefined);
    await unlink(this.path).catch(() => undefined);
  }

  private localHeader(e: { name: Buffer; size: number }): Buffer {
    const h = Buffer.alloc(LOCAL_HEADER_BYTES + e.name.length);
    h.writeUInt32LE(SIG.local, 0);
    h.writeUInt16LE(OUR_VERSION_NEEDED, 4);
    h.writeUInt16LE(FLAG_UTF8, 6);
    h.writeUInt16LE(0, 8); // stored
    h.writeUInt16LE(this.stamp.time, 10);
    h.writeUInt16LE(this.stamp.date, 12);
    h.writeUInt32LE(0, 14); // CRC-32, patched by endEntry
    h.writeUInt32LE(e.size, 18);
    h.writeUInt32LE(e.size, 22);
    h.writeUInt16LE(e.name.length, 26);
    h.writeUInt16LE(0, 28);
    e.name.copy(h, LOCAL_HEADER_BYTES);
    return h;
  }

  private centralHeader(e: WrittenEntry): Buffer {
    const h = Buffer.alloc(CENTRAL_HEADER_BYTES + e.name.length);
    h.writeUInt32LE(SIG.central, 0);
    h.writeUInt16LE(VERSION_MADE_BY, 4);
    h.writeUInt16LE(OUR_VERSION_NEEDED, 6);
    h.writeUInt16LE(FLAG_UTF8, 8);
    h.writeUInt16LE(0, 10);
    h.writeUInt16LE(this.stamp.time, 12);
    h.writeUInt16LE(this.stamp.date, 14);
    h.writeUInt32LE(e.crc, 16);
    h.writeUInt32LE(e.size, 20);
    h.writeUInt32LE(e.size, 24);
    h.writeUInt16LE(e.name.length, 28);
    // extra length, comment length, disk number start, internal attributes: 0
    h.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external attributes: a regular file, rw-r--r--
    h.writeUInt32LE(e.offset, 42);
    e.name.copy(h, CENTRAL_HEADER_BYTES);
    return h;
  }

  /**
   * Pieces are gathered, uncopied, and written FLUSH_BYTES at a time with one writev: each write
   * is a round trip to the I/O thread pool (a thread wake-up each way), which for 256 KiB cipher
   * pieces cost more CPU than the write itself.
   */
  private async push(data: Buffer): Promise<void> {
    this.pending.push(data);
    this.pendingBytes += data.length;
    this.position += data.length;
    if (this.pendingBytes >= FLUSH_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pendingBytes === 0) return;
    const pieces = this.pending;
    const at = this.position - this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
    await this.writeAt(pieces, at);
  }

  /**
   * Positional writes are independent of each other, so up to MAX_WRITES_IN_FLIGHT run in the
   * I/O thread pool while the caller encrypts the next chunk. Buffers handed in are never
   * modified afterwards (cipher output and headers are fresh), so this is safe.
   */
  private async writeAt(pieces: Buffer[], at: number): Promise<void> {
    const write = (async () => {
      let rest = pieces;
      let position = at;
      while (rest.length) {
        const { bytesWritten } = await this.fh.writev(rest, position);
        position += bytesWritten;
        rest = withoutFirst(rest, bytesWritten);
      }
    })();
    write.catch(() => undefined); // surfaced by drain(); this only keeps it from being unhandled meanwhile
    this.writes.push(write);
    if (this.writes.length >= MAX_WRITES_IN_FLIGHT) await this.writes.shift();
  }

  /** Waits for every write in flight (before patching, syncing or closing). */
  private async drain(): Promise<void> {
    while (this.writes.length) await this.writes.shift();
  }
}

/** The pieces after their first `bytes` bytes (what a short write left to write). */
function withoutFirst(pieces: Buffer[], bytes: number): Buffer[] {
  let skip = bytes;
  let i = 0;
  while (i < pieces.length && skip >= pieces[i]!.length) skip -= pieces[i++]!.length;
  const rest = pieces.slice(i);
  if (skip > 0) rest[0] = rest[0]!.subarray(skip);
  return rest;
}

function tooLarge(): StewardError {
  return new StewardError('BAD_INPUT', 'This package would be larger than 4 GiB, the most a package can hold. Export fewer records or fields.');
}
