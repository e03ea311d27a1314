import type { FieldId } from '../catalog/types';
import { addDays, birthdayAt, type IsoDate } from '../util/dates';
import type { ConsentGrant } from './types';

/**
 * Why a consent does not authorise a disclosure. The codes are the policy engine's reason codes
 * (shared/policy/reasons.ts), so the preview, the export and the coverage report say the same.
 */
export type ConsentReason =
  | 'NO_CONSENT'
  | 'CONSENT_OTHER_AGREEMENT'
  | 'CONSENT_DECLINED'
  | 'CONSENT_REVOKED'
  | 'CONSENT_EXPIRED'
  | 'CONSENT_WRONG_PURPOSE'
  | 'CONSENT_AGE_OF_MAJORITY'
  | 'CONSENT_SIGNER_NOT_ELIGIBLE'
  | 'CONSENT_FIELD_NOT_COVERED';

/** The rule each outcome rests on, for counsel to check. */
export const consentRuleCitations: Record<ConsentReason | 'COVERED', string> = {
  COVERED: '34 CFR 99.30: signed and dated written consent naming the records, the purpose and the recipient',
  NO_CONSENT: '34 CFR 99.30(a): no signed and dated consent naming this recipient is in force on the date',
  CONSENT_OTHER_AGREEMENT: '34 CFR 99.30(b)(3): the consent names another agreement (party) than this one',
  CONSENT_DECLINED: '34 CFR 99.30(a): the parent or eligible student refused; a refusal also ends an earlier consent for the same items',
  CONSENT_REVOKED: '34 CFR 99.30; 34 CFR 300.9(c): revoked, effective from the revocation date (not retroactive)',
  CONSENT_EXPIRED: '34 CFR 99.30(a): past the end date written on the consent',
  CONSENT_WRONG_PURPOSE: '34 CFR 99.30(b)(2): the consent was given for another purpose',
  CONSENT_AGE_OF_MAJORITY: '34 CFR 99.3 "eligible student", 99.5(a): at 18 the rights pass to the student; a parent\'s consent authorises no new disclosure',
  CONSENT_SIGNER_NOT_ELIGIBLE: '34 CFR 99.3 "eligible student", 99.5(a): signed as the student before the student turned 18',
  CONSENT_FIELD_NOT_COVERED: '34 CFR 99.30(b)(1): the consent does not list this record',
};

/** What a consent must match to authorise a disclosure. */
export interface ConsentTarget {
  partnerId: string;
  /** The agreement disclosed under; a consent naming an agreement covers only that one. */
  agreementId: string | null;
  /** The agreement's purpose code; a consent covers only the purpose it states (99.30(b)(2)). */
  purposeCode: string;
  asOf: IsoDate;
}

/**
 * The checks in the order a consent passes them. When nothing is in force, the failure of the
 * consent that got furthest is reported: it explains the withheld data best.
 */
const stages: ConsentReason[] = [
  'CONSENT_OTHER_AGREEMENT',
  'CONSENT_DECLINED',
  'NO_CONSENT', // signed after the as-of date: not yet in force
  'CONSENT_REVOKED',
  'CONSENT_EXPIRED',
  'CONSENT_WRONG_PURPOSE',
  'CONSENT_AGE_OF_MAJORITY',
  'CONSENT_SIGNER_NOT_ELIGIBLE',
];

// Birth dates repeat across a district (a few thousand distinct days): remember each answer so a
// 500,000-student preview does not build a Date per consent. Bounded so it cannot grow forever.
const adulthoodMemo = new Map<IsoDate, IsoDate>();

/** The day a student turns 18 (rights pass to them, 99.5(a)); null when the birth date is unknown. */
export function eighteenthBirthday(birthDate: IsoDate | null): IsoDate | null {
  if (!birthDate) return null;
  let day = adulthoodMemo.get(birthDate);
  if (day === undefined) {
    if (adulthoodMemo.size > 50_000) adulthoodMemo.clear();
    day = birthdayAt(birthDate, 18);
    adulthoodMemo.set(birthDate, day);
  }
  return day;
}

