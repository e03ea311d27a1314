import { closeSync, openSync, readSync } from 'node:fs';
import { isAscii, isUtf8 } from 'node:buffer';

/** A problem that makes the rest of a file unreadable (encoding, broken quoting). */
export class CsvFormatError extends Error {
  constructor(readonly line: number, message: string) {
    super(message);
    this.name = 'CsvFormatError';
  }
}

const CHUNK = 4 << 20;
/** A single record longer than this almost always means a closing quote is missing. */
const MAX_RECORD_CHARS = 64 << 20;

/**
 * Streaming RFC 4180 reader: quoted fields, doubled quotes, newlines inside quotes, CRLF or LF,
 * a UTF-8 byte order mark accepted and dropped. The file is read in 4 MiB chunks, each checked as
 * UTF-8 before it is decoded (an all-ASCII chunk by a plain copy), so a UTF-16 or Latin-1 file is refused with the line of the first
 * bad byte instead of being imported as mojibake. Records without quotes take a fast path
 * (one slice and one split); only quoted records go through the character loop.
 */
export class CsvReader {
  /** Physical line (1-based, as an editor shows it) where the last returned record starts. */
  line = 0;
  /** Bytes consumed from the file so far (for progress). */
  bytesRead = 0;
  private nextLine = 1;
  private text = '';
  private pos = 0;
  private eof = false;
  private readonly fd: number;
  private readonly buf = Buffer.allocUnsafe(CHUNK);
  /** Bytes of an incomplete UTF-8 sequence carried over to the next chunk. */
  private carry = Buffer.alloc(0);
  private first = true;

  constructor(path: string) {
    this.fd = openSync(path, 'r');
  }

  close(): void {
    closeSync(this.fd);
  }

  /** The next record's fields, or null at the end of the file. Blank lines are skipped. */
  next(): string[] | null {
    for (;;) {
      const text = this.text;
      const pos = this.pos;
      if (pos >= text.length) {
        if (this.eof) return null;
        this.refill();
        continue;
      }
      const nl = text.indexOf('\n', pos);
      if (nl === -1 && !this.eof) {
        this.refill();
        continue;
      }
      const end = nl === -1 ? text.length : nl;
      let lineEnd = end;
      if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
      const raw = text.slice(pos, lineEnd);
      if (raw.indexOf('"') === -1) {
        this.line = this.nextLine++;
        this.pos = end + 1;
        if (raw.length === 0) continue;
        return raw.split(',');
      }
      const fields = this.parseQuoted(pos);
      if (fields) return fields;
      this.refill();
    }
  }

  /** The character loop for a record with quotes; null when the record continues past the buffer. */
  private parseQuoted(start: number): string[] | null {
    const text = this.text;
    const n = text.length;
    const eof = this.eof;
    const fields: string[] = [];
    let i = start;
    let newlines = 0;
    for (;;) {
      if (i < n && text.charCodeAt(i) === 34) {
        let value = '';
        let seg = i + 1;
        for (;;) {
          const q = text.indexOf('"', seg);
          if (q === -1 || (q + 1 >= n && !eof)) {
            if (!eof) return this.tooLong(start);
            throw new CsvFormatError(this.nextLine, `line ${this.nextLine}: a quoted value starts here but its closing double quote is missing (the file ends inside it). Add the closing quote.`);
          }
          if (text.charCodeAt(q + 1) === 34) {
            value += text.slice(seg, q + 1);
            seg = q + 2;
            continue;
          }
          value += text.slice(seg, q);
          i = q + 1;
          break;
        }
        for (let k = value.indexOf('\n'); k !== -1; k = value.indexOf('\n', k + 1)) newlines++;
        fields.push(value);
        if (i >= n) return this.finish(fields, n, newlines);
        const c = text.charCodeAt(i);
        if (c === 44) {
          i++;
          if (i >= n) {
            if (!eof) return this.tooLong(start);
            fields.push('');
            return this.finish(fields, n, newlines);
          }
          continue;
        }
        if (c === 10) return this.finish(fields, i + 1, newlines);
        if (c === 13) {
          if (i + 1 >= n && !eof) return this.tooLong(start);
          if (i + 1 >= n || text.charCodeAt(i + 1) === 10) return this.finish(fields, i + 2, newlines);
        }
        throw new CsvFormatError(this.nextLine + newlines, `line ${this.nextLine + newlines}: after a closing double quote comes another character instead of a comma or the end of the line. Quote the whole value, and double any quote inside it ("").`);
      }
      let j = i;
      let c = 0;
      while (j < n) {
        c = text.charCodeAt(j);
        if (c === 44 || c === 10) break;
        if (c === 34) {
          throw new CsvFormatError(this.nextLine + newlines, `line ${this.nextLine + newlines}: a double quote inside a value that does not start with one. Enclose the value in double quotes and double the quote inside it ("").`);
        }
        j++;
      }
      if (j >= n && !eof) return this.tooLong(start);
      let end = j;
      if (j < n && c === 10 && end > i && text.charCodeAt(end - 1) === 13) end--;
      else if (j >= n && end > i && text.charCodeAt(end - 1) === 13) end--;
      fields.push(text.slice(i, end));
      if (j >= n) return this.finish(fields, n, newlines);
      if (c === 10) return this.finish(fields, j + 1, newlines);
      i = j + 1;
      if (i >= n) {
        if (!eof) return this.tooLong(start);
        fields.push('');
        return this.finish(fields, n, newlines);
      }
    }
  }

