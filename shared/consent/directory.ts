import type { CatalogField, FieldId } from '../catalog/types';
import { isIsoDate, type IsoDate } from '../util/dates';
import type { ConsentIssue } from './record';
import type { DirectoryDesignation } from './types';

/** Why a field may not flow as directory information. Codes are the policy engine's reason codes. */
export type DirectoryReason = 'NOT_DIRECTORY_ELIGIBLE' | 'NOT_DIRECTORY_DESIGNATED' | 'DIRECTORY_NO_NOTICE' | 'DIRECTORY_OPT_OUT';

export const directoryRuleCitations: Record<DirectoryReason | 'ALLOWED', string> = {
  ALLOWED: '34 CFR 99.31(a)(11), 99.37: designated directory information, notice given, no opt-out',
  NOT_DIRECTORY_ELIGIBLE: '34 CFR 99.3 "directory information" (never SSN; never living situation, 42 U.S.C. 11432(g)(3)(G))',
  NOT_DIRECTORY_DESIGNATED: '34 CFR 99.37(a)(1): only the types the district designated in its public notice',
  DIRECTORY_NO_NOTICE: '34 CFR 99.37(a): the district has not given public notice of its designation as of this date',
  DIRECTORY_OPT_OUT: '34 CFR 99.37(a)(2), 99.37(b): the parent or eligible student opted out; the opt-out survives the student leaving',
};

export type DirectoryDecision = { allowed: true; rule: string } | { allowed: false; reason: DirectoryReason; rule: string };

/**
 * Whether one field of one student may be disclosed as directory information on `asOf`
 * (99.31(a)(11), 99.37): the catalog must allow it, the district must have designated it and
 * given notice on or before the date, and the student must not have an opt-out in force.
 */
export function directoryAllows(
  state: { designation: DirectoryDesignation; optedOut: ReadonlySet<string> },
  q: { studentId: string; field: FieldId; asOf: IsoDate; catalog: readonly CatalogField[] },
): DirectoryDecision {
  const deny = (reason: DirectoryReason): DirectoryDecision => ({ allowed: false, reason, rule: directoryRuleCitations[reason] });
  const field = q.catalog.find((f) => f.id === q.field);
  if (!field || !field.directoryEligible) return deny('NOT_DIRECTORY_ELIGIBLE');
  if (!state.designation.fields.includes(q.field)) return deny('NOT_DIRECTORY_DESIGNATED');
  if (state.designation.noticeDate === null || state.designation.noticeDate > q.asOf) return deny('DIRECTORY_NO_NOTICE');
  if (state.optedOut.has(q.studentId)) return deny('DIRECTORY_OPT_OUT');
  return { allowed: true, rule: directoryRuleCitations.ALLOWED };
}

/**
 * Checks a new designation: every field known to the catalog and directory-eligible (99.3: never
 * SSN, never living situation), no duplicates, a real notice date (null: notice not given yet,
 * so nothing flows as directory information until one is recorded).
 */
export function validateDesignation(d: DirectoryDesignation, catalog: readonly CatalogField[]): ConsentIssue[] {
  const issues: ConsentIssue[] = [];
  const byId = new Map(catalog.map((f) => [f.id, f]));
  const seen = new Set<string>();
  for (const id of d.fields) {
    const f = byId.get(id);
    if (!f) issues.push({ field: 'fields', code: 'UNKNOWN_FIELD', message: `'${id}' is not a catalog field id.` });
    else if (!f.directoryEligible) {
      issues.push({ field: 'fields', code: 'NOT_DIRECTORY_ELIGIBLE', message: `'${id}' (${f.label}) can never be directory information (${directoryRuleCitations.NOT_DIRECTORY_ELIGIBLE}).` });
    } else if (seen.has(id)) issues.push({ field: 'fields', code: 'DUPLICATE_FIELD', message: `Field '${id}' is listed twice.` });
    seen.add(id);
  }
  if (d.noticeDate !== null && !isIsoDate(d.noticeDate)) issues.push({ field: 'noticeDate', code: 'BAD_DATE', message: `Notice date '${d.noticeDate}' is not a date (yyyy-mm-dd).` });
  return issues;
}

/** Checks an opt-out request's date: a real date, not after today. */
export function validateOptOutDate(requestedOn: string, today: IsoDate): ConsentIssue[] {
  if (!isIsoDate(requestedOn)) return [{ field: 'requestedOn', code: 'BAD_DATE', message: `Request date '${requestedOn}' is not a date (yyyy-mm-dd).` }];
  if (requestedOn > today) return [{ field: 'requestedOn', code: 'IN_FUTURE', message: `Request date ${requestedOn} is after today (${today}).` }];
  return [];
}
