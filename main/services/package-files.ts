import { createHash } from 'node:crypto';
import { createReadStream, existsSync, linkSync, renameSync, unlinkSync } from 'node:fs';
import { StewardError } from '../../shared/api/result';

/** File handling shared by the package export, the partner import and destruction certificates. */

/** Moves a finished file into place without ever replacing one (hard link, or rename where links are not supported). */
export function placeFile(from: string, to: string): void {
  try {
    linkSync(from, to);
    unlinkSync(from);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // Some removable drives (FAT, exFAT) have no hard links: rename, after checking nothing is there.
    if ((code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV') && !existsSync(to)) renameSync(from, to);
    else throw e;
  }
}

/** File-system failures in plain words, naming the file (never the data). */
export function fileError(e: unknown, path: string): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new StewardError('BAD_INPUT', `Cannot write ${path}: the folder does not exist. Nothing was sent or recorded.`, { file: path });
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new StewardError('BAD_INPUT', `Cannot write ${path}: you may not write to that folder. Nothing was sent or recorded.`, { file: path });
  if (code === 'ENOSPC') return new StewardError('BAD_INPUT', `Cannot write ${path}: the disk is full. Nothing was sent or recorded.`, { file: path });
  if (code === 'EEXIST' || code === 'EISDIR' || code === 'ENOTEMPTY') return new StewardError('CONFLICT', `Something else appeared at ${path} while the package was being written. Nothing was sent or recorded; export again.`, { file: path });
  return e;
}

export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
