import type { Migration } from '../types';

/** Identities and packages. (Being written in this release; frozen once shipped.) */
export const packagesMigration: Migration = {
  version: 5,
  name: 'identities and packages',
  sql: ``,
};
