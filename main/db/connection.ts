import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync } from 'node:fs';
import type { Database as Db } from './sql';
import { migrate } from './migrate';
import { districtMigrations } from './migrations/district';
import { partnerMigrations } from './migrations/partner';
import { StewardError } from '../../shared/api/result';

export type StoreMode = 'district' | 'partner';

export interface OpenStoreOptions {
  path: string;
  /** 32 raw key bytes (scrypt-derived in the CLI, safeStorage-wrapped random bytes in the app). */
  key: Buffer;
  mode: StoreMode;
  /** Create a new store; refuse if one exists. Otherwise the store must exist. */
  create?: boolean;
  /** Optional native binding path, for the Electron-ABI build of the SQLite module. */
  nativeBinding?: string;
  readonly?: boolean;
}

/**
 * Opens (or creates) an encrypted store: SQLCipher-compatible page encryption, WAL, foreign keys,
 * secure_delete, then pending migrations. A wrong key or a non-store file is a clear error.
 */
export function openStore(opts: OpenStoreOptions): Db {
  if (opts.key.length !== 32) throw new Error('Store key must be 32 bytes');
  const exists = existsSync(opts.path);
  if (opts.create && exists) {
    throw new StewardError('CONFLICT', `A store already exists at ${opts.path}. Choose another path, or open it instead.`);
  }
  if (!opts.create && !exists) {
    throw new StewardError('NOT_FOUND', `No store at ${opts.path}. Create one with 'steward init --db ${opts.path}' (or 'steward demo').`);
  }
  const db = new Database(opts.path, {
    readonly: opts.readonly ?? false,
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
  });
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma(`legacy=4`);
    db.pragma(`key="x'${opts.key.toString('hex')}'"`);
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch {
      throw new StewardError('WRONG_PASSPHRASE', `${opts.path} could not be decrypted with this key: the passphrase is wrong or the file is not a Steward store.`);
    }
    if (!opts.readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('secure_delete = ON');
    db.pragma('busy_timeout = 5000');
    const label = opts.mode === 'district' ? `The district store ${opts.path}` : `The partner workspace ${opts.path}`;
    // The mode check comes first: a district store must not be 'migrated' with partner steps.
    checkMode(db, opts.mode, opts.path, 'before');
    if (!opts.readonly) migrate(db, opts.mode === 'district' ? districtMigrations : partnerMigrations, label);
    checkMode(db, opts.mode, opts.path, 'after');
    openedWith.set(db, { ...opts, key: Buffer.from(opts.key), create: false });
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * How each open store was opened, with a private copy of its key (SQLCipher holds the key for as
 * long as the store is open anyway; the caller may wipe its own buffer). The first import of a
 * district builds its data in a copy of the store and swaps the copy in (import/store-copy.ts),
 * which needs the copy opened, and the store opened again afterwards, with the same key.
 */
const openedWith = new WeakMap<Db, OpenStoreOptions>();

/** Opens existing store files with the key, mode and binding `db` was opened with; null for a store not opened (read-write) by openStore. */
export function sameKeyOpener(db: Db): ((path: string) => Db) | null {
  const opts = openedWith.get(db);
  if (!opts || opts.readonly) return null;
  return (path) => openStore({ ...opts, path });
}

/** A district store must never be opened as a partner workspace, or the other way round. */
function checkMode(db: Db, mode: StoreMode, path: string, when: 'before' | 'after'): void {
  const hasMeta = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'store_meta'`).get();
  if (!hasMeta) return;
  const row = db.prepare(`SELECT value FROM store_meta WHERE key = 'mode'`).get() as { value: string } | undefined;
  if (!row) {
    if (when === 'before') return;
    db.prepare(`INSERT INTO store_meta (key, value) VALUES ('mode', ?)`).run(mode);
    return;
  }
  if (row.value !== mode) {
    throw new StewardError('INVALID_STATE', `${path} is a ${row.value} store, not a ${mode} store. Open it in ${row.value} mode.`);
  }
}
