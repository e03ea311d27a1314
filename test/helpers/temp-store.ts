import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openStore, type StoreMode } from '../../main/db/connection';
import { createContext, type ServiceContext } from '../../main/services/context';

/**
 * A real encrypted store in a fresh temp folder (never a mocked database), with a pinned clock
 * and sequential ids so tests are deterministic. Call `cleanup()` in afterEach.
 */
export interface TempStore {
  ctx: ServiceContext;
  dir: string;
  path: string;
  key: Buffer;
  cleanup(): void;
  /** Re-opens the same file (e.g. to check what survived a failed operation). */
  reopen(): ServiceContext;
}

export function tempStore(mode: StoreMode = 'district', opts: { now?: string; actor?: string } = {}): TempStore {
  const dir = mkdtempSync(join(tmpdir(), 'steward-test-'));
  const path = join(dir, `${mode}.db`);
  const key = randomBytes(32);
  const clock = { now: new Date(opts.now ?? '2026-09-15T12:00:00Z') };
  let seq = 0;
  const make = (create: boolean) =>
    createContext({
      db: openStore({ path, key, mode, create }),
      mode,
      storePath: path,
      actor: opts.actor ?? 'test:steward',
      now: () => clock.now,
      newId: () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`,
    });
  let ctx = make(true);
  return {
    get ctx() { return ctx; },
    dir,
    path,
    key,
    reopen() { ctx.db.close(); ctx = make(false); return ctx; },
    cleanup() { try { ctx.db.close(); } catch { /* already closed */ } rmSync(dir, { recursive: true, force: true }); },
  };
}
