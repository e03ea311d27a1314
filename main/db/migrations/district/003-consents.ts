import type { Migration } from '../types';

/** Consents and directory opt-outs. (Being written in this release; frozen once shipped.) */
export const consentsMigration: Migration = {
  version: 3,
  name: 'consents and directory opt-outs',
  sql: ``,
};
