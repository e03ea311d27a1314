import type { Migration } from '../types';

/** Disclosure records. (Being written in this release; frozen once shipped.) */
export const disclosuresMigration: Migration = {
  version: 4,
  name: 'disclosure records',
  sql: ``,
};
