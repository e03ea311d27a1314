import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PackageFailure } from '../../../main/crypto/package-failure';
import { sdxZipRules } from '../../../main/crypto/package/rules';
import { readEntryBytes, readZipDirectory, type ZipEntry } from '../../../main/crypto/zip/zip-reader';
import { ZipWriter } from '../../../main/crypto/zip/zip-writer';
import { workDir } from './helpers/fixtures';
import { bashOk } from './helpers/shell';

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = workDir()));
afterAll(() => cleanup());

const manifestBytes = randomBytes(3000);
const partBytes = randomBytes(70_000);

async function writeOurs(path: string): Promise<void> {
  const zip = await ZipWriter.create(path, new Date('2026-09-15T12:00:00Z'));
  for (const [name, data] of [['payload/part-000001.p7m', partBytes], ['manifest.p7m', manifestBytes]] as const) {
    await zip.beginEntry(name, data.length);
    await zip.write(data.subarray(0, 1000));
    await zip.write(data.subarray(1000));
    await zip.endEntry();
  }
  await zip.finish();
}

async function read(path: string): Promise<{ entries: ZipEntry[]; data: Map<string, Buffer> }> {
  const fh = await open(path, 'r');
  try {
    const entries = await readZipDirectory(fh, (await fh.stat()).size, sdxZipRules);
    const data = new Map<string, Buffer>();
    for (const e of entries) data.set(e.name, await readEntryBytes(fh, e));
    return { entries, data };
  } finally {
    await fh.close();
  }
}

async function rejection(path: string): Promise<[string, string]> {
  const e = await read(path).then(() => undefined, (err: unknown) => err);
  if (!(e instanceof PackageFailure)) throw new Error(`expected a rejection, got ${String(e)}`);
  return [e.reason, e.detail];
}

/** Info-ZIP's own archive of the two entries, with the given flags. */
function infoZip(name: string, flags: string, opts: { args?: string; manifest?: Buffer } = {}): string {
  const src = join(dir, `src-${name}`);
  mkdirSync(join(src, 'payload'), { recursive: true });
  writeFileSync(join(src, 'manifest.p7m'), opts.manifest ?? manifestBytes);
  writeFileSync(join(src, 'payload', 'part-000001.p7m'), partBytes);
  const out = join(dir, name);
  bashOk(`zip -q ${flags} ${out} ${opts.args ?? 'manifest.p7m payload/part-000001.p7m'}`, src);
  return out;
}

describe('ZIP writer', () => {
  it('an entry large enough to be flushed to disk while the next one is written still extracts byte for byte', async () => {
    const path = join(dir, 'large.zip');
    const large = randomBytes(9 * 1024 * 1024);
    const zip = await ZipWriter.create(path, new Date('2026-09-15T12:00:00Z'));
    for (const [name, data] of [['payload/part-000001.p7m', large], ['manifest.p7m', manifestBytes]] as const) {
      await zip.beginEntry(name, data.length);
      for (let at = 0; at < data.length; at += 256 * 1024) await zip.write(data.subarray(at, at + 256 * 1024));
      await zip.endEntry();
    }
    await zip.finish();
    expect(bashOk(`unzip -t ${path}`, dir)).toContain('No errors detected');
    expect((await read(path)).data.get('payload/part-000001.p7m')?.equals(large)).toBe(true);
  });

  it('writes what Info-ZIP tests clean and extracts byte for byte', async () => {
    const path = join(dir, 'ours.zip');
    await writeOurs(path);
    expect(bashOk(`unzip -t ${path}`, dir)).toContain('No errors detected');
    bashOk(`unzip -q ${path} -d ours-x`, dir);
    expect(readFileSync(join(dir, 'ours-x', 'payload', 'part-000001.p7m')).equals(partBytes)).toBe(true);
    expect(readFileSync(join(dir, 'ours-x', 'manifest.p7m')).equals(manifestBytes)).toBe(true);
  });

  it('refuses an archive that would need ZIP64 (over 4 GiB) before writing it', async () => {
    const zip = await ZipWriter.create(join(dir, 'huge.zip'), new Date());
    await expect(zip.beginEntry('payload/part-000001.p7m', 5 * 1024 ** 3)).rejects.toThrow(/larger than 4 GiB/);
    await zip.abort();
  });

  it('refuses an entry that is shorter or longer than announced', async () => {
    const zip = await ZipWriter.create(join(dir, 'short.zip'), new Date());
    await zip.beginEntry('manifest.p7m', 10);
    await expect(zip.write(Buffer.alloc(11))).rejects.toThrow(/longer than announced/);
    await zip.abort();
  });
});

