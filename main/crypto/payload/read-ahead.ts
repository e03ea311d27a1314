import type { TarSource } from './tar';

/**
 * Reads the archive in blocks of planned lengths into two buffers in turn: while the caller
 * hashes and encrypts one block, the next is already being read (for a file, in the I/O thread
 * pool). Nothing is allocated per block.
 */
export class ReadAhead {
  private readonly buffers: [Buffer, Buffer];
  private index = 0;
  private pending: Promise<Buffer> | undefined;

  /** `lengths`: every block's length, in order; together they are the whole archive. */
  constructor(
    private readonly source: TarSource,
    private readonly lengths: readonly number[],
  ) {
    const largest = lengths.reduce((a, b) => Math.max(a, b), 0);
    this.buffers = [Buffer.allocUnsafe(largest), Buffer.allocUnsafe(largest)];
    this.pending = this.start();
  }

  /** The next block: valid until next() is called again. */
  async next(): Promise<Buffer> {
    if (!this.pending) throw new Error('read past the last planned block');
    const block = await this.pending;
    this.index += 1;
    this.pending = this.start();
    return block;
  }

  /** After the last block: true when the source has nothing left. */
  async exhausted(): Promise<boolean> {
    return (await this.source.read(Buffer.alloc(1))) === 0;
  }

  /** Waits for the read in flight (after a failure there may be one), then closes the source. */
  async close(): Promise<void> {
    await this.pending?.catch(() => undefined);
    this.pending = undefined;
    await this.source.close();
  }

  private start(): Promise<Buffer> | undefined {
    const length = this.lengths[this.index];
    if (length === undefined) return undefined;
    const target = this.buffers[this.index % 2]!.subarray(0, length);
    const read = this.source.read(target).then((n) => {
      if (n !== length) throw new Error('payload shorter than planned');
      return target;
    });
    read.catch(() => undefined); // surfaced by next(); this only keeps it from being unhandled meanwhile
    return read;
  }
}
