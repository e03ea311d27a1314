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
  private inQuotes = false;
  private lines = 0;
  private pendingLine = false;
  private headerParts: Buffer[] | undefined = [];
  private headerBytes = 0;
  private header: string[] | undefined;

  push(chunk: Buffer): void {
    let at = 0;
    let nextQuote = -2;
    let nextLf = -2;
    while (at < chunk.length) {
      if (this.inQuotes) {
        const q = chunk.indexOf(QUOTE, at);
        this.keepHeader(chunk, at, q < 0 ? chunk.length : q + 1);
        if (q < 0) return;
        // A doubled quote ("") leaves and re-enters quotes: the count stays right.
        this.inQuotes = false;
        at = q + 1;
        continue;
      }
      if (nextQuote !== -1 && nextQuote < at) nextQuote = chunk.indexOf(QUOTE, at);
      if (nextLf !== -1 && nextLf < at) nextLf = chunk.indexOf(LF, at);
      if (nextLf >= 0 && (nextQuote < 0 || nextLf < nextQuote)) {
        this.keepHeader(chunk, at, nextLf);
        this.endLine();
        at = nextLf + 1;
      } else if (nextQuote >= 0) {
        this.keepHeader(chunk, at, nextQuote + 1);
        this.pendingLine = true;
        this.inQuotes = true;
        at = nextQuote + 1;
      } else {
        this.keepHeader(chunk, at, chunk.length);
        if (at < chunk.length) this.pendingLine = true;
        return;
      }
    }
  }

  /** After the last chunk. Throws payload-malformed for an open quote or a missing header. */
  end(): CsvSummary {
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
    this.headerParts.push(chunk.subarray(from, to));
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