/**
 * Why one consent record, taken alone, does not authorise disclosure on `target.asOf` (items
 * aside), or null when it does. It must be granted, name this partner (and this agreement if it
 * names one) and this purpose, be signed on or before the date, not revoked as of the date
 * (revocation counts from its date, earlier disclosures stay lawful), not expired (valid through
 * `expiresOn`); a parent's consent stops authorising on the student's 18th birthday; the student's
 * own consent counts only when signed on or after that birthday. Another partner's consent: NO_CONSENT.
 * An unknown birth date cannot end a parent's consent, and cannot make a student's own consent valid.
 */
export function consentFailure(c: ConsentGrant, target: ConsentTarget, birthDate: IsoDate | null): ConsentReason | null {
  if (c.partnerId !== target.partnerId) return 'NO_CONSENT';
  if (c.agreementId !== null && c.agreementId !== target.agreementId) return 'CONSENT_OTHER_AGREEMENT';
  if (c.status === 'declined') return 'CONSENT_DECLINED';
  if (c.signedOn > target.asOf) return 'NO_CONSENT';
  if (c.status === 'revoked' && (c.revokedOn === null || c.revokedOn <= target.asOf)) return 'CONSENT_REVOKED';
  if (c.expiresOn !== null && c.expiresOn < target.asOf) return 'CONSENT_EXPIRED';
  if (c.purpose !== target.purposeCode) return 'CONSENT_WRONG_PURPOSE';
  const adulthood = eighteenthBirthday(birthDate);
  if (c.signerRole === 'parent' && adulthood !== null && target.asOf >= adulthood) return 'CONSENT_AGE_OF_MAJORITY';
  if (c.signerRole === 'eligible-student' && (adulthood === null || c.signedOn < adulthood)) return 'CONSENT_SIGNER_NOT_ELIGIBLE';
  return null;
}

/** True when a refusal speaks about the same disclosure as a consent: same partner, agreement scope and purpose. */
function sameDisclosure(refusal: ConsentGrant, target: ConsentTarget): boolean {
  return refusal.partnerId === target.partnerId
    && (refusal.agreementId === null || refusal.agreementId === target.agreementId)
    && refusal.purpose === target.purposeCode
    && refusal.signedOn <= target.asOf;
}

export interface ConsentInForce {
  /** Each field authorised on the date, with the consent that authorises it (the latest signed). */
  fields: Map<FieldId, string>;
  /** Fields whose latest decision is a refusal, with the refusal's id. */
  refused: Map<FieldId, string>;
  /** Why nothing is authorised, when `fields` is empty (else null). */
  failure: ConsentReason | null;
  /** The consent the failure comes from, when one does (null for NO_CONSENT without any record). */
  failureConsentId: string | null;
}

/**
 * What a student's consent decisions authorise for one recipient, purpose and date: the items of
 * every consent in force, except items whose latest decision is a refusal of the same disclosure
 * (a refusal on the same day as a consent wins: default deny). `grants` may hold any partner's
 * consents, in any order.
 */
