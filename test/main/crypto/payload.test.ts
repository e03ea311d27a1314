import { appendFileSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAYLOAD_FILES } from '../../../shared/package/manifest';
import { PackageFailure } from '../../../main/crypto/package-failure';
import { CsvScanner } from '../../../main/crypto/payload/csv-scan';
import { inputFromBuffer, inputFromFile } from '../../../main/crypto/payload/inputs';
import { TarReader, tarSize, tarStream } from '../../../main/crypto/payload/tar';
import { payloadFiles, sampleRecords, workDir } from './helpers/fixtures';
import { bashOk } from './helpers/shell';

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = workDir()));
afterAll(() => cleanup());

async function collect(it: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of it) parts.push(c);
  return Buffer.concat(parts);
}

/** Feeds `bytes` to a TarReader in `step`-byte pieces; returns the files it saw. */
async function untar(bytes: Buffer, step = 333): Promise<Record<string, string>> {
  const files: Record<string, Buffer[]> = {};
  let current = '';
  const reader = new TarReader(PAYLOAD_FILES, {
    fileStart: async (name) => void (files[(current = name)] = []),
    fileData: async (chunk) => void files[current]!.push(Buffer.from(chunk)),
    fileEnd: async () => undefined,
  });
  for (let at = 0; at < bytes.length; at += step) await reader.push(bytes.subarray(at, at + step));
  reader.end();
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, Buffer.concat(v).toString('utf8')]));
}

async function tarFailure(bytes: Buffer): Promise<string> {
  const e = await untar(bytes).then(() => undefined, (err: unknown) => err);
  if (!(e instanceof PackageFailure) || e.reason !== 'payload-malformed') throw new Error(`expected payload-malformed, got ${String(e)}`);
  return e.detail;
}

describe('ustar payload container', () => {
  it('our archive has the size announced in advance and GNU tar extracts it', async () => {
    const files = payloadFiles(sampleRecords(20));
    const bytes = await collect(tarStream(files, new Date('2026-09-15T12:00:00Z')));
    expect(bytes.length).toBe(tarSize(files));
    writeFileSync(join(dir, 'p.tar'), bytes);
    expect(bashOk('tar -tvf p.tar', dir)).toMatch(/-rw-r--r-- 0\/0 +\d+ 2026-09-15 \d\d:\d\d records\.csv/);
    bashOk('mkdir x && tar -xf p.tar -C x', dir);
    expect(readFileSync(join(dir, 'x', 'records.csv'), 'utf8')).toBe(sampleRecords(20));
    expect(await untar(bytes)).toMatchObject({ 'records.csv': sampleRecords(20), 'revocations.json': '[]\n' });
  });

  it('reads GNU tar --format=ustar output; refuses GNU format, symlinks, wrong order and bad checksums', async () => {
    const src = join(dir, 'src');
    mkdirSync(src);
    for (const f of PAYLOAD_FILES) writeFileSync(join(src, f), `${f}\n`);
    const make = (args: string) => readFileSync(join(dir, bashOk(`tar ${args} -C src -cf t.tar ${PAYLOAD_FILES.join(' ')} && echo t.tar`, dir).trim()));
    expect((await untar(make('--format=ustar')))['notice.txt']).toBe('notice.txt\n');
    expect(await tarFailure(make('--format=gnu'))).toBe('tar: not a POSIX ustar header');
    const reordered = readFileSync(join(dir, bashOk(`tar --format=ustar -C src -cf r.tar notice.txt records.csv dictionary.json revocations.json && echo r.tar`, dir).trim()));
    expect(await tarFailure(reordered)).toBe('tar: files out of order: found notice.txt, expected records.csv');
    bashOk('ln -s /etc/passwd src/link && tar --format=ustar -C src -cf l.tar link', dir);
    expect(await tarFailure(readFileSync(join(dir, 'l.tar')))).toBe('tar: only regular files may appear');
    const corrupt = make('--format=ustar');
    corrupt[10] = 0x41;
    expect(await tarFailure(corrupt)).toBe('tar: header checksum does not match');
  });

  it('refuses an archive without all four files or without its end marker', async () => {
    const three = await collect(tarStream(payloadFiles('a\r\n').slice(0, 3), new Date()));
    expect(await tarFailure(three)).toBe('tar: notice.txt is missing');
    const full = await collect(tarStream(payloadFiles('a\r\n'), new Date()));
    expect(await tarFailure(full.subarray(0, full.length - 1024))).toBe('tar: the end-of-archive marker is missing');
  });

  it('reads a file on disk straight into its buffers: the same archive as from memory; a file that grew or shrank since it was measured is refused', async () => {
    const records = sampleRecords(15_000);
    expect(records.length).toBeGreaterThan(2 * 256 * 1024);
    const path = join(dir, 'on-disk.csv');
    writeFileSync(path, records);
    const mtime = new Date('2026-09-15T12:00:00Z');
    const fromDisk = [await inputFromFile('records.csv', path), ...payloadFiles(records).slice(1)];
    expect((await collect(tarStream(fromDisk, mtime))).equals(await collect(tarStream(payloadFiles(records), mtime)))).toBe(true);
    const grown = await inputFromFile('records.csv', path);
    appendFileSync(path, 'x');
    await expect(collect(tarStream([grown], mtime))).rejects.toThrow(`records.csv is longer than its declared ${records.length} bytes`);
    const shrunk = await inputFromFile('records.csv', path);
    truncateSync(path, 10);
    await expect(collect(tarStream([shrunk], mtime))).rejects.toThrow(`records.csv is 10 bytes, declared ${records.length + 1}`);
  });

  it('refuses an input stream whose length differs from its declared size', async () => {
    const liar = { ...inputFromBuffer('records.csv', 'abc'), size: 4 };
    await expect(collect(tarStream([liar], new Date()))).rejects.toThrow(/is 3 bytes, declared 4/);
  });
});

describe('records.csv scanner', () => {
  const scan = (text: string, step: number) => {
    const s = new CsvScanner();
    const bytes = Buffer.from(text, 'utf8');
    for (let at = 0; at < bytes.length; at += step) s.push(bytes.subarray(at, at + step));
    return s.end();
  };

  it('counts records, not lines: quoted line breaks and quotes stay inside their field, at any chunking', () => {
    const text = sampleRecords(50);
    for (const step of [1, 2, 7, 64, 100_000]) expect(scan(text, step)).toEqual({ header: ['student.localId', 'student.firstName', 'student.lastName', 'student.grade'], records: 50 });
  });

  it('handles a BOM, a quoted header, LF line ends and a missing final line break', () => {
    expect(scan('\uFEFF"a,1","b""2",c\nx,y,z\n1,2,3', 3)).toEqual({ header: ['a,1', 'b"2', 'c'], records: 2 });
  });

  it('in header-only mode (the writer) reads the header row and skips the rest', () => {
    const s = new CsvScanner(true);
    s.push(Buffer.from('a,"b\nc"\r\n1,"unclosed'));
    expect(s.end()).toEqual({ header: ['a', 'b\nc'], records: -1 });
  });

  it('refuses an unclosed quote', () => {
    expect(() => scan('a,b\r\n"x,y\r\n', 5)).toThrow(/never closes/);
  });
});
