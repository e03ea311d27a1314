import { open } from 'node:fs/promises';
import { PackageFailure } from '../../../../main/crypto/package-failure';
import { readEntryBytes, readZipDirectory } from '../../../../main/crypto/zip/zip-reader';
import { ZipWriter } from '../../../../main/crypto/zip/zip-writer';

export interface Entry {
  name: string;
  data: Buffer;
}

/** All entries of a ZIP, in file order (any names: this is the attacker's view). */
export async function unzipAll(path: string): Promise<Entry[]> {
  const fh = await open(path, 'r');
  try {
    const entries = await readZipDirectory(fh, (await fh.stat()).size, {
      allowName: () => true,
      maxSize: () => Number.MAX_SAFE_INTEGER,
      tooLarge: () => new PackageFailure('malformed', 'unused'),
      maxEntries: 100_000,
    });
    const out: Entry[] = [];
    for (const e of entries.sort((a, b) => a.dataOffset - b.dataOffset)) out.push({ name: e.name, data: await readEntryBytes(fh, e) });
    return out;
  } finally {
    await fh.close();
  }
}

/** Rewrites a package with changed entries, with correct CRCs: the work of a careful attacker. */
export async function rezip(path: string, out: string, change: (entries: Entry[]) => Entry[]): Promise<string> {
  const entries = change(await unzipAll(path));
  const zip = await ZipWriter.create(out, new Date('2026-09-15T12:00:00Z'));
  for (const e of entries) {
    await zip.beginEntry(e.name, e.data.length);
    await zip.write(e.data);
    await zip.endEntry();
  }
  await zip.finish();
  return out;
}

/** Flips one bit of `data` at `offset` (negative: from the end). */
export function flip(data: Buffer, offset: number): Buffer {
  const copy = Buffer.from(data);
  const at = offset < 0 ? copy.length + offset : offset;
  copy[at] = (copy[at] as number) ^ 0x01;
  return copy;
}
