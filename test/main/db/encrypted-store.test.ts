import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { openStore } from '../../../main/db/connection';
import { createPassphraseKey, openPassphraseKey } from '../../../main/db/key';
import { migrate } from '../../../main/db/migrate';
import { districtMigrations } from '../../../main/db/migrations/district';
import { StewardError } from '../../../shared/api/result';

let dir = '';
afterEach(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

function freshPath(): string {
  dir = mkdtempSync(join(tmpdir(), 'steward-store-'));
  return join(dir, 'district.db');
}

describe('encrypted district store', () => {
  it('keeps no plaintext on disk: no student name, no SQLite header', () => {
    const path = freshPath();
    const key = createPassphraseKey(path, 'correct horse battery');
    const db = openStore({ path, key, mode: 'district', create: true });
    db.prepare(`INSERT INTO orgs (id, name, type) VALUES ('sch-1', 'Lincoln Elementary', 'school')`).run();
    db.prepare(`INSERT INTO students (id, local_id, first_name, last_name, grade, school_id, updated_at) VALUES ('stu-1', 'L0001', 'Quetzalli', 'Zabriskie', '03', 'sch-1', '2026-01-01')`).run();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const raw = readFileSync(path);
    expect(raw.includes(Buffer.from('Zabriskie')), 'student surname readable in the raw file').toBe(false);
    expect(raw.includes(Buffer.from('Quetzalli'))).toBe(false);
    expect(raw.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\u0000');
    expect(readFileSync(`${path}.keyinfo`, 'utf8')).not.toContain('correct horse');
  });

  it('opens again with the right passphrase and refuses a wrong one with a clear error', () => {
    const path = freshPath();
    const db = openStore({ path, key: createPassphraseKey(path, 'right passphrase'), mode: 'district', create: true });
    db.close();
    expect(() => openPassphraseKey(path, 'wrong passphrase')).toThrow(/passphrase does not open/);
    const again = openStore({ path, key: openPassphraseKey(path, 'right passphrase'), mode: 'district' });
    expect(again.pragma('user_version', { simple: true })).toBe(districtMigrations.length);
    expect(again.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(again.pragma('foreign_keys', { simple: true })).toBe(1);
    again.close();
  });

  it('refuses a key that does not decrypt the file even without a keyinfo check', () => {
    const path = freshPath();
    openStore({ path, key: Buffer.alloc(32, 1), mode: 'district', create: true }).close();
    expect(() => openStore({ path, key: Buffer.alloc(32, 2), mode: 'district' })).toThrow(StewardError);
  });

  it('refuses a store written by a newer Steward and leaves it untouched', () => {
    const path = freshPath();
    const key = Buffer.alloc(32, 7);
    openStore({ path, key, mode: 'district', create: true }).close();
    const raw = new Database(path);
    raw.pragma(`cipher='sqlcipher'`); raw.pragma('legacy=4'); raw.pragma(`key="x'${key.toString('hex')}'"`);
    raw.pragma('user_version = 999');
    raw.close();
    expect(() => openStore({ path, key, mode: 'district' })).toThrow(/newer version of Steward/);
  });

  it('applies migrations all-or-nothing: a failing step leaves the schema version as it was', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [...districtMigrations, { version: districtMigrations.length + 1, name: 'broken', sql: 'CREATE TABLE x (; ' }], 'test store')).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'students'`).get()).toEqual({ n: 0 });
  });

  it('will not open a district store as a partner workspace', () => {
    const path = freshPath();
    const key = Buffer.alloc(32, 3);
    openStore({ path, key, mode: 'district', create: true }).close();
    expect(existsSync(path)).toBe(true);
    expect(() => openStore({ path, key, mode: 'partner' })).toThrow(/is a district store/);
  });
});
