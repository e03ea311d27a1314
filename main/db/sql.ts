import type { Database } from 'better-sqlite3-multiple-ciphers';

export type { Database };

/**
 * Runs `fn` in one transaction: everything lands, or (on any throw) nothing does.
 * Nested calls join the outer transaction.
 */
export function inTransaction<T>(db: Database, fn: () => T): T {
  if (db.inTransaction) return fn();
  return db.transaction(fn)();
}

/** Asserts a write touched exactly the rows it should (Signal's habit): silent no-ops hide bugs. */
export function expectChanges(result: { changes: number }, expected: number, what: string): void {
  if (result.changes !== expected) {
    throw new Error(`Expected ${expected} row(s) changed by ${what}, got ${result.changes}`);
  }
}
