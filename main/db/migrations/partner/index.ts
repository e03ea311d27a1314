import type { Migration } from '../types';

/** The partner workspace's migrations, in order (filled by the package issue). */
export const partnerMigrations: Migration[] = [
  {
    version: 1,
    name: 'partner workspace meta',
    sql: `CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;`,
  },
];
