import { PackageFailure } from '../package-failure';

/**
 * The payload container: a POSIX ustar archive of the payload files. ustar because it is the
 * simplest container every partner machine can open (`tar -xf payload.bin`), it streams in both
 * directions, and its size is known in advance from the file sizes (so the writer can plan the
 * 64 MiB slices before it starts). Writer and strict streaming reader.
 */

export const BLOCK = 512;
/** ustar's 11-digit octal size field tops out just under 8 GiB. */
const MAX_FILE_BYTES = 8 * 1024 ** 3 - 1;

/** A payload file given as a byte stream of known size. */
export interface NamedInput {
  name: string;
  size: number;
  open(): AsyncIterable<Buffer>;
  /**
   * Optional, for files: reads straight into the caller's buffers. Used instead of open() when
   * present: a read stream allocates a fresh buffer per read, which at 200 MB costs more CPU
   * (page faults, garbage collection) than the encryption.
   */
  openReader?(): Promise<PositionalReader>;
}

/** A file read at given positions into buffers the caller owns. */
export interface PositionalReader {
  /** Reads up to target.length bytes at `position`; 0 at the end of the file. */
  read(target: Buffer, position: number): Promise<number>;
  close(): Promise<void>;
}

const pad = (n: number) => (BLOCK - (n % BLOCK)) % BLOCK;

/** Bytes of the archive for these inputs: headers, padded data, two zero blocks. */
export function tarSize(inputs: readonly Pick<NamedInput, 'size'>[]): number {
  return inputs.reduce((sum, f) => sum + BLOCK + f.size + pad(f.size), 0) + 2 * BLOCK;
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

/** One ustar header: regular file, mode 0644, owner 0, the given name and mtime. */
export function tarHeader(name: string, size: number, mtime: Date): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length === 0 || nameBytes.length > 100) throw new Error(`tar: name must be 1 to 100 bytes: ${name}`);
  if (!Number.isSafeInteger(size) || size < 0 || size > MAX_FILE_BYTES) throw new Error(`tar: bad size for ${name}`);
  const h = Buffer.alloc(BLOCK);
  nameBytes.copy(h, 0);
  h.write(octal(0o644, 8), 100, 'latin1');
  h.write(octal(0, 8), 108, 'latin1');
  h.write(octal(0, 8), 116, 'latin1');
  h.write(octal(size, 12), 124, 'latin1');
  h.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'latin1');
  h.write('        ', 148, 'latin1');
  h.write('0', 156, 'latin1');
  h.write('ustar\0', 257, 'latin1');
  h.write('00', 263, 'latin1');
  h.write(octal(0, 8), 329, 'latin1');
  h.write(octal(0, 8), 337, 'latin1');
  h.write(octal(checksum(h), 7) + ' ', 148, 'latin1');
  return h;
}

function checksum(h: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (h[i] as number);
  return sum;
}

const STREAM_CHUNK_BYTES = 256 * 1024;

/** Streams the archive in fresh buffers (for callers that keep them). Each input must yield exactly its declared size. */
export async function* tarStream(inputs: readonly NamedInput[], mtime: Date): AsyncGenerator<Buffer> {
  const source = new TarSource(inputs, mtime);
  try {
    for (;;) {
      const chunk = Buffer.allocUnsafe(STREAM_CHUNK_BYTES);
      const n = await source.read(chunk);
      if (n > 0) yield chunk.subarray(0, n);
      if (n < chunk.length) return;
    }
  } finally {
    await source.close();
  }
}

/** A file being copied into the archive: through its positional reader, or its stream. */
interface OpenFile {
  input: NamedInput;
  seen: number;
  reader?: PositionalReader;
  chunks?: AsyncIterator<Buffer>;
  leftover?: Buffer;
}

/**
 * The archive as a source that fills buffers the caller owns (the package writer reuses one
 * block buffer for the whole payload). Headers are built up front, so a bad name or size fails
 * before any byte is read. Each input must yield exactly its declared size.
 */
export class TarSource {
  /** Headers, zero padding and the end marker as bytes; file contents as their input. */
  private readonly segments: (Buffer | NamedInput)[] = [];
  private next = 0;
  private fixed: Buffer | undefined;
  private file: OpenFile | undefined;

  constructor(inputs: readonly NamedInput[], mtime: Date) {
    for (const input of inputs) {
      this.segments.push(tarHeader(input.name, input.size, mtime), input);
      if (pad(input.size)) this.segments.push(Buffer.alloc(pad(input.size)));
    }
    this.segments.push(Buffer.alloc(2 * BLOCK));
  }

  /** Fills `target` with the next bytes of the archive; fewer than target.length only at its end. */
  async read(target: Buffer): Promise<number> {
    let filled = 0;
    while (filled < target.length) {
      if (this.fixed) {
        const n = this.fixed.copy(target, filled);
        filled += n;
        this.fixed = n < this.fixed.length ? this.fixed.subarray(n) : undefined;
      } else if (this.file) {
        filled += await this.readFile(this.file, target.subarray(filled));
      } else {
        const segment = this.segments[this.next++];
        if (!segment) break;
        if (Buffer.isBuffer(segment)) this.fixed = segment;
        else this.file = await openFile(segment);
      }
    }
    return filled;
  }

  /** Releases the file being read (after a failure; a complete read has released everything). */
  async close(): Promise<void> {
    const file = this.file;
    this.file = undefined;
    await file?.reader?.close();
    await file?.chunks?.return?.();
  }

