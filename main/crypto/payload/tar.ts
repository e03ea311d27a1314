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

/** Streams the archive. Each input must yield exactly its declared size. */
export async function* tarStream(inputs: readonly NamedInput[], mtime: Date): AsyncGenerator<Buffer> {
  for (const input of inputs) {
    yield tarHeader(input.name, input.size, mtime);
    let seen = 0;
    for await (const chunk of input.open()) {
      seen += chunk.length;
      if (seen > input.size) throw new Error(`tar: ${input.name} is longer than its declared ${input.size} bytes`);
      yield chunk;
    }
    if (seen !== input.size) throw new Error(`tar: ${input.name} is ${seen} bytes, declared ${input.size}`);
    if (pad(input.size)) yield Buffer.alloc(pad(input.size));
  }
  yield Buffer.alloc(2 * BLOCK);
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
