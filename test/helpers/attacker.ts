import Database from 'better-sqlite3-multiple-ciphers';
import type { Database as Db } from '../../main/db/sql';

/**
 * Opens a store the way an attacker holding the key would: raw SQLite, no Steward code, no
 * migrations. Tests use it to edit the file behind the app's back.
 */
export function openAsAttacker(path: string, key: Buffer): Db {
  const db = new Database(path);
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${key.toString('hex')}'"`);
  return db;
}

/** Removes the append-only triggers the honest way an attacker would: DROP TRIGGER. */
export function dropAuditGuards(db: Db): void {
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
}
