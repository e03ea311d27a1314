import type { ImportState } from './import-state';
import type { RosterWriter } from './roster-writer';
import type { InputFile } from './file-set';
import { oneRosterTables, readManifest, readOrgs, readSessions, readCourses, readClasses, readUsers, readEnrollments } from './oneroster-files';
import { stageDemographics } from './staged-files';
import { readWideExport } from './wide-export';
import { powerSchoolMapping } from './powerschool-preset';
import { infiniteCampusMapping } from './infinite-campus-preset';

import { importPresets, type ImportPreset } from '../../../shared/api/import-api';

export const presetNames = importPresets;
export type PresetName = ImportPreset;

/**
 * How one input format's roster is read. Every preset ends in the same tables; the supplementary
 * files (student_details, attendance, ...) and the program files apply to all of them, keyed by
 * the preset's student id.
 */
export interface Preset {
  name: PresetName;
  label: string;
  /** Roster tables this preset reads, in load order. */
  tables: readonly string[];
  required: readonly string[];
  /** The column holding the local student number (named in unique-clash messages). */
  localIdColumn: string;
  /** Column named when a guardian link is wrong. */
  linkColumn: string;
  /** Loads orgs, students, guardians (links stay pending until the roster is complete). */
  readRoster(state: ImportState, writer: RosterWriter, files: ReadonlyMap<string, InputFile[]>): void;
}

export const presets: Record<PresetName, Preset> = {
  oneroster: {
    name: 'oneroster',
    label: 'OneRoster 1.1 CSV bundle',
    tables: oneRosterTables,
    required: ['orgs.csv', 'users.csv'],
    localIdColumn: 'identifier',
    linkColumn: 'agentSourcedIds',
    readRoster(state, writer, files) {
      const f = (name: string) => files.get(name);
      if (f('manifest.csv')) readManifest(state, f('manifest.csv')!);
      readOrgs(state, writer, f('orgs.csv')!);
      if (f('academicSessions.csv')) readSessions(state, f('academicSessions.csv')!);
      if (f('courses.csv')) readCourses(state, f('courses.csv')!);
      if (f('classes.csv')) readClasses(state, f('classes.csv')!);
      if (f('demographics.csv')) stageDemographics(state, f('demographics.csv')!);
      readUsers(state, writer, f('users.csv')!);
      if (f('enrollments.csv')) readEnrollments(state, f('enrollments.csv')!);
    },
  },
  powerschool: {
    name: 'powerschool',
    label: 'PowerSchool student export',
    tables: ['students.csv'],
    required: ['students.csv'],
    localIdColumn: 'Student_Number',
    linkColumn: 'Mother',
    readRoster: (state, writer, files) => readWideExport(state, writer, files.get('students.csv')!, powerSchoolMapping),
  },
  'infinite-campus': {
    name: 'infinite-campus',
    label: 'Infinite Campus ad hoc export',
    tables: ['students.csv'],
    required: ['students.csv'],
    localIdColumn: 'studentNumber',
    linkColumn: 'guardian1FirstName',
    readRoster: (state, writer, files) => readWideExport(state, writer, files.get('students.csv')!, infiniteCampusMapping),
  },
};
