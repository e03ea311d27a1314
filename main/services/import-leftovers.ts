import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, lstatSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ServiceContext } from './context';
import { appendAudit } from './audit-log';
import { inTransaction } from '../db/sql';

/**
 * A package import decrypts its payload into a private folder beside the workspace and removes it
 * when it ends, however it ends. A crash (power cut, killed process) can leave that folder behind,
 * holding decrypted student records outside the encrypted store. Opening a partner workspace
 * sweeps such leftovers: file contents are overwritten with zeros before the folder is deleted
 * (best effort: a copy-on-write or flash disk may keep old blocks, which is why the folder sits
 * beside the store, on the disk the store's owner already protects).
 */
const PREFIX = '.steward-incoming-';
/**
 * `<prefix><pid>-<random>`, or the reader's `….partial-<random>` while it decrypts: the process
 * that made it, so an import running in another process is left alone.
 */
const NAMED = /^\.steward-incoming-(\d+)-[0-9a-f]+(?:\.partial-[0-9a-f]+)?$/;
/** Older than this, a folder is a leftover whatever its pid says (pids are reused). No import runs for a day. */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

export interface LeftoverSweep {
  /** Folders deleted. */
  folders: number;
  /** Files overwritten and deleted inside them. */
  files: number;
  /** Folders that could not be deleted (permissions); tried again at the next opening. */
  failed: number;
}

/** The private folder for one import's decrypted payload, beside the store. */
export function incomingFolder(storePath: string): string {
  return join(dirname(storePath), `${PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`);
}

/** Removes the folder now (the import's own clean-up, on success and failure alike). */
export function removeIncomingFolder(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isLeftover(name: string, modifiedMs: number, nowMs: number): boolean {
  if (nowMs - modifiedMs > STALE_AFTER_MS) return true;
  const m = NAMED.exec(name);
  // A folder without a pid was made before folders carried one: no import of that version still runs.
  return !m || !processAlive(Number(m[1]));
}

/** Overwrites every regular file under `dir` with zeros (never following links) and returns how many. */
function overwriteFiles(dir: string): number {
  let files = 0;
  const zeros = Buffer.alloc(64 * 1024);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files += overwriteFiles(path);
    if (!entry.isFile()) continue;
    const fd = openSync(path, 'r+');
    try {
      for (let left = lstatSync(path).size; left > 0; left -= zeros.length) writeSync(fd, zeros, 0, Math.min(left, zeros.length));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    files++;
  }
  return files;
}

/**
 * Deletes the import leftovers beside a partner workspace and records how many in its audit log
 * (counts only: a folder's name says nothing, its files held student records). Nothing to sweep
 * writes nothing. Never throws for a folder it cannot delete: opening the workspace matters more.
 */
export function sweepImportLeftovers(ctx: ServiceContext): LeftoverSweep {
  const result: LeftoverSweep = { folders: 0, files: 0, failed: 0 };
  if (ctx.mode !== 'partner') return result;
  const dir = dirname(ctx.storePath);
  const nowMs = ctx.now().getTime();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    // A symbolic link is not a folder an import made: never follow it.
    if (!entry.isDirectory() || !entry.name.startsWith(PREFIX)) continue;
    const path = join(dir, entry.name);
    try {
      if (!isLeftover(entry.name, lstatSync(path).mtimeMs, nowMs)) continue;
      result.files += overwriteFiles(path);
      removeIncomingFolder(path);
      result.folders++;
    } catch {
      result.failed++;
    }
  }
  if ((result.folders > 0 || result.failed > 0) && !ctx.db.readonly) {
    inTransaction(ctx.db, () => appendAudit(ctx, { action: 'import-leftovers.delete', objectType: 'workspace', summary: { ...result } }));
  }
  return result;
}