  private async readFile(file: OpenFile, target: Buffer): Promise<number> {
    const { input } = file;
    const want = Math.min(target.length, input.size - file.seen);
    let n = 0;
    if (want > 0 && file.reader) {
      n = await file.reader.read(target.subarray(0, want), file.seen);
    } else if (want > 0) {
      const chunk = file.leftover ?? (await nextChunk(file));
      if (chunk) {
        n = chunk.copy(target, 0, 0, want);
        file.leftover = n < chunk.length ? chunk.subarray(n) : undefined;
      }
    }
    if (want > 0 && n === 0) throw new Error(`tar: ${input.name} is ${file.seen} bytes, declared ${input.size}`);
    file.seen += n;
    if (file.seen === input.size) {
      await this.endFile(file);
    }
    return n;
  }

  /** The declared size is reached: the input must have nothing more. */
  private async endFile(file: OpenFile): Promise<void> {
    const longer = file.reader ? (await file.reader.read(Buffer.alloc(1), file.seen)) > 0 : Boolean(file.leftover?.length) || (await nextChunk(file)) !== undefined;
    if (longer) throw new Error(`tar: ${file.input.name} is longer than its declared ${file.input.size} bytes`);
    this.file = undefined;
    await file.reader?.close();
  }
}

async function openFile(input: NamedInput): Promise<OpenFile> {
  if (input.openReader) return { input, seen: 0, reader: await input.openReader() };
  return { input, seen: 0, chunks: input.open()[Symbol.asyncIterator]() };
}

/** The stream's next non-empty chunk, or undefined at its end (a generator's own checks run to the end). */
async function nextChunk(file: OpenFile): Promise<Buffer | undefined> {
  for (;;) {
    const next = await file.chunks!.next();
    if (next.done) return undefined;
    if (next.value.length) return next.value;
  }
}

/** Where the reader sends file contents; the calls are awaited in order. */
export interface TarSink {
  fileStart(name: string, size: number): Promise<void>;
  fileData(chunk: Buffer): Promise<void>;
  fileEnd(): Promise<void>;
}

function fail(detail: string): never {
  throw new PackageFailure('payload-malformed', `tar: ${detail}`);
}

/**
 * A strict push parser: regular files only, POSIX ustar magic, correct checksums, zero padding,
 * names exactly `expected` in that order, each once, then the end marker and nothing but zeros.
 */
export class TarReader {
  private header = Buffer.alloc(0);
  private remaining = 0;
  private padding = 0;
  private next = 0;
  private zeroBlocks = 0;

  constructor(
    private readonly expected: readonly string[],
    private readonly sink: TarSink,
  ) {}

  async push(chunk: Buffer): Promise<void> {
    let at = 0;
    while (at < chunk.length) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, chunk.length - at);
        await this.sink.fileData(chunk.subarray(at, at + take));
        this.remaining -= take;
        at += take;
        if (this.remaining === 0) await this.sink.fileEnd();
      } else if (this.padding > 0) {
        const take = Math.min(this.padding, chunk.length - at);
        if (chunk.subarray(at, at + take).some((b) => b !== 0)) fail('padding after a file is not zero');
        this.padding -= take;
        at += take;
      } else {
        const take = Math.min(BLOCK - this.header.length, chunk.length - at);
        this.header = Buffer.concat([this.header, chunk.subarray(at, at + take)]);
        at += take;
        if (this.header.length === BLOCK) {
          const block = this.header;
          this.header = Buffer.alloc(0);
          await this.onBlock(block);
        }
      }
    }
  }

  /** Call after the last byte: the archive must have ended properly with every file present. */
  end(): void {
    if (this.remaining > 0 || this.padding > 0 || this.header.length > 0) fail('the archive ends inside a file');
    if (this.zeroBlocks < 2) fail('the end-of-archive marker is missing');
  }

  private async onBlock(block: Buffer): Promise<void> {
    if (block.every((b) => b === 0)) {
      if (this.zeroBlocks === 0 && this.next < this.expected.length) fail(`${this.expected[this.next]} is missing`);
      this.zeroBlocks += 1;
      return;
    }
    if (this.zeroBlocks > 0) fail('data after the end-of-archive marker');
    const field = (from: number, to: number) => block.subarray(from, to).toString('latin1').replace(/\0+$/, '');
    if (field(257, 263) !== 'ustar' || block.subarray(263, 265).toString('latin1') !== '00') fail('not a POSIX ustar header');
    const stored = parseOctal(block.subarray(148, 156), 'checksum');
    if (stored !== checksum(block)) fail('header checksum does not match');
    const type = block[156];
    if (type !== 0x30 && type !== 0) fail('only regular files may appear');
    const prefix = block.subarray(345, 500).toString('utf8').replace(/\0+$/, '');
    const name = (prefix ? `${prefix}/` : '') + block.subarray(0, 100).toString('utf8').replace(/\0+$/, '');
    const wanted = this.expected[this.next];
    if (name !== wanted) fail(this.expected.includes(name) ? `files out of order: found ${name}, expected ${wanted}` : 'an unexpected file');
    this.next += 1;
    const size = parseOctal(block.subarray(124, 136), 'size');
    await this.sink.fileStart(name, size);
    this.remaining = size;
    this.padding = pad(size);
    if (size === 0) await this.sink.fileEnd();
  }
}

function parseOctal(field: Buffer, what: string): number {
  const text = field.toString('latin1').replace(/[\0 ]+$/, '').replace(/^ +/, '');
  if (!/^[0-7]{1,11}$/.test(text)) fail(`bad ${what} field`);
  return parseInt(text, 8);
}
