import type { AgreementContent } from '../../../../shared/agreement/types';
import type { AgreementSummary } from '../../../../shared/api/agreements-api';
import { catalogFields, type CatalogField, type ExhibitBCategory } from '../../../../shared/catalog';
import { agreementFields } from '../../../../shared/consent/agreement-fields';

export interface FieldGroup {
  category: ExhibitBCategory;
  fields: CatalogField[];
}

const byId = new Map(catalogFields.map((f) => [f.id, f]));

/**
 * The records an agreement's roles receive, grouped by NDPA Exhibit B category in catalog order:
 * what a consent for that agreement itemises (34 CFR 99.30(b)(1)).
 */
export function agreementFieldGroups(content: AgreementContent): FieldGroup[] {
  const groups = new Map<ExhibitBCategory, CatalogField[]>();
  for (const id of agreementFields(content, catalogFields)) {
    const f = byId.get(id);
    if (!f) continue;
    groups.set(f.category, [...(groups.get(f.category) ?? []), f]);
  }
  return [...groups].map(([category, fields]) => ({ category, fields }));
}

/** A catalog field's label, or its id when the catalog does not know it. */
export function fieldLabel(id: string): string {
  return byId.get(id)?.label ?? id;
}

export function isRestricted(id: string): boolean {
  return byId.get(id)?.sensitivity === 'restricted';
}

const order = new Map(catalogFields.map((f, i) => [f.id, i]));

/** Field ids in catalog order (the order forms and agreements list them); unknown ids last. */
export function inCatalogOrder(ids: readonly string[]): string[] {
  return [...ids].sort((a, b) => (order.get(a) ?? Number.MAX_SAFE_INTEGER) - (order.get(b) ?? Number.MAX_SAFE_INTEGER) || a.localeCompare(b));
}

/** Agreements a consent may name: those in force first, then the others, by partner and title. */
export function recipientOptions(agreements: readonly AgreementSummary[]): AgreementSummary[] {
  return [...agreements].sort((a, b) => Number(b.activeVersion !== null) - Number(a.activeVersion !== null) || a.partnerName.localeCompare(b.partnerName) || a.title.localeCompare(b.title));
}
