import { PackageFailure } from '../package-failure';

/**
 * Streams over an RFC 4180 CSV (UTF-8, optional BOM) and reports its header row and how many
 * records follow it, without holding the file: a line break inside double quotes belongs to the
 * field, any other LF (with or without CR) ends a record. Used by the writer (to check the
 * payload against the manifest it is about to sign) and by the reader (the last check).
 */
const QUOTE = 0x22;
const LF = 0x0a;
const MAX_HEADER_BYTES = 1024 * 1024;

export interface CsvSummary {
  header: string[];
  /** Records after the header row. */
  records: number;
}

export class CsvScanner {
  /** With `headerOnly`, bytes after the header row are not scanned and `records` is -1. */
  constructor(private readonly headerOnly = false) {}

  private inQuotes = false;
  private lines = 0;
  private pendingLine = false;
  private headerParts: Buffer[] | undefined = [];
  private headerBytes = 0;
  private header: string[] | undefined;

  push(chunk: Buffer): void {
    let at = 0;
    if (this.headerParts) {
      at = this.scanHeader(chunk);
      if (at >= chunk.length) return;
    }
    if (this.headerOnly) return;
    // Hot loop over every byte of the file: a plain loop the JIT compiles tightly beats indexOf
    // calls, which pay a native call per quote and line break. A doubled quote ("") toggles
    // twice, so the in-quotes state stays right without special handling.
    let inQuotes = this.inQuotes;
    let lines = 0;
    let lastLf = -1;
    for (let i = at; i < chunk.length; i++) {
      const b = chunk[i];
      if (b === QUOTE) inQuotes = !inQuotes;
      else if (b === LF && !inQuotes) {
        lines++;
        lastLf = i;
      }
    }
    this.inQuotes = inQuotes;
    this.lines += lines;
    if (lastLf >= 0) this.pendingLine = lastLf < chunk.length - 1;
    else if (at < chunk.length) this.pendingLine = true;
  }

  /** Collects the header row; returns where the rest of the chunk starts. */
  private scanHeader(chunk: Buffer): number {
    let i = 0;
    for (; i < chunk.length; i++) {
      const b = chunk[i];
      if (b === QUOTE) this.inQuotes = !this.inQuotes;
      else if (b === LF && !this.inQuotes) break;
    }
    this.keepHeader(chunk, 0, i);
    if (i < chunk.length) {
      this.endLine();
      return i + 1;
    }
    return i;
  }

  /** After the last chunk. Throws payload-malformed for an open quote or a missing header. */
  end(): CsvSummary {
    if (this.headerOnly && this.header) return { header: this.header, records: -1 };
    if (this.inQuotes) throw new PackageFailure('payload-malformed', 'records.csv: a quoted field never closes');
    if (this.pendingLine) this.endLine();
    if (!this.header) throw new PackageFailure('payload-malformed', 'records.csv: no header row');
    return { header: this.header, records: this.lines - 1 };
  }

  private keepHeader(chunk: Buffer, from: number, to: number): void {
    if (!this.headerParts) return;
    if (to > from) this.pendingLine = true;
    this.headerBytes += to - from;
    if (this.headerBytes > MAX_HEADER_BYTES) throw new PackageFailure('payload-malformed', 'records.csv: header row larger than 1 MB');
    // Copied: callers may reuse their buffers for the next chunk.
    this.headerParts.push(Buffer.from(chunk.subarray(from, to)));
  }

  private endLine(): void {
    this.lines += 1;
    this.pendingLine = false;
    if (this.headerParts) {
      this.header = parseHeader(Buffer.concat(this.headerParts).toString('utf8'));
      this.headerParts = undefined;
    }
  }
}

/** Splits one CSV row (no line breaks outside quotes) into fields. */
function parseHeader(line: string): string[] {
  const text = line.replace(/^\uFEFF/, '').replace(/\r$/, '');
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (text[i] === '"') {
      let value = '';
      i += 1;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new PackageFailure('payload-malformed', 'records.csv: bad quoting in the header row');
        value += text.slice(i, q);
        if (text[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      fields.push(value);
    } else {
      const comma = text.indexOf(',', i);
      fields.push(text.slice(i, comma < 0 ? text.length : comma));
      i = comma < 0 ? text.length : comma;
    }
    if (i >= text.length) break;
    if (text[i] !== ',') throw new PackageFailure('payload-malformed', 'records.csv: bad quoting in the header row');
    i += 1;
  }
  return fields;
}
