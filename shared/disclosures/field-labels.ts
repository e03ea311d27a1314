import type { ExhibitBCategory } from '../catalog/exhibit-b';
import { findField } from '../catalog/fields';
import type { FieldId } from '../catalog/types';
import { categoryEs, fieldLabelEs } from '../consent/forms-i18n';

export type Lang = 'en' | 'es';

/** Parent-facing English where the catalog's reviewer label is jargon. */
const englishForParents: Record<string, string> = {
  'indicator.mealEligibility': 'Free or reduced-price meal eligibility',
  'indicator.iep': 'Individualized education program (IEP)',
  'student.localId': 'District student ID',
  'transcript.gpa': 'Grade point average (GPA)',
};

/**
 * Spanish labels and Exhibit B category names: the consent forms' (shared/consent/forms-i18n.ts),
 * so a parent reads the same words on the form they sign and on the report of what was shared.
 */
export const spanishFieldLabels: Readonly<Record<string, string>> = fieldLabelEs;
export const spanishCategoryNames: Readonly<Record<ExhibitBCategory, string>> = categoryEs;

/** A field's label for parents in the language; an id the catalog does not know is shown as is. */
export function fieldLabel(id: FieldId, lang: Lang): string {
  if (lang === 'es') return spanishFieldLabels[id] ?? findField(id)?.label ?? id;
  return englishForParents[id] ?? findField(id)?.label ?? id;
}

export function categoryName(c: ExhibitBCategory, lang: Lang): string {
  return lang === 'es' ? spanishCategoryNames[c] : c;
}

/** Fields grouped under their Exhibit B category, in catalog order. */
export function fieldsByCategory(fields: readonly FieldId[]): { category: ExhibitBCategory | null; fields: FieldId[] }[] {
  const groups = new Map<ExhibitBCategory | null, FieldId[]>();
  for (const f of fields) {
    const c = findField(f)?.category ?? null;
    groups.set(c, [...(groups.get(c) ?? []), f]);
  }
  return [...groups].map(([category, fs]) => ({ category, fields: fs }));
}
