import { z } from 'zod';
import { channel } from './channel';

const id = z.string().min(1).max(200);

export const ProgramInput = z.object({
  partnerId: id,
  name: z.string().trim().min(1, 'give the program a name').max(200),
  /** The school it runs at, or null for a district-wide program. */
  schoolId: id.nullable().default(null),
});
export type ProgramInput = z.input<typeof ProgramInput>;

export interface Program {
  id: string;
  partnerId: string;
  partnerName: string;
  name: string;
  schoolId: string | null;
  schoolName: string | null;
  /** Students enrolled on `asOf` (today unless asked otherwise). */
  enrolledCount: number;
  createdAt: string;
}

/** One enrolment row of a program (the steward's own screen: names are shown). */
export interface ProgramEnrolmentRow {
  studentId: string;
  localId: string;
  firstName: string;
  lastName: string;
  grade: string;
  beginDate: string;
  endDate: string | null;
}

export interface EnrolmentImportResult {
  /** Rows written (inserted or updated: a re-import updates dates in place). */
  rows: number;
  perProgram: { programId: string; rows: number }[];
}

export const programsApi = {
  /** Programs, optionally of one partner, with their enrolment counts. */
  'programs-list': channel('Programs (optionally of one partner) with enrolment counts.', z.object({ partnerId: id.optional() })).returns<Program[]>(),
  /** Creates a program of a partner. Audited. */
  'program-create': channel('Create a partner program.', ProgramInput).returns<Program>(),
  /** A page of one program's enrolments. */
  'program-enrolments-list': channel('A page of one program\'s enrolments.', z.object({
    programId: id, offset: z.number().int().min(0), limit: z.number().int().min(1).max(1000),
  })).returns<{ rows: ProgramEnrolmentRow[]; total: number }>(),
  /**
   * Imports program enrolments from CSV text with the header programId,studentSourcedId,beginDate,endDate.
   * All or nothing: any bad line (named by line and column) and nothing is stored. Audited.
   */
  'program-enrol-import': channel('Import program enrolments from CSV (all or nothing).', z.object({
    fileName: z.string().min(1).max(255),
    csv: z.string().max(50_000_000),
  })).returns<EnrolmentImportResult>(),
};
