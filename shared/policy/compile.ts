import type { CatalogField, FieldId, Regime, TransformKind } from '../catalog/types';
import type { AgreementContent, AgreementStatus } from '../agreement/types';
import type { DirectoryDesignation } from '../consent/types';
import type { IsoDate } from '../util/dates';
import type { ReasonCode } from './reasons';
import type { ColumnPlan, PlanInput, PolicyPlan, PolicyPurpose } from './types';

/** The regime whose rule a restricted field cites when no consent covers it (first match wins). */
const regimeReasons: [Regime, ReasonCode][] = [
  ['NSLA', 'NSLA_RESTRICTED'],
  ['IDEA', 'IDEA_RESTRICTED'],
  ['SECTION_504', 'SECTION_504_RESTRICTED'],
  ['MCKINNEY_VENTO', 'MCKINNEY_VENTO_RESTRICTED'],
  ['FOSTER_CARE', 'FOSTER_CARE_RESTRICTED'],
  ['HEALTH', 'HEALTH_RESTRICTED'],
  ['PPRA', 'PPRA_RESTRICTED'],
];

/** The reason a restricted field is withheld without a consent covering it. */
export function restrictedReason(field: CatalogField): ReasonCode {
  for (const [regime, code] of regimeReasons) if (field.regimes.includes(regime)) return code;
  return 'CONSENT_FIELD_NOT_COVERED';
}

/** Header id of a column in records.csv and the preview: `student.birthDate:age`, or the field id when as is. */
export function columnId(field: FieldId, transform: TransformKind): string {
  return transform === 'asIs' ? field : `${field}:${transform}`;
}

/** True when the designation was publicly noticed on or before `asOf` (99.37(a)). */
export function designationInForce(d: DirectoryDesignation, asOf: IsoDate): boolean {
  return d.noticeDate !== null && d.noticeDate <= asOf;
}

/**
 * Whether an agreement version may disclose on `asOf`: the reason it may not (applied to every
 * student), and, for a reviewer's preview of a not-yet-approved version, the not-in-force marker.
 */
export function statusGate(status: AgreementStatus, content: Pick<AgreementContent, 'effective' | 'expires'>, asOf: IsoDate, purpose: PolicyPurpose): { excludeAll: ReasonCode | null; notInForce: ReasonCode | null } {
  let excludeAll: ReasonCode | null = null;
  let notInForce: ReasonCode | null = null;
  if (status === 'expired' || status === 'terminated') excludeAll = 'AGREEMENT_ENDED';
  else if (status === 'draft' || status === 'in-review') {
    notInForce = 'AGREEMENT_NOT_APPROVED';
    if (purpose === 'disclose') excludeAll = 'AGREEMENT_NOT_APPROVED';
  }
  if (excludeAll === null) {
    if (asOf < content.effective) excludeAll = 'AGREEMENT_NOT_YET_EFFECTIVE';
    else if (asOf > content.expires) excludeAll = 'AGREEMENT_EXPIRED';
  }
  return { excludeAll, notInForce };
}

function compileColumn(content: AgreementContent, field: FieldId, transform: TransformKind, catalog: ReadonlyMap<string, CatalogField>, designation: DirectoryDesignation): ColumnPlan {
  const cf = catalog.get(field) ?? null;
  const base = { column: columnId(field, transform), field, catalogField: cf, transform, restricted: cf?.sensitivity === 'restricted' };
  if (!cf) return { ...base, staticWithheld: 'UNKNOWN_FIELD', consentReason: null };
  if (!cf.transforms.includes(transform)) return { ...base, staticWithheld: 'TRANSFORM_NOT_ALLOWED', consentReason: null };
  switch (content.legalBasis) {
    case 'directory':
      if (!cf.directoryEligible) return { ...base, staticWithheld: 'NOT_DIRECTORY_ELIGIBLE', consentReason: null };
      if (!designation.fields.includes(field)) return { ...base, staticWithheld: 'NOT_DIRECTORY_DESIGNATED', consentReason: null };
      return { ...base, staticWithheld: null, consentReason: null };
    case 'consent':
      return { ...base, staticWithheld: null, consentReason: 'CONSENT_FIELD_NOT_COVERED' };
    default:
      // School official, studies, audit/evaluation: restricted regimes still need consent.
      return { ...base, staticWithheld: null, consentReason: base.restricted ? restrictedReason(cf) : null };
  }
}

/**
 * Compiles an agreement version's role into a per-field plan, once; evaluating a student against
 * it is then a handful of comparisons. Default deny: only the role's granted fields become
 * columns, so a new catalog field never appears until it is granted. Throws when the role does
 * not exist (callers check the role id first; it is not user data).
 */
export function compilePlan(input: PlanInput): PolicyPlan {
  const { content } = input.version;
  const role = content.roles.find((r) => r.id === input.roleId);
  if (!role) throw new Error(`Agreement ${input.version.agreementId} v${input.version.version} has no role '${input.roleId}'`);
  const catalog = new Map(input.catalog.map((f) => [f.id as string, f]));
  const seen = new Set<string>();
  const columns: ColumnPlan[] = [];
  for (const g of role.fields) {
    const col = compileColumn(content, g.field, g.transform, catalog, input.designation);
    if (seen.has(col.column)) continue;
    seen.add(col.column);
    columns.push(col);
  }
  const gate = statusGate(input.version.status, content, input.asOf, input.purpose);
  const directoryBasis = content.legalBasis === 'directory';
  const excludeAll = gate.excludeAll ?? (directoryBasis && !designationInForce(input.designation, input.asOf) ? 'DIRECTORY_NO_NOTICE' : null);
  const nonEmpty = (xs: readonly string[]) => (xs.length > 0 ? new Set(xs) : null);
  return {
    agreementId: input.version.agreementId,
    version: input.version.version,
    roleId: role.id,
    roleLabel: role.label,
    partnerId: content.partnerId,
    purposeCode: content.purposeCode,
    basis: content.legalBasis,
    asOf: input.asOf,
    purpose: input.purpose,
    inForce: gate.notInForce === null && excludeAll === null,
    notInForce: gate.notInForce,
    excludeAll,
    columns,
    scope: { programs: nonEmpty(content.scope.programIds), schools: nonEmpty(content.scope.schoolIds), grades: nonEmpty(content.scope.grades) },
    consentGate: content.legalBasis === 'consent',
    consentDependent: columns.some((c) => c.staticWithheld === null && c.consentReason !== null),
    directoryBasis,
  };
}
