import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CsvReader, CsvFormatError } from '../../../../main/services/import/csv-reader';

let dir = '';
afterEach(() => { if (dir) rmSync(dir, { recursive: true, force: true }); dir = ''; });

function file(content: string | Buffer): string {
  dir = dir || mkdtempSync(join(tmpdir(), 'steward-csv-'));
  const path = join(dir, `f${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(path, content);
  return path;
}

function readAll(path: string): { records: string[][]; lines: number[] } {
  const r = new CsvReader(path);
  const records: string[][] = [];
  const lines: number[] = [];
  try {
    for (let rec = r.next(); rec; rec = r.next()) {
      records.push(rec);
      lines.push(r.line);
    }
  } finally {
    r.close();
  }
  return { records, lines };
}

function formatError(path: string): CsvFormatError {
  try {
    readAll(path);
  } catch (e) {
    if (e instanceof CsvFormatError) return e;
    throw e;
  }
  throw new Error('expected a CsvFormatError');
}

describe('CSV reader (RFC 4180)', () => {
  it('reads quoted fields, doubled quotes, commas and newlines inside quotes, and reports physical line numbers', () => {
    const { records, lines } = readAll(file('a,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\r\nlines",z\n3,,\n'));
    expect(records).toEqual([['a', 'b', 'c'], ['1', 'x, y', 'say "hi"'], ['2', 'two\r\nlines', 'z'], ['3', '', '']]);
    expect(lines).toEqual([1, 2, 3, 5]);
  });

  it('accepts LF and CRLF, skips blank lines, and reads a last line without a newline', () => {
    const { records, lines } = readAll(file('h1,h2\n\r\na,b\r\n\nc,"d"'));
    expect(records).toEqual([['h1', 'h2'], ['a', 'b'], ['c', 'd']]);
    expect(lines).toEqual([1, 3, 5]);
  });

  it('drops a UTF-8 byte order mark and keeps accented text intact', () => {
    const { records } = readAll(file(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('name,city\nPeña,São Paulo\n')])));
    expect(records).toEqual([['name', 'city'], ['Peña', 'São Paulo']]);
  });

  it('refuses UTF-16 (with a byte order mark) on line 1', () => {
    const e = formatError(file(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n', 'utf16le')])));
    expect(e.line).toBe(1);
    expect(e.message).toMatch(/UTF-16/);
  });

  it('refuses UTF-16 without a byte order mark (NUL bytes)', () => {
    const e = formatError(file(Buffer.from('a,b\n1,2\n', 'utf16le')));
    expect(e.line).toBe(1);
    expect(e.message).toMatch(/NUL byte/);
  });

  it('refuses Latin-1 text with the line of the first bad byte', () => {
    const e = formatError(file(Buffer.concat([Buffer.from('a,b\n1,2\n3,'), Buffer.from([0x50, 0xe9, 0x6e, 0x61]), Buffer.from('\n')])));
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/byte 0xE9 is not valid UTF-8/);
  });

  it('refuses an unterminated quote and a stray quote with their lines', () => {
    expect(formatError(file('a,b\n1,"open\n2,3\n')).line).toBe(2);
    const stray = formatError(file('a,b\n1,2\n3,ab"c\n'));
    expect(stray.line).toBe(3);
    expect(stray.message).toMatch(/double quote inside a value/);
  });

  it('handles records and multi-byte characters that straddle the 4 MiB read chunks', () => {
    const chunk = 4 << 20;
    // A quoted field with a newline and a 3-byte character exactly where the first chunk ends.
    const head = 'id,text\n';
    const filler: string[] = [];
    let size = head.length;
    let n = 0;
    while (size < chunk - 40) {
      const line = `${n},plain row ${n}\n`;
      filler.push(line);
      size += line.length;
      n++;
    }
    // The euro sign's first byte is the last byte of the first chunk (all text before it is ASCII).
    const prefix = `${n},"`;
    const pad = 'x'.repeat(chunk - 1 - size - prefix.length);
    const tricky = `${prefix}${pad}€\nnext ""€"" line"\n${n + 1},after\n`;
    expect(Buffer.byteLength(head + filler.join('') + prefix + pad)).toBe(chunk - 1);
    const { records, lines } = readAll(file(head + filler.join('') + tricky));
    expect(records).toHaveLength(n + 3);
    expect(records[n + 1]).toEqual([String(n), `${pad}€\nnext "€" line`]);
    expect(records[n + 2]).toEqual([String(n + 1), 'after']);
    expect(lines[n + 2]).toBe(n + 4);
  });
});