  private finish(fields: string[], pos: number, newlines: number): string[] {
    this.line = this.nextLine;
    this.nextLine += 1 + newlines;
    this.pos = pos;
    return fields;
  }

  /** Returns null (read more) unless the pending record is already absurdly long. */
  private tooLong(start: number): null {
    if (this.text.length - start > MAX_RECORD_CHARS) {
      throw new CsvFormatError(this.nextLine, `line ${this.nextLine}: a quoted value runs on for more than 64 MiB; a closing double quote is probably missing.`);
    }
    return null;
  }

  /** Reads the next chunk, checks it is UTF-8 and appends its text after the unparsed rest. */
  private refill(): void {
    const got = readSync(this.fd, this.buf, 0, CHUNK, null);
    this.bytesRead += got;
    if (got === 0) {
      this.eof = true;
      if (this.carry.length) this.badEncoding(this.carry, 0);
      return;
    }
    let bytes = this.carry.length ? Buffer.concat([this.carry, this.buf.subarray(0, got)]) : this.buf.subarray(0, got);
    if (this.first) {
      this.first = false;
      if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
        throw new CsvFormatError(1, 'line 1: the file is UTF-16 encoded (it starts with a UTF-16 byte order mark). Save it as UTF-8 ("CSV UTF-8" in Excel) and import again.');
      }
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    }
    // Hold back an incomplete multi-byte sequence at the end: it completes in the next chunk.
    let cut = bytes.length;
    for (let k = 1; k <= 3 && k <= bytes.length; k++) {
      const b = bytes[bytes.length - k]!;
      if ((b & 0xc0) === 0x80) continue;
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      if (need > k) cut = bytes.length - k;
      break;
    }
    const piece = bytes.subarray(0, cut);
    this.carry = Buffer.from(bytes.subarray(cut));
    const nul = piece.indexOf(0);
    if (nul !== -1) {
      const line = this.lineOf(piece, nul);
      throw new CsvFormatError(line, `line ${line}: the file contains a NUL byte, so it is not UTF-8 text (it is probably UTF-16 or a spreadsheet file). Save it as UTF-8 CSV and import again.`);
    }
    // Most exports are plain ASCII: such bytes are already valid UTF-8 and decode as Latin-1 to the
    // same text, by a copy instead of the several times slower UTF-8 decoder.
    const ascii = isAscii(piece);
    if (!ascii && !isUtf8(piece)) this.badEncoding(piece, 0);
    const decoded = piece.toString(ascii ? 'latin1' : 'utf8');
    this.text = this.pos < this.text.length ? this.text.slice(this.pos) + decoded : decoded;
    this.pos = 0;
  }

  /** Line of byte `offset` of a chunk not yet decoded: lines already counted + newlines before it. */
  private lineOf(piece: Buffer, offset: number): number {
    let line = this.nextLine;
    for (let k = this.text.indexOf('\n', this.pos); k !== -1; k = this.text.indexOf('\n', k + 1)) line++;
    for (let k = piece.indexOf(10); k !== -1 && k < offset; k = piece.indexOf(10, k + 1)) line++;
    return line;
  }

  private badEncoding(piece: Buffer, from: number): never {
    const offset = firstInvalidUtf8(piece, from);
    const line = this.lineOf(piece, offset);
    const byte = piece[offset] ?? 0;
    throw new CsvFormatError(line, `line ${line}: byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} is not valid UTF-8 (the file is probably Windows-1252/Latin-1). Save it as UTF-8 ("CSV UTF-8" in Excel) and import again.`);
  }
}

/** Offset of the first byte that breaks UTF-8 (only called once a chunk failed the fast check). */
export function firstInvalidUtf8(b: Buffer, from = 0): number {
  let i = from;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) { i++; continue; }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) { need = 1; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { need = 2; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { need = 3; min = 0x10000; }
    else return i;
    let cp = c & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return Math.max(from, b.length - 1);
}
