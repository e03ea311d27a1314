import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProgressEvent } from '../../shared/api/events';
import { openStore } from '../db/connection';
import { createContext } from './context';
import { importDistrictSync } from './import/import-service';
import { generateDistrict, DEFAULT_SEED } from '../../fixtures/generator/generate-district';

/** The demo district: about 16,000 students, always the same ones. */
export const DEMO_STUDENTS = 16_000;
export const DEMO_SEED = DEFAULT_SEED;

export interface DemoOptions {
  /** Where the new store goes; it must not exist yet. */
  path: string;
  /** The store key (scrypt-derived in the CLI, safeStorage-wrapped in the app). */
  key: Buffer;
  students?: number;
  seed?: number;
  onProgress?: (p: ProgressEvent) => void;
}

/**
 * Builds the demo district: generates the synthetic district's CSV files into a temporary
 * folder, creates a new encrypted store, imports them (the same importer as a real district's
 * files), then removes the folder. If anything fails the half-built store is removed too.
 * Called by the CLI (`steward demo`), the app's first run, the e2e tests and the benchmark.
 */
export async function createDemoDistrict(opts: DemoOptions): Promise<{ students: number; ms: number }> {
  const t0 = Date.now();
  const students = opts.students ?? DEMO_STUDENTS;
  const tmp = mkdtempSync(join(tmpdir(), 'steward-demo-'));
  let created = false;
  try {
    const taskId = 'demo';
    generateDistrict({
      students, seed: opts.seed ?? DEMO_SEED, out: tmp,
      onProgress: (done, total) => opts.onProgress?.({ taskId, phase: 'generate', done, total }),
    });
    const db = openStore({ path: opts.path, key: opts.key, mode: 'district', create: true });
    created = true;
    try {
      const ctx = createContext({ db, mode: 'district', storePath: opts.path, actor: 'system:demo' });
      importDistrictSync(ctx, tmp, { freshStore: true, ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) });
    } finally {
      db.close();
    }
    return { students, ms: Date.now() - t0 };
  } catch (e) {
    if (created) for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${opts.path}${suffix}`, { force: true });
    throw e;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
