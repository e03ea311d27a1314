import type { LegalBasis } from '../agreement/types';
import type { ExhibitBCategory } from '../catalog/exhibit-b';
import { findField } from '../catalog/fields';
import type { FieldId } from '../catalog/types';
import type { DestructionRecord, DestructionState } from './types';

/**
 * Whether 34 CFR 99.32 requires a record of the disclosure. 99.32(d) exempts disclosures to
 * school officials, with written consent, and of directory information; studies (99.31(a)(6))
 * and audits/evaluations (99.31(a)(3), 99.35) must be recorded. Steward records every disclosure
 * anyway and marks which ones the law requires. A Record, so a new basis cannot be forgotten.
 */
export const recordRequiredBy9932: Readonly<Record<LegalBasis, boolean>> = {
  'school-official': false,
  consent: false,
  directory: false,
  studies: true,
  'audit-evaluation': true,
};

/** The rule each basis rests on, cited beside it in reports. */
export const legalBasisCitation: Readonly<Record<LegalBasis, string>> = {
  'school-official': '34 CFR 99.31(a)(1)(i)(B)',
  consent: '34 CFR 99.30',
  directory: '34 CFR 99.31(a)(11), 99.37',
  studies: '34 CFR 99.31(a)(6)',
  'audit-evaluation': '34 CFR 99.31(a)(3), 99.35',
};

/** Fields covered by IDEA (34 CFR 300.610-627): every outside access to them is logged (300.614). */
export function ideaCoveredFields(fields: readonly FieldId[]): FieldId[] {
  return fields.filter((f) => findField(f)?.regimes.includes('IDEA') ?? false);
}

/** The Exhibit B categories a set of fields belongs to, in catalog order, without repeats. */
export function categoriesOf(fields: readonly FieldId[]): ExhibitBCategory[] {
  const seen = new Set<ExhibitBCategory>();
  for (const f of fields) {
    const c = findField(f)?.category;
    if (c) seen.add(c);
  }
  return [...seen];
}

/**
 * Whether a package's data is destroyed, from the certificates applied to it: destroyed when a
 * complete disposition or the union of partial ones covers every category the package carried.
 */
export function destructionState(fields: readonly FieldId[], destructions: readonly Pick<DestructionRecord, 'categories'>[]): DestructionState {
  if (destructions.length === 0) return 'kept';
  if (destructions.some((d) => d.categories === 'all')) return 'destroyed';
  const destroyed = new Set(destructions.flatMap((d) => (d.categories === 'all' ? [] : d.categories)));
  return categoriesOf(fields).every((c) => destroyed.has(c)) ? 'destroyed' : 'partly-destroyed';
}
