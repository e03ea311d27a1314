import type { AgreementContent } from '../agreement/types';
import type { CatalogField, FieldId } from '../catalog/types';

/**
 * The fields each role of an agreement would receive, in catalog order, each with its catalog
 * entry (null for an id the catalog does not know: such a grant is withheld, so never listed on a form).
 */
export function fieldsByRole(content: AgreementContent, catalog: readonly CatalogField[]): { roleId: string; roleLabel: string; fields: CatalogField[] }[] {
  const order = new Map(catalog.map((f, i) => [f.id, i]));
  const byId = new Map(catalog.map((f) => [f.id, f]));
  return content.roles.map((r) => ({
    roleId: r.id,
    roleLabel: r.label,
    fields: [...new Set(r.fields.map((g) => g.field))]
      .map((f) => byId.get(f))
      .filter((f): f is CatalogField => f !== undefined)
      .sort((a, b) => order.get(a.id)! - order.get(b.id)!),
  }));
}

/** Every field any role of the agreement receives, in catalog order: what a consent form asks for. */
export function agreementFields(content: AgreementContent, catalog: readonly CatalogField[]): FieldId[] {
  const wanted = new Set(content.roles.flatMap((r) => r.fields.map((g) => g.field)));
  return catalog.filter((f) => wanted.has(f.id)).map((f) => f.id);
}

/**
 * The fields that flow to the partner only with consent, as the policy engine compiles them: under
 * a consent basis every granted field (34 CFR 99.30); under directory information none (a
 * restricted field is never directory information); under another basis the restricted ones
 * (meal eligibility, IDEA, living situation, health, PPRA: DOMAIN.md "Rules that guard specific fields").
 */
export function consentNeededFields(content: AgreementContent, catalog: readonly CatalogField[]): FieldId[] {
  if (content.legalBasis === 'directory') return [];
  const byId = new Map(catalog.map((f) => [f.id, f]));
  return agreementFields(content, catalog).filter((id) => content.legalBasis === 'consent' || byId.get(id)?.sensitivity === 'restricted');
}
