import type { FieldId } from '../catalog/types';
import type { ConsentGrant } from '../consent/types';
import { consentInForce } from '../consent/rules';
import type { ReasonCode } from './reasons';
import { applyTransform, type CellValue, type TransformContext } from './transforms';
import type { Cell, ColumnPlan, PolicyPlan, StudentDecision, StudentFacts, StudentValues } from './types';

const INCLUDED: StudentDecision = { included: true, consentFields: null, refusedFields: null };
const NO_FIELDS: ReadonlyMap<FieldId, string> = new Map();
// Shared by every student without a consent (most of them): no allocation per student.
const INCLUDED_NO_CONSENT: StudentDecision = { included: true, consentFields: NO_FIELDS, refusedFields: null };

/**
 * Decides whether one student is disclosed under the plan, and which consent-dependent fields
 * their consents cover. Order of checks (the first failing one is the reason given): agreement
 * in force, program enrolment on the as-of date, still enrolled in the district, school, grade,
 * directory opt-out (directory basis), consent (consent basis).
 */
export function evaluateStudent(plan: PolicyPlan, facts: StudentFacts, consents: readonly ConsentGrant[] | undefined): StudentDecision {
  if (plan.excludeAll) return { included: false, reason: plan.excludeAll };
  const { programs, schools, grades } = plan.scope;
  if (programs) {
    let enrolled = false;
    for (const p of facts.programs) {
      if (programs.has(p.programId) && p.beginDate <= plan.asOf && (p.endDate === null || plan.asOf <= p.endDate)) {
        enrolled = true;
        break;
      }
    }
    if (!enrolled) return { included: false, reason: 'STUDENT_NOT_IN_PROGRAM' };
  }
  if (facts.status !== 'active') return { included: false, reason: 'STUDENT_WITHDRAWN' };
  if (schools && !schools.has(facts.schoolId)) return { included: false, reason: 'STUDENT_OUTSIDE_SCHOOL_SCOPE' };
  if (grades && !grades.has(facts.grade)) return { included: false, reason: 'STUDENT_OUTSIDE_GRADE_SCOPE' };
  if (plan.directoryBasis && facts.directoryOptOut) return { included: false, reason: 'DIRECTORY_OPT_OUT' };
  if (!plan.consentGate && !plan.consentDependent) return INCLUDED;
  if (!consents || consents.length === 0) {
    if (plan.consentGate) return { included: false, reason: 'NO_CONSENT' };
    return INCLUDED_NO_CONSENT;
  }
  // The consent rules are the consent area's (shared/consent/rules.ts), so preview, export and the
  // coverage report agree on every consent.
  const authority = consentInForce(consents, { partnerId: plan.partnerId, agreementId: plan.agreementId, purposeCode: plan.purposeCode, asOf: plan.asOf }, facts.birthDate);
  if (plan.consentGate && authority.failure) return { included: false, reason: authority.failure };
  return { included: true, consentFields: authority.fields, refusedFields: authority.refused.size > 0 ? authority.refused : null };
}

/**
 * The decision for one column of an included student, without its value. A consent-dependent
 * field nobody consented to is withheld with the column's reason, unless the parent or eligible
 * student refused exactly that record for this recipient and purpose: then the refusal is the
 * reason (CONSENT_DECLINED), which is what a reviewer needs to read.
 */
export function cellDecision(col: ColumnPlan, decision: StudentDecision & { included: true }): { state: 'shown' | 'transformed' } | { state: 'withheld'; reason: ReasonCode } {
  if (col.staticWithheld) return { state: 'withheld', reason: col.staticWithheld };
  if (col.consentReason && !decision.consentFields?.has(col.field)) {
    return { state: 'withheld', reason: decision.refusedFields?.has(col.field) ? 'CONSENT_DECLINED' : col.consentReason };
  }
  return { state: col.transform === 'asIs' ? 'shown' : 'transformed' };
}

/** The pseudonym subject of a cell: guardian ids hash as guardians, everything else as the student. */
function subjectOf(col: ColumnPlan, studentId: string, raw: CellValue): string {
  return col.field.startsWith('guardian.') ? `guardian:${String(raw)}` : `student:${studentId}`;
}

/**
 * Renders the cells of one included student: each column shown, transformed, or withheld with
 * its reason. Withheld cells never carry the raw value, not even internally.
 */
export function renderRow(plan: PolicyPlan, decision: StudentDecision & { included: true }, studentId: string, values: StudentValues, ctx: TransformContext): Cell[] {
  const cells: Cell[] = new Array(plan.columns.length);
  for (let i = 0; i < plan.columns.length; i++) {
    const col = plan.columns[i]!;
    const d = cellDecision(col, decision);
    if (d.state === 'withheld') {
      cells[i] = { state: 'withheld', value: null, reason: d.reason };
      continue;
    }
    const raw = values[col.field] ?? null;
    cells[i] = { state: d.state, value: applyTransform(col.transform, raw, subjectOf(col, studentId, raw), ctx) };
  }
  return cells;
}

/** Why a catalog field is not a column of this plan at all (default deny), or null if it is one. */
export function explainAbsentField(plan: PolicyPlan, field: FieldId): ReasonCode | null {
  return plan.columns.some((c) => c.field === field) ? null : 'NOT_GRANTED';
}

/** The inclusion result over many students: ids in input order, their decisions, and exclusion counts. */
export interface InclusionSet {
  ids: string[];
  decisions: StudentDecision[];
  excluded: Partial<Record<ReasonCode, number>>;
  considered: number;
}

/**
 * Evaluates every candidate student (the full recompute after a grant or consent change). Only
 * inclusion facts are read; values are rendered later, only for the rows a page shows.
 */
export function evaluateAll(plan: PolicyPlan, facts: readonly StudentFacts[], consentsByStudent: ReadonlyMap<string, readonly ConsentGrant[]>): InclusionSet {
  const ids: string[] = [];
  const decisions: StudentDecision[] = [];
  const excluded: Partial<Record<ReasonCode, number>> = {};
  for (const f of facts) {
    const d = evaluateStudent(plan, f, consentsByStudent.get(f.id));
    if (d.included) {
      ids.push(f.id);
      decisions.push(d);
    } else {
      excluded[d.reason] = (excluded[d.reason] ?? 0) + 1;
    }
  }
  return { ids, decisions, excluded, considered: facts.length };
}
