import { closeSync, openSync, renameSync, rmSync } from 'node:fs';
import type { ServiceContext } from './context';
import { inTransaction } from '../db/sql';
import { StewardError, isStewardError } from '../../shared/api/result';

/**
 * Writes the file the user chose in the shell's save dialog (the window never names a path):
 * `write` fills a temporary file beside it and returns what it wrote; `record` (the audit row, given
 * that) runs in one transaction with the rename over the chosen name, so the file and its row land together. On any failure the
 * temporary file is removed and the row rolled back: nothing half-written is left. `what` names
 * the content in messages ("the CSV", "the certificate").
 */
export function writeChosenFile<T>(ctx: ServiceContext, filePath: string | undefined, what: string, write: (fd: number) => T, record: (written: T) => void): { filePath: string; written: T } {
  if (!filePath) throw new StewardError('BAD_INPUT', `No file was chosen to save ${what} in: choose one in the save dialog.`, { field: 'filePath' });
  const tmp = `${filePath}.partial`;
  let fd: number;
  try {
    fd = openSync(tmp, 'wx');
  } catch {
    throw new StewardError('BAD_INPUT', `Cannot write ${filePath}: check the folder exists and is writable, and that no ${tmp} is left over.`, { file: filePath });
  }
  let written: T;
  try {
    written = write(fd);
    closeSync(fd);
    inTransaction(ctx.db, () => {
      record(written);
      renameSync(tmp, filePath);
    });
  } catch (e) {
    try { closeSync(fd); } catch { /* already closed */ }
    rmSync(tmp, { force: true });
    // A file system refusal (disk full, a folder of that name ...) is the user's to fix; anything else stays internal.
    const code = (e as NodeJS.ErrnoException).code;
    if (isStewardError(e) || typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) throw e;
    const What = what.charAt(0).toUpperCase() + what.slice(1);
    throw new StewardError('BAD_INPUT', `${What} could not be written to ${filePath} (${code}): nothing was saved. Check the disk has room and the name is not a folder, then try again.`, { file: filePath });
  }
  return { filePath, written };
}
