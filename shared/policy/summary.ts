import type { TransformKind } from '../catalog/types';
import { cellDecision, type InclusionSet } from './evaluate';
import { reasons, type ReasonCode } from './reasons';
import type { PolicyPlan } from './types';

/** One line of the preview's field list: what happens to this granted field, and for how many students. */
export interface FieldDecisionSummary {
  column: string;
  field: string;
  label: string;
  category: string;
  element: string;
  transform: TransformKind;
  restricted: boolean;
  /**
   * shown / transformed: flows for every included student; withheld: for none (see `reason`);
   * conditional: flows only where a consent in force covers it (see counts).
   */
  decision: 'shown' | 'transformed' | 'withheld' | 'conditional';
  /** The reason for `withheld`, or for the withheld cells of a `conditional` field. */
  reason: ReasonCode | null;
  disclosedCount: number;
  withheldCount: number;
}

export interface ReasonCount {
  code: ReasonCode;
  label: string;
  citation: string;
  count: number;
}

/** Counts by reason, largest first, with the table's words (for the preview and the CLI). */
export function reasonCounts(counts: Partial<Record<ReasonCode, number>>): ReasonCount[] {
  return (Object.entries(counts) as [ReasonCode, number][])
    .map(([code, count]) => ({ code, label: reasons[code].label, citation: reasons[code].citation, count }))
    .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1));
}

/** The field list of a preview: each granted column's decision and how many cells flow or are withheld. */
export function summariseFields(plan: PolicyPlan, inclusion: InclusionSet): FieldDecisionSummary[] {
  const total = inclusion.ids.length;
  return plan.columns.map((col): FieldDecisionSummary => {
    const base = {
      column: col.column, field: col.field, label: col.catalogField?.label ?? col.field,
      category: col.catalogField?.category ?? '', element: col.catalogField?.element ?? '',
      transform: col.transform, restricted: col.restricted,
    };
    if (col.staticWithheld) return { ...base, decision: 'withheld', reason: col.staticWithheld, disclosedCount: 0, withheldCount: total };
    const flowing = col.transform === 'asIs' ? 'shown' : 'transformed';
    if (!col.consentReason) return { ...base, decision: flowing, reason: null, disclosedCount: total, withheldCount: 0 };
    let disclosed = 0;
    for (const d of inclusion.decisions) {
      if (d.included && cellDecision(col, d).state !== 'withheld') disclosed++;
    }
    return { ...base, decision: 'conditional', reason: col.consentReason, disclosedCount: disclosed, withheldCount: total - disclosed };
  });
}
