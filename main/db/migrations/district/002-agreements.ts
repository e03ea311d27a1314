import type { Migration } from '../types';

/** Agreements and reviews. (Being written in this release; frozen once shipped.) */
export const agreementsMigration: Migration = {
  version: 2,
  name: 'agreements and reviews',
  sql: ``,
};
