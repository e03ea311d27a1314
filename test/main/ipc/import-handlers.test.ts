import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tempStore, type TempStore } from '../../helpers/temp-store';
import { dispatch } from '../../../main/ipc/dispatch';
import { createContext } from '../../../main/services/context';
import { generateDistrict } from '../../../fixtures/generator/generate-district';
import type { ProgressEvent } from '../../../shared/api/events';
import { readLines, writeLines } from '../services/import/import-helpers';

let dir: string;
let store: TempStore;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'steward-import-ipc-'));
  generateDistrict({ students: 40, seed: 2, out: join(dir, 'good') });
  generateDistrict({ students: 40, seed: 2, out: join(dir, 'bad') });
  const lines = readLines(join(dir, 'bad'), 'users.csv');
  lines[0] = lines[0]!.replace('familyName', 'surname');
  writeLines(join(dir, 'bad'), 'users.csv', lines);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => store.cleanup());

describe("the 'district-import' channel", () => {
  it('imports and pushes import-progress events', async () => {
    store = tempStore();
    const events: ProgressEvent[] = [];
    const ctx = createContext({ ...store.ctx, emit: (name, p) => { if (name === 'import-progress') events.push(p); } });
    const reply = await dispatch(ctx, 'district-import', { dir: join(dir, 'good') });
    expect(reply).toMatchObject({ ok: true, value: { preset: 'oneroster', students: 40 } });
    expect(events.at(-1)).toMatchObject({ phase: 'done' });
  });

  it('answers IMPORT_FAILED with where the first problem is, and rejects an unknown preset', async () => {
    store = tempStore();
    const reply = await dispatch(store.ctx, 'district-import', { dir: join(dir, 'bad') });
    expect(reply).toMatchObject({ ok: false, error: { code: 'IMPORT_FAILED', where: { file: 'users.csv', line: 1, column: 'familyName' } } });
    const preset = await dispatch(store.ctx, 'district-import', { dir: join(dir, 'good'), preset: 'skyward' });
    expect(preset).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', where: { field: 'preset' } } });
  });
});
