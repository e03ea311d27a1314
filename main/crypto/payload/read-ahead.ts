import type { PlaintextHashes } from '../package/plaintext-hashes';
import type { TarSource } from './tar';

/**
 * Reads the archive in blocks of planned lengths into the hashes' buffers in turn: while the
 * caller encrypts one block, the next is already being read (for a file, in the I/O thread
 * pool), and every block handed out is also handed to the plaintext hashes. Nothing is
 * allocated per block.
 */
export class ReadAhead {
  private index = 0;
  private pending: Promise<Buffer> | undefined;

  /** `lengths`: every block's length, in order; together they are the whole archive. */
  constructor(
    private readonly source: TarSource,
    private readonly lengths: readonly number[],
    private readonly hashes: PlaintextHashes,
  ) {
    this.pending = this.start();
  }

  /** The next block, already handed to the hashes: valid until next() is called again. */
  async next(): Promise<Buffer> {
    if (!this.pending) throw new Error('read past the last planned block');
    const block = await this.pending;
    this.hashes.add(this.index % this.hashes.buffers.length, block.length);
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
    const k = this.index % this.hashes.buffers.length;
    const read = (async () => {
      // The buffer's previous block may still be being hashed on the other thread.
      await this.hashes.free(k);
      const target = this.hashes.buffers[k]!.subarray(0, length);
      if ((await this.source.read(target)) !== length) throw new Error('payload shorter than planned');
      return target;
    })();
    read.catch(() => undefined); // surfaced by next(); this only keeps it from being unhandled meanwhile
    return read;
  }
}
