import type { Database } from './sql';
import type { Migration } from './migrations/types';
import { StewardError } from '../../shared/api/result';

/**
 * Applies every pending migration in one transaction, keyed on PRAGMA user_version.
 * A store written by a newer Steward is refused rather than half-understood.
 */
export function migrate(db: Database, migrations: Migration[], storeLabel: string): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version;
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} is numbered ${m.version}, expected ${i + 1}`);
  });
  if (from > latest) {
    throw new StewardError(
      'STORE_TOO_NEW',
      `${storeLabel} was written by a newer version of Steward (schema ${from}, this one knows ${latest}). Update Steward; the store was not changed.`,
    );
  }
  if (from === latest) return { from, to: latest };
  db.transaction(() => {
    for (const m of migrations.slice(from)) db.exec(m.sql);
    db.pragma(`user_version = ${latest}`);
  })();
  return { from, to: latest };
}