export function consentInForce(grants: readonly ConsentGrant[] | undefined, target: ConsentTarget, birthDate: IsoDate | null): ConsentInForce {
  // Latest decision per field: [signedOn, consent id, is refusal].
  const latest = new Map<FieldId, { on: IsoDate; id: string; refusal: boolean }>();
  const decide = (f: FieldId, on: IsoDate, id: string, refusal: boolean) => {
    const prev = latest.get(f);
    if (!prev || on > prev.on || (on === prev.on && refusal && !prev.refusal)) latest.set(f, { on, id, refusal });
  };
  let best = -1;
  let bestId: string | null = null;
  for (const c of grants ?? []) {
    if (c.partnerId !== target.partnerId) continue;
    if (c.status === 'declined' && sameDisclosure(c, target)) for (const f of c.fields) decide(f, c.signedOn, c.id, true);
    const failure = consentFailure(c, target, birthDate);
    if (failure === null) {
      for (const f of c.fields) decide(f, c.signedOn, c.id, false);
    } else if (stages.indexOf(failure) > best) {
      best = stages.indexOf(failure);
      bestId = c.id;
    }
  }
  const fields = new Map<FieldId, string>();
  const refused = new Map<FieldId, string>();
  for (const [f, d] of latest) (d.refusal ? refused : fields).set(f, d.id);
  if (fields.size > 0) return { fields, refused, failure: null, failureConsentId: null };
  if (refused.size > 0 && stages.indexOf('CONSENT_DECLINED') > best) {
    return { fields, refused, failure: 'CONSENT_DECLINED', failureConsentId: refused.values().next().value ?? null };
  }
  return { fields, refused, failure: best >= 0 ? stages[best]! : 'NO_CONSENT', failureConsentId: bestId };
}

export interface ConsentQuestion extends ConsentTarget {
  field: FieldId;
  birthDate: IsoDate | null;
}

export type ConsentDecision =
  | { covered: true; consentId: string; rule: string }
  | { covered: false; reason: ConsentReason; rule: string; consentId: string | null };

/**
 * Whether a student's consents authorise disclosing one field to one recipient for one purpose on
 * one date (34 CFR 99.30, 99.5). The policy engine and the coverage report both ask this, so they
 * agree. When a consent is in force but does not list the field: CONSENT_FIELD_NOT_COVERED.
 */
export function consentCovers(grants: readonly ConsentGrant[] | undefined, q: ConsentQuestion): ConsentDecision {
  const inForce = consentInForce(grants, q, q.birthDate);
  const id = inForce.fields.get(q.field);
  if (id !== undefined) return { covered: true, consentId: id, rule: consentRuleCitations.COVERED };
  const refusal = inForce.refused.get(q.field);
  if (refusal !== undefined) return { covered: false, reason: 'CONSENT_DECLINED', rule: consentRuleCitations.CONSENT_DECLINED, consentId: refusal };
  const reason: ConsentReason = inForce.failure ?? 'CONSENT_FIELD_NOT_COVERED';
  return { covered: false, reason, rule: consentRuleCitations[reason], consentId: inForce.failure ? inForce.failureConsentId : null };
}

/**
 * The last day a granted consent authorises disclosures, ignoring later events: the day before
 * revocation, its expiry date, or the day before the 18th birthday for a parent's consent.
 * Null when nothing ends it. Used to warn about consents that will soon stop.
 */
export function consentLastDay(c: ConsentGrant, birthDate: IsoDate | null): { lastDay: IsoDate; why: 'revoked' | 'expires' | 'turns-18' } | null {
  const ends: { lastDay: IsoDate; why: 'revoked' | 'expires' | 'turns-18' }[] = [];
  if (c.revokedOn) ends.push({ lastDay: dayBefore(c.revokedOn), why: 'revoked' });
  if (c.expiresOn) ends.push({ lastDay: c.expiresOn, why: 'expires' });
  const adulthood = eighteenthBirthday(birthDate);
  if (c.signerRole === 'parent' && adulthood) ends.push({ lastDay: dayBefore(adulthood), why: 'turns-18' });
  ends.sort((a, b) => (a.lastDay < b.lastDay ? -1 : a.lastDay > b.lastDay ? 1 : 0));
  return ends[0] ?? null;
}

const dayBeforeMemo = new Map<IsoDate, IsoDate>();

function dayBefore(d: IsoDate): IsoDate {
  let r = dayBeforeMemo.get(d);
  if (r === undefined) {
    if (dayBeforeMemo.size > 50_000) dayBeforeMemo.clear();
    r = addDays(d, -1);
    dayBeforeMemo.set(d, r);
  }
  return r;
}
