import type { ExhibitBCategory } from './exhibit-b';

/** Stable id of a catalog field, e.g. `student.firstName`. Never reused for another meaning. */
export type FieldId = string & { readonly __brand?: 'FieldId' };

/**
 * Legal regimes that guard a field beyond FERPA (DOMAIN.md, "Rules that guard specific fields").
 * - NSLA: meal eligibility, 42 U.S.C. 1758(b)(6), 7 CFR 245.6
 * - IDEA: special education, 34 CFR 300.610-627 (every outside access logged, 300.614)
 * - SECTION_504: disability accommodations (Rehabilitation Act; treated like IDEA here)
 * - MCKINNEY_VENTO: homeless status, 42 U.S.C. 11432(g)(3)(G)
 * - FOSTER_CARE: foster-care status (living situation; never directory information)
 * - HEALTH: health and medical alerts (state health-privacy law)
 * - PPRA: survey responses in protected areas, 20 U.S.C. 1232h
 */
export type Regime = 'FERPA' | 'NSLA' | 'IDEA' | 'SECTION_504' | 'MCKINNEY_VENTO' | 'FOSTER_CARE' | 'HEALTH' | 'PPRA';

/**
 * - directory: may be designated directory information (99.3, 99.37)
 * - standard: education record, ordinary PII
 * - sensitive: education record whose disclosure could harm (grades, conduct, EL status)
 * - restricted: needs consent for any partner unless a rule says otherwise (DOMAIN.md)
 */
export type Sensitivity = 'directory' | 'standard' | 'sensitive' | 'restricted';

export type ValueType = 'string' | 'date' | 'integer' | 'number' | 'boolean';

/**
 * How a granted field may be altered before it leaves the district.
 * - asIs: the value unchanged
 * - age: a birth date becomes whole years at the as-of date
 * - birthYear: a birth date becomes its year
 * - zip3: a postal code becomes its first three digits (HIPAA-style generalisation)
 * - chronicFlag: an attendance rate becomes "chronically absent" yes/no (absent >= 10% of days)
 * - mask: all but a short, non-identifying part is replaced by asterisks
 * - pseudonym: a per-partner keyed hash, so two partners cannot join their data on it
 */
export type TransformKind = 'asIs' | 'age' | 'birthYear' | 'zip3' | 'chronicFlag' | 'mask' | 'pseudonym';

export interface CatalogField {
  id: FieldId;
  label: string;
  category: ExhibitBCategory;
  /** The Exhibit B element within the category, in its words. */
  element: string;
  sensitivity: Sensitivity;
  regimes: Regime[];
  valueType: ValueType;
  /** Whether the district may designate it as directory information (99.3; never SSN, living situation). */
  directoryEligible: boolean;
  /** Stored as imported, or computed from stored data (with how). */
  derivation: { kind: 'stored'; source: string } | { kind: 'derived'; from: string; rule: string };
  /** Transforms that make sense for this field; `asIs` is listed when the raw value may be granted. */
  transforms: TransformKind[];
  /** A plain-words hint for reviewers. */
  description: string;
}
