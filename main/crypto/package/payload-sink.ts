import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { PAYLOAD_FILES, type PayloadFileName } from '../../../shared/package/manifest';
import { CsvScanner, type CsvSummary } from '../payload/csv-scan';
import { TarReader } from '../payload/tar';

/**
 * Receives decrypted payload bytes: parses the tar, writes each file into a temporary folder
 * (or nowhere, when only verifying) and scans records.csv. Plaintext reaches it before the
 * part's GCM tag is checked, so it never reports a parse error by itself: the first error is
 * kept and raised by `check()` after the caller verified the tag, so tampering is reported as
 * tampering, and unverified bytes never leave the temporary folder.
 */
export class PayloadSink {
  private readonly tar: TarReader;
  private readonly csv = new CsvScanner();
  private error: unknown;
  private file: FileHandle | undefined;
  private current: string | undefined;
  private writes: Promise<void>[] = [];
  private offset = 0;

  constructor(private readonly dir: string | undefined) {
    this.tar = new TarReader(PAYLOAD_FILES, {
      fileStart: async (name) => {
        this.current = name;
        this.offset = 0;
        if (this.dir) this.file = await open(join(this.dir, name), 'wx', 0o600);
      },
      fileData: async (chunk) => {
        if (this.current === 'records.csv') this.csv.push(chunk);
        if (this.file) await this.write(this.file, chunk);
      },
      fileEnd: async () => {
        await this.drain();
        await this.file?.close();
        this.file = undefined;
        this.current = undefined;
      },
    });
  }

  async push(plaintext: Buffer): Promise<void> {
    if (this.error !== undefined) return;
    try {
      await this.tar.push(plaintext);
    } catch (e) {
      this.error = e;
    }
  }

  /** Raises the first parse error, if any (call once the bytes so far are authenticated). */
  check(): void {
    if (this.error !== undefined) throw this.error;
  }

  /** After the last part: the archive is complete; returns what records.csv holds. */
  finish(): CsvSummary {
    this.check();
    this.tar.end();
    return this.csv.end();
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.writes.splice(0));
    await this.file?.close().catch(() => undefined);
    this.file = undefined;
  }

  /**
   * Positional writes, up to MAX_WRITES_IN_FLIGHT at once in the I/O thread pool while the next
   * part decrypts. Decrypted chunks are fresh buffers nobody modifies, so this is safe.
   */
  private async write(fh: FileHandle, data: Buffer): Promise<void> {
    const at = this.offset;
    this.offset += data.length;
    const write = (async () => {
      for (let done = 0; done < data.length; ) {
        const { bytesWritten } = await fh.write(data, done, data.length - done, at + done);
        done += bytesWritten;
      }
    })();
    write.catch(() => undefined); // surfaced by drain(); this only keeps it from being unhandled meanwhile
    this.writes.push(write);
    if (this.writes.length >= MAX_WRITES_IN_FLIGHT) await this.writes.shift();
  }

  private async drain(): Promise<void> {
    while (this.writes.length) await this.writes.shift();
  }

  /** Paths of the payload files inside `dir`. */
  static paths(dir: string): Record<PayloadFileName, string> {
    return Object.fromEntries(PAYLOAD_FILES.map((f) => [f, join(dir, f)])) as Record<PayloadFileName, string>;
  }
}

const MAX_WRITES_IN_FLIGHT = 4;
