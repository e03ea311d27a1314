import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Database } from '../../db/sql';
import { sameKeyOpener } from '../../db/connection';
import type { ServiceContext } from '../context';
import { StewardError } from '../../../shared/api/result';

/**
 * The first import into a store (no students yet) writes nearly every page of the result. In
 * place, through the WAL, each page is encrypted and written to the WAL, then read back,
 * decrypted, encrypted again and written at the checkpoint. Here each page is written once: the
 * store file is copied (small while it holds no students), the import runs in the copy with an
 * in-memory rollback journal and no syncs, and only once it has committed is the copy synced and
 * renamed over the store (an atomic swap), and the store opened again. A failed import deletes the
 * copy: the store itself was never written, so it stays byte for byte as it was.
 *
 * The swap needs the store to be open in this connection only: another connection would keep
 * reading (and could write) the replaced file. The store is closed before and after the import to
 * check that (SQLite deletes the WAL file when the last connection closes), and its write lock is
 * held in between, so nothing else changes it while the copy is being filled.
 */

const COPY_MARK = '.importing-';

/** A copy left by an import that crashed: deleted before the next one (it is encrypted like the store). */
function removeLeftoverCopies(storePath: string): void {
  const prefix = `${basename(storePath)}${COPY_MARK}`;
  for (const name of readdirSync(dirname(storePath))) {
    if (name.startsWith(prefix)) rmSync(join(dirname(storePath), name), { force: true });
  }
}

function removeCopy(copy: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${copy}${suffix}`, { force: true });
}

function fsyncPath(path: string, flags: string): void {
  const fd = openSync(path, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Closes the store; true when no other connection had it open (its WAL file is gone). */
function closeAlone(ctx: ServiceContext): boolean {
  ctx.db.close();
  return !existsSync(`${ctx.storePath}-wal`);
}

/**
 * Runs `work` on a copy of the store and swaps the copy in when it returns; null (nothing done)
 * when the store cannot be swapped safely, and the caller imports in place instead.
 */
export function inStoreCopy<T>(ctx: ServiceContext, copyId: string, work: (db: Database) => T): { result: T } | null {
  const open = sameKeyOpener(ctx.db);
  if (!open || ctx.db.memory || ctx.db.readonly) return null;
  const path = ctx.storePath;
  // Closing folds the WAL into the file, so a plain copy of the file is the whole store.
  const alone = closeAlone(ctx);
  ctx.db = open(path);
  if (!alone) return null;
  removeLeftoverCopies(path);
  const copy = `${path}${COPY_MARK}${copyId}`;
  // The store's write lock, held until the swap: no other connection can change the store meanwhile.
  ctx.db.exec('BEGIN IMMEDIATE');
  let result: T;
  try {
    copyFileSync(path, copy);
    const db = open(copy);
    try {
      // Durability comes from the sync before the swap; until then the copy is scratch.
      db.pragma('synchronous = OFF');
      result = work(db);
    } finally {
      db.close();
    }
    fsyncPath(copy, 'r+');
  } catch (e) {
    ctx.db.exec('ROLLBACK');
    removeCopy(copy);
    throw e;
  }
  ctx.db.exec('ROLLBACK');
  if (!closeAlone(ctx)) {
    removeCopy(copy);
    ctx.db = open(path);
    throw new StewardError('CONFLICT', `Another program opened ${path} during the import, so the imported data was not stored and the store is unchanged. Close the other program and import again.`);
  }
  try {
    renameSync(copy, path);
  } catch (e) {
    removeCopy(copy);
    ctx.db = open(path);
    throw e;
  }
  try {
    fsyncPath(dirname(path), 'r');
  } catch {
    // Some platforms cannot sync a folder; the rename itself is atomic.
  }
  ctx.db = open(path);
  return { result };
}
