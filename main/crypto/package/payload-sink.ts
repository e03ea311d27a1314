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

  constructor(private readonly dir: string | undefined) {
    this.tar = new TarReader(PAYLOAD_FILES, {
      fileStart: async (name) => {
        this.current = name;
        if (this.dir) this.file = await open(join(this.dir, name), 'wx', 0o600);
      },
      fileData: async (chunk) => {
        if (this.current === 'records.csv') this.csv.push(chunk);
        if (this.file) await writeAll(this.file, chunk);
      },
      fileEnd: async () => {
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
    await this.file?.close().catch(() => undefined);
    this.file = undefined;
  }

  /** Paths of the payload files inside `dir`. */
  static paths(dir: string): Record<PayloadFileName, string> {
    return Object.fromEntries(PAYLOAD_FILES.map((f) => [f, join(dir, f)])) as Record<PayloadFileName, string>;
  }
}

async function writeAll(fh: FileHandle, data: Buffer): Promise<void> {
  let done = 0;
  while (done < data.length) {
    const { bytesWritten } = await fh.write(data, done, data.length - done);
    done += bytesWritten;
  }
}
