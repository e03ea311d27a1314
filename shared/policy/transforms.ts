import type { TransformKind } from '../catalog/types';
import { ageOn, isIsoDate, type IsoDate } from '../util/dates';

/** A disclosed cell value: what the CSV writes and the grid shows. Null is an empty cell. */
export type CellValue = string | number | boolean | null;

/**
 * What a transform may need beyond the value. `pseudonym` is injected by main: an HMAC-SHA-256
 * keyed per partner (shared/ has no crypto), so two partners' pseudonyms cannot be joined.
 * Its argument is a namespaced subject: `student:<sourcedId>` or `guardian:<sourcedId>`.
 */
export interface TransformContext {
  asOf: IsoDate;
  pseudonym(subject: string): string;
}

/** Plain words for the dictionary, the agreement document and the preview's field list. */
export const transformDescriptions: Record<TransformKind, string> = {
  asIs: 'as recorded',
  age: 'generalised: birth date replaced by age in whole years on the as-of date',
  birthYear: 'generalised: birth date replaced by the year of birth',
  zip3: 'generalised: ZIP code replaced by its first three digits',
  chronicFlag: 'derived: attendance rate replaced by "chronically absent" true/false (absent on 10% or more of days)',
  mask: 'masked: all but a short non-identifying part replaced by asterisks',
  pseudonym: 'pseudonymous: a partner-specific keyed hash, not joinable with other partners\' data',
};

/** Chronic absence: absent on 10% or more of enrolled days, i.e. a rate of days present below 90%. */
export const CHRONIC_ABSENCE_PRESENT_BELOW = 90;

/**
 * Masks a value so it stays recognisable to the person it belongs to but not to anyone else.
 * Numbers-like values (phone, card ids) keep their last two digits; e-mail keeps the first letter
 * and the domain; anything else keeps its first character. The length is never revealed.
 */
export function maskValue(s: string): string {
  if (s.length === 0) return s;
  if (/^[\d\s()+./-]+$/.test(s)) {
    const digits = s.replace(/\D/g, '');
    return `****${digits.slice(-2)}`;
  }
  const at = s.indexOf('@');
  if (at > 0) return `${s[0]}***${s.slice(at)}`;
  return `${s[0]}***`;
}

/**
 * Applies a transform to one raw value. `subject` is the pseudonym subject for this cell (only
 * used by `pseudonym`). A value the transform cannot read (a malformed date) becomes empty rather
 * than leaking the raw value.
 */
export function applyTransform(kind: TransformKind, raw: CellValue, subject: string, ctx: TransformContext): CellValue {
  if (raw === null) return null;
  switch (kind) {
    case 'asIs':
      return raw;
    case 'age':
      return typeof raw === 'string' && isIsoDate(raw) ? ageOn(raw, ctx.asOf) : null;
    case 'birthYear':
      return typeof raw === 'string' && isIsoDate(raw) ? Number(raw.slice(0, 4)) : null;
    case 'zip3': {
      const digits = String(raw).replace(/\D/g, '');
      return digits.length >= 3 ? digits.slice(0, 3) : null;
    }
    case 'chronicFlag':
      return typeof raw === 'number' ? raw < CHRONIC_ABSENCE_PRESENT_BELOW : null;
    case 'mask':
      return maskValue(String(raw));
    case 'pseudonym':
      return ctx.pseudonym(subject);
  }
}
