import type { FieldId } from '../catalog/types';
import { addDays, type IsoDate } from '../util/dates';
import { consentFailure, consentInForce, consentLastDay, eighteenthBirthday, type ConsentReason, type ConsentTarget } from './rules';
import type { ConsentGrant } from './types';

/** Where one student's consent stands for one agreement on one date. */
export interface StudentCoverage {
  state: 'complete' | 'partial' | 'missing';
  coveredFields: FieldId[];
  missingFields: FieldId[];
  reason: ConsentReason | null;
  consentId: string | null;
  lastDay: IsoDate | null;
  lastDayWhy: 'expires' | 'revoked' | 'turns-18' | null;
  expiringSoon: boolean;
  turned18: boolean;
  signer: 'parent' | 'eligible-student';
  needsForm: boolean;
}

/** What is the same for every student of one coverage run, computed once. */
export interface CoverageRun {
  target: ConsentTarget;
  needed: readonly FieldId[];
  /** Coverage ending on or before this day counts as "expiring soon". */
  horizon: IsoDate;
}

export function coverageRun(target: ConsentTarget, needed: readonly FieldId[], withinDays: number): CoverageRun {
  return { target, needed, horizon: addDays(target.asOf, withinDays) };
}

/**
 * One student's coverage, by the same rules as the policy engine (consentInForce): which of the
 * fields that need consent are covered, why the others are not, when the coverage stops (expiry,
 * revocation, 18th birthday) and whether that is within the run's window, whether the student
 * turned 18 with only a parent's consent, who signs the next form, and whether a form should go
 * out. A refusal or a revocation is respected: no new form is suggested for it.
 */
export function studentCoverage(run: CoverageRun, grants: readonly ConsentGrant[] | undefined, birthDate: IsoDate | null): StudentCoverage {
  const { target, needed } = run;
  const adulthood = eighteenthBirthday(birthDate);
  const adult = adulthood !== null && target.asOf >= adulthood;
  const signer = adult ? 'eligible-student' : 'parent';
  if (!grants || !grants.some((g) => g.partnerId === target.partnerId)) {
    // The common case on a large district: nothing recorded for this partner.
    const none = needed.length === 0;
    return {
      state: none ? 'complete' : 'missing', coveredFields: [], missingFields: [...needed], reason: none ? null : 'NO_CONSENT', consentId: null,
      lastDay: null, lastDayWhy: null, expiringSoon: false, turned18: false, signer, needsForm: !none,
    };
  }
  const inForce = consentInForce(grants, target, birthDate);
  const coveredFields = needed.filter((f) => inForce.fields.has(f));
  const missingFields = needed.filter((f) => !inForce.fields.has(f));
  let reason: ConsentReason | null = null;
  if (missingFields.length > 0) {
    reason = inForce.failure ?? (inForce.refused.has(missingFields[0]!) ? 'CONSENT_DECLINED' : 'CONSENT_FIELD_NOT_COVERED');
  }
  // The consents providing the covered fields; the earliest end among them is when coverage shrinks.
  const providers = new Set(coveredFields.map((f) => inForce.fields.get(f)!));
  let end: { lastDay: IsoDate; why: 'expires' | 'revoked' | 'turns-18' } | null = null;
  let latest: ConsentGrant | null = null;
  for (const g of grants) {
    if (!providers.has(g.id)) continue;
    if (!latest || g.signedOn > latest.signedOn) latest = g;
    const e = consentLastDay(g, birthDate);
    if (e && (!end || e.lastDay < end.lastDay)) end = e;
  }
  const expiringSoon = end !== null && end.lastDay <= run.horizon;
  const turned18 = adult && grants.some((g) => consentFailure(g, target, birthDate) === 'CONSENT_AGE_OF_MAJORITY');
  const state = missingFields.length === 0 ? 'complete' : coveredFields.length > 0 ? 'partial' : 'missing';
  const respected = reason === 'CONSENT_DECLINED' || reason === 'CONSENT_REVOKED';
  return {
    state, coveredFields, missingFields, reason, consentId: latest?.id ?? null, lastDay: end?.lastDay ?? null, lastDayWhy: end?.why ?? null,
    expiringSoon, turned18, signer, needsForm: !respected && (state !== 'complete' || expiringSoon),
  };
}
