import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/**
 * The manifest's two SHA-256 values over the plaintext: each part's and the whole payload's.
 * The writer reads every block of the payload into one of `buffers`, hands it here (add), and
 * encrypts it meanwhile. On a large payload the two hashes, a third of the writer's CPU, run on
 * a second thread: the buffers are a SharedArrayBuffer ring the worker hashes in place (no copy),
 * and a buffer is read into again only after the worker is done with it (free). A worker costs
 * ~80 ms of CPU to start, so small payloads are hashed in this thread.
 */
export interface PlaintextHashes {
  /** Where blocks are read into; block i goes to buffers[i % buffers.length]. */
  readonly buffers: readonly Buffer[];
  /** Resolves when buffers[k] may be filled again (its last block is hashed). */
  free(k: number): Promise<void>;
  /** Hashes the first `length` bytes of buffers[k] into the current part and the payload. */
  add(k: number, length: number): void;
  /** Ends the current part: its hash (resolves once the worker caught up). */
  endPart(): Promise<string>;
  /** After the last part: the payload's hash. */
  payload(): Promise<string>;
  /** Stops the worker, if any (also after a failure). */
  close(): Promise<void>;
}

/** Payloads larger than this are hashed by a worker (one 64 MiB part or less: in this thread). */
export const WORKER_MIN_BYTES = 64 * 1024 * 1024;
/** 32 MiB of blocks: room for the writer to go on encrypting while the worker starts. */
const RING_BLOCKS = 32;

export function plaintextHashes(opts: { payloadBytes: number; parts: number; blockBytes: number }): PlaintextHashes {
  return opts.payloadBytes > WORKER_MIN_BYTES ? new WorkerHashes(opts.blockBytes) : new InlineHashes(opts.blockBytes, opts.parts === 1);
}

class InlineHashes implements PlaintextHashes {
  readonly buffers: Buffer[];
  private part = createHash('sha256');
  private readonly whole = createHash('sha256');
  private partDigests: string[] = [];

  /** `onePart`: the part's plaintext is the whole payload, so one hash serves both. */
  constructor(
    blockBytes: number,
    private readonly onePart: boolean,
  ) {
    this.buffers = [Buffer.allocUnsafe(blockBytes), Buffer.allocUnsafe(blockBytes)];
  }

  async free(): Promise<void> {}

  add(k: number, length: number): void {
    const block = this.buffers[k]!.subarray(0, length);
    this.part.update(block);
    if (!this.onePart) this.whole.update(block);
  }

  async endPart(): Promise<string> {
    const digest = this.part.digest('hex');
    this.partDigests.push(digest);
    this.part = createHash('sha256');
    return digest;
  }

  async payload(): Promise<string> {
    return this.onePart ? this.partDigests[0]! : this.whole.digest('hex');
  }

  async close(): Promise<void> {}
}

/** Runs in the worker: messages are a block to hash ({k, length}: replies k), 'part' or 'payload' (replies the digest). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const ring = Buffer.from(workerData.ring);
const blockBytes = workerData.blockBytes;
let part = createHash('sha256');
const whole = createHash('sha256');
parentPort.on('message', (m) => {
  if (m === 'part') {
    parentPort.postMessage(part.digest('hex'));
    part = createHash('sha256');
  } else if (m === 'payload') {
    parentPort.postMessage(whole.digest('hex'));
  } else {
    const block = ring.subarray(m.k * blockBytes, m.k * blockBytes + m.length);
    part.update(block);
    whole.update(block);
    parentPort.postMessage(m.k);
  }
});
`;

class WorkerHashes implements PlaintextHashes {
  readonly buffers: Buffer[];
  private readonly worker: Worker;
  /** Per buffer: resolves when the worker has hashed what was last added from it. */
  private readonly hashed: (Promise<void> | undefined)[];
  private readonly release = new Map<number, () => void>();
  private readonly digests: { resolve: (d: string) => void; reject: (e: Error) => void }[] = [];
  private failure: Error | undefined;
  private stopping: Promise<number> | undefined;

  constructor(blockBytes: number) {
    const ring = new SharedArrayBuffer(RING_BLOCKS * blockBytes);
    this.buffers = Array.from({ length: RING_BLOCKS }, (_, k) => Buffer.from(ring, k * blockBytes, blockBytes));
    this.hashed = new Array<Promise<void> | undefined>(RING_BLOCKS);
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ring, blockBytes } });
    this.worker.on('message', (m: number | string) => {
      if (typeof m === 'number') {
        this.release.get(m)?.();
        this.release.delete(m);
      } else {
        this.digests.shift()?.resolve(m);
      }
    });
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('exit', () => this.fail(new Error('the hashing thread stopped')));
  }

  async free(k: number): Promise<void> {
    await this.hashed[k];
    if (this.failure) throw this.failure;
  }

  add(k: number, length: number): void {
    if (this.failure) throw this.failure;
    this.hashed[k] = new Promise<void>((resolve) => this.release.set(k, resolve));
    this.worker.postMessage({ k, length });
  }

  endPart(): Promise<string> {
    return this.ask('part');
  }

  async payload(): Promise<string> {
    const digest = await this.ask('payload');
    // Nothing more to hash: the worker stops while the manifest is signed and the file synced.
    this.stopping = this.worker.terminate();
    return digest;
  }

  async close(): Promise<void> {
    this.failure ??= new Error('closed');
    await (this.stopping ?? this.worker.terminate());
  }

  private ask(what: 'part' | 'payload'): Promise<string> {
    if (this.failure) return Promise.reject(this.failure);
    const digest = new Promise<string>((resolve, reject) => this.digests.push({ resolve, reject }));
    digest.catch(() => undefined); // surfaced where it is awaited; this only keeps it from being unhandled meanwhile
    this.worker.postMessage(what);
    return digest;
  }

  /** The worker failed or stopped: every wait ends, with this error where a result was due. */
  private fail(e: Error): void {
    this.failure ??= e;
    for (const resolve of this.release.values()) resolve();
    this.release.clear();
    for (const d of this.digests.splice(0)) d.reject(this.failure);
  }
}
