import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createDemoDistrict } from '../../../main/services/demo-service';
import { openStore } from '../../../main/db/connection';
import type { ProgressEvent } from '../../../shared/api/events';

let dir = '';
const savedTmp = process.env.TMPDIR;
afterEach(() => {
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('createDemoDistrict', () => {
  it('generates, imports into a new encrypted store, reports progress and removes its temp folder', async () => {
    dir = mkdtempSync(join(tmpdir(), 'steward-demo-test-'));
    const path = join(dir, 'demo.db');
    const key = randomBytes(32);
    // A private temp folder (this file runs in its own process) shows what the demo leaves behind.
    const privateTmp = join(dir, 'tmp');
    mkdirSync(privateTmp);
    process.env.TMPDIR = privateTmp;
    const phases = new Set<string>();
    let tempsWhileImporting = -1;
    const r = await createDemoDistrict({
      path, key, students: 250, seed: 3,
      onProgress: (p: ProgressEvent) => {
        phases.add(p.phase);
        if (p.phase === 'users.csv') tempsWhileImporting = readdirSync(privateTmp).length;
      },
    });
    expect(tempsWhileImporting).toBe(1);
    expect(r.students).toBe(250);
    expect(r.ms).toBeGreaterThan(0);
    expect([...phases]).toEqual(expect.arrayContaining(['generate', 'users.csv', 'metrics', 'done']));
    expect(readdirSync(privateTmp)).toEqual([]);
    const db = openStore({ path, key, mode: 'district' });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare(`SELECT count(*) FROM students WHERE status = 'active'`).pluck().get()).toBe(250);
    expect(db.prepare('SELECT count(*) FROM partners').pluck().get()).toBe(5);
    db.close();
  });

  it('refuses an existing store and leaves it alone', async () => {
    dir = mkdtempSync(join(tmpdir(), 'steward-demo-test-'));
    const path = join(dir, 'demo.db');
    const key = randomBytes(32);
    await createDemoDistrict({ path, key, students: 30 });
    await expect(createDemoDistrict({ path, key, students: 30 })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(existsSync(path)).toBe(true);
  });
});
