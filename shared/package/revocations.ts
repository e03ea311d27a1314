import { z } from 'zod';
import { isIsoDate } from '../util/dates';

/**
 * revocations.json: the students whose earlier records the partner must delete now, because a
 * consent under this agreement was revoked (or a later refusal replaced it) since the previous
 * package. Each entry names the student only by the identifier columns the partner already holds
 * (e.g. `student.localId:pseudonym`), never by name, and only students the district sent to this
 * partner under this agreement before (telling a partner about anyone else would itself disclose).
 */

/** Columns that identify a student in records.csv, in the order the partner matches them. */
export const STUDENT_KEY_COLUMNS = ['student.localId:pseudonym', 'student.localId', 'student.stateId'] as const;
export type StudentKeyColumn = (typeof STUDENT_KEY_COLUMNS)[number];

export const RevocationEntry = z.strictObject({
  /** Identifier column -> the student's value in it, for every key column the partner may hold. */
  keys: z.partialRecord(z.enum(STUDENT_KEY_COLUMNS), z.string().min(1).max(200)).refine((k) => Object.keys(k).length > 0, 'at least one key column'),
  /** consent-revoked: the parent revoked; consent-declined: a later refusal replaced the consent. */
  kind: z.enum(['consent-revoked', 'consent-declined']),
  /** yyyy-mm-dd the withdrawal took effect. */
  effectiveOn: z.string().refine(isIsoDate, 'a date as yyyy-mm-dd'),
  /** Why, as the district recorded it (parent-request, student-request, ...), or `declined`. */
  reason: z.string().min(1).max(60),
});
export type RevocationEntry = z.infer<typeof RevocationEntry>;

/** The file is a JSON array of entries (`[]` when nothing was withdrawn). */
export const RevocationsFile = z.array(RevocationEntry).max(1_000_000);
export type RevocationsFile = z.infer<typeof RevocationsFile>;

/** The first identifier column of `columns` (records.csv header), or undefined when none identifies a student. */
export function studentKeyColumn(columns: readonly string[]): StudentKeyColumn | undefined {
  return STUDENT_KEY_COLUMNS.find((k) => columns.includes(k));
}
