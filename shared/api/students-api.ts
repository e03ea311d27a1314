import { z } from 'zod';
import { channel } from './channel';

/** Columns the students grid may sort or filter on (SQL does the work, never the renderer). */
export const studentSortColumns = ['localId', 'lastName', 'firstName', 'grade', 'schoolName', 'birthDate', 'homeLanguage'] as const;
export type StudentSortColumn = (typeof studentSortColumns)[number];

export const StudentQuery = z.object({
  offset: z.number().int().min(0),
  limit: z.number().int().min(1).max(1000),
  sort: z.array(z.object({ column: z.enum(studentSortColumns), direction: z.enum(['asc', 'desc']) })).max(3).default([]),
  schoolId: z.string().max(200).optional(),
  grade: z.string().max(10).optional(),
  /** Case-insensitive prefix of first name, last name or local id. */
  search: z.string().max(100).optional(),
});
export type StudentQuery = z.infer<typeof StudentQuery>;

/** One row of the students screen: directory-level facts only, no restricted fields. */
export interface StudentRow {
  id: string;
  localId: string;
  firstName: string;
  lastName: string;
  grade: string;
  schoolId: string;
  schoolName: string;
  birthDate: string;
  homeLanguage: string | null;
}

export interface StudentPage {
  rows: StudentRow[];
  /** Rows matching the filters, for the grid's scroll bar. */
  total: number;
}

export interface SchoolSummary {
  id: string;
  name: string;
  studentCount: number;
}

export interface DistrictSummary {
  districtName: string | null;
  students: number;
  schools: number;
  guardians: number;
  lastImportAt: string | null;
  mode: 'district' | 'partner';
}

export const studentsApi = {
  'students-list': channel('A page of students, sorted and filtered in SQL.', StudentQuery).returns<StudentPage>(),
  'schools-list': channel('Schools with their student counts, for filters.', z.object({})).returns<SchoolSummary[]>(),
  'district-summary': channel('Counts shown on the home screen.', z.object({})).returns<DistrictSummary>(),
};
