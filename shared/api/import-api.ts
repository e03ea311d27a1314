import { z } from 'zod';
import { channel } from './channel';

/** Input formats the importer reads (docs/import-format.md). */
export const importPresets = ['oneroster', 'powerschool', 'infinite-campus'] as const;
export type ImportPreset = (typeof importPresets)[number];

export const DistrictImportArgs = z.object({
  /** A folder on this computer holding the CSV files (the app picks it with a folder dialog). */
  dir: z.string().min(1).max(4096),
  preset: z.enum(importPresets).default('oneroster'),
});

/** What an import did: counts only, never student data. */
export interface DistrictImportResult {
  runId: string;
  preset: ImportPreset;
  /** Students in the imported roster (all active now). */
  students: number;
  /** Students the store had that the roster no longer lists: kept, marked inactive (opt-outs survive). */
  inactivated: number;
  guardians: number;
  /** Rows written per table. */
  counts: Record<string, number>;
  /** CSV files in the folder that no table reads. */
  ignoredFiles: string[];
  ms: number;
}

export const importApi = {
  /**
   * Imports a folder of SIS CSV files (OneRoster 1.1 bundle, or a PowerSchool / Infinite Campus
   * export, plus Steward's supplementary files) into the district store, all or nothing. Progress
   * arrives as `import-progress` events; a failure is IMPORT_FAILED listing every problem with
   * its file, line and column, and the store is left unchanged.
   */
  'district-import': channel('Import SIS CSV files into the district store (all or nothing).', DistrictImportArgs).returns<DistrictImportResult>(),
};
