import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { tempStore, type TempStore } from '../../../helpers/temp-store';
import { openStore } from '../../../../main/db/connection';
import { importDistrict } from '../../../../main/services/import/import-service';
import { ImportFailedError } from '../../../../main/services/import/import-issues';
import { generatedDistrict, plainLine, rowCounts, setCell, storeHash, type DistrictFiles } from './import-helpers';

/**
 * The first import of a store is built in a copy and swapped in (store-copy.ts). These check what a
 * user would notice: the store holds the data afterwards and stays usable, a failed first import
 * leaves the store byte for byte as it was, and no copy is left beside it either way.
 */
let district: DistrictFiles;
let store: TempStore;
beforeAll(() => { district = generatedDistrict(40, 9); });
afterAll(() => district.cleanup());
afterEach(() => store?.cleanup());

/** Files in the store's folder other than the store, its key and SQLite's own. */
const strayFiles = (s: TempStore) => readdirSync(s.dir).filter((n) => !/^district\.db(-wal|-shm)?$/.test(n) && n !== basename(`${s.path}.keyinfo`));

describe('the first import into an empty store', () => {
  it('stores the district, and the store stays open and usable', async () => {
    store = tempStore();
    const r = await importDistrict(store.ctx, district.dir);
    expect(r.students).toBe(40);
    expect(rowCounts(store.ctx).students).toBe(40);
    expect(store.ctx.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.ctx.db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    expect(strayFiles(store)).toEqual([]);
    // What was imported is on disk: a new connection with the key sees it.
    const other = openStore({ path: store.path, key: store.key, mode: 'district' });
    try {
      expect(other.prepare('SELECT count(*) FROM students').pluck().get()).toBe(40);
    } finally {
      other.close();
    }
    // A second import (now in place) still works on the swapped-in store.
    expect((await importDistrict(store.ctx, district.dir)).students).toBe(40);
  });

  it('leaves the store byte for byte as it was when the import fails, with no copy left behind', async () => {
    store = tempStore();
    const dir = district.copy();
    setCell(dir, 'attendance.csv', plainLine(dir, 'attendance.csv', 3), 'daysPresent', 'many');
    const hash = storeHash(store);
    const error = await importDistrict(store.ctx, dir).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFailedError);
    expect(storeHash(store)).toBe(hash);
    expect(rowCounts(store.ctx).students).toBe(0);
    expect(strayFiles(store)).toEqual([]);
  });

  it('imports in place when another connection has the store open', async () => {
    store = tempStore();
    const other = openStore({ path: store.path, key: store.key, mode: 'district' });
    try {
      expect((await importDistrict(store.ctx, district.dir)).students).toBe(40);
      // The other connection reads the same file, so it sees the import.
      expect(other.prepare('SELECT count(*) FROM students').pluck().get()).toBe(40);
    } finally {
      other.close();
    }
    expect(strayFiles(store)).toEqual([]);
  });
});