describe('strict ZIP reader', () => {
  it('reads our archive and Info-ZIP `zip -0 -X -D` archives alike', async () => {
    const ours = join(dir, 'ours2.zip');
    await writeOurs(ours);
    for (const path of [ours, infoZip('plain.zip', '-0 -X -D')]) {
      const { data } = await read(path);
      expect(data.get('manifest.p7m')!.equals(manifestBytes)).toBe(true);
      expect(data.get('payload/part-000001.p7m')!.equals(partBytes)).toBe(true);
    }
  });

  it('refuses compressed entries', async () => {
    const path = infoZip('deflated.zip', '-6 -X -D', { manifest: Buffer.alloc(5000) });
    expect(await rejection(path)).toEqual(['bad-zip-entry', 'zip: manifest.p7m is compressed']);
  });

  it('refuses extra fields (Info-ZIP without -X adds timestamps and uid/gid)', async () => {
    expect(await rejection(infoZip('extra.zip', '-0 -D'))).toEqual(['bad-zip-entry', 'zip: manifest.p7m has extra fields, a comment or a disk number']);
  });

  it('refuses directory entries (not on the allow-list)', async () => {
    expect(await rejection(infoZip('dirs.zip', '-0 -X -r', { args: 'manifest.p7m payload' }))).toEqual(['bad-zip-entry', 'zip: "payload/" is not an entry a package may contain']);
  });

  it('refuses an archive comment', async () => {
    const path = infoZip('comment.zip', '-0 -X -D');
    bashOk(`echo hello | zip -q -z ${path}`, dir);
    expect(await rejection(path)).toEqual(['malformed', 'zip: archive comments are not used']);
  });

  it('refuses a local header that disagrees with the central directory', async () => {
    const path = join(dir, 'mismatch.zip');
    await writeOurs(path);
    const bytes = readFileSync(path);
    bytes.writeUInt16LE(0x0808, 6); // local flags of the first entry: data descriptor bit set
    writeFileSync(path, bytes);
    expect(await rejection(path)).toEqual(['bad-zip-entry', 'zip: local header of payload/part-000001.p7m differs from the central directory']);
  });

  it('refuses encryption and data-descriptor flags in the central directory', async () => {
    const path = join(dir, 'flags.zip');
    await writeOurs(path);
    const bytes = readFileSync(path);
    const cd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes.writeUInt16LE(0x0801, cd + 8);
    writeFileSync(path, bytes);
    expect((await rejection(path))[1]).toMatch(/flags 0x801/);
  });

  it('refuses bytes hidden between entries', async () => {
    const path = join(dir, 'hidden.zip');
    await writeOurs(path);
    const bytes = readFileSync(path);
    const cd = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const patched = Buffer.concat([bytes.subarray(0, cd), Buffer.from('HIDDEN'), bytes.subarray(cd)]);
    // keep the end record consistent: the directory moved by 6 bytes
    patched.writeUInt32LE(cd + 6, patched.length - 6);
    writeFileSync(path, patched);
    expect(await rejection(path)).toEqual(['malformed', 'zip: unaccounted bytes before the central directory']);
  });

  it('detects a changed byte through the CRC-32', async () => {
    const path = join(dir, 'crc.zip');
    await writeOurs(path);
    const bytes = readFileSync(path);
    bytes[100] = (bytes[100] as number) ^ 0xff;
    writeFileSync(path, bytes);
    expect(await rejection(path)).toEqual(['tampered', 'zip: CRC-32 of payload/part-000001.p7m does not match']);
  });
});
