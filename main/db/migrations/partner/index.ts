import type { Migration } from '../types';
import { partnerPackagesMigration } from './002-partner-packages';

/** The partner workspace's migrations, in order (append only; never edit a shipped one). */
export const partnerMigrations: Migration[] = [
  {
    version: 1,
    name: 'partner workspace meta',
    sql: `CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;`,
  },
  partnerPackagesMigration,
];
