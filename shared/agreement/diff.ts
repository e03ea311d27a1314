import type { TransformKind } from '../catalog/types';
import { canonicalJson } from '../util/canonical-json';
import type { AgreementContent, RoleGrant } from './types';

export interface RoleDiff {
  roleId: string;
  change: 'added' | 'removed' | 'changed';
  fieldsAdded: { field: string; transform: TransformKind }[];
  fieldsRemoved: { field: string; transform: TransformKind }[];
  transformsChanged: { field: string; from: TransformKind; to: TransformKind }[];
  /** Other role properties that changed (label, legitimateInterest). */
  propertiesChanged: { key: string; from: string; to: string }[];
}

export interface ValueChange {
  key: string;
  from: unknown;
  to: unknown;
}

export interface AgreementDiff {
  /** Title, partner, basis, purpose, purpose code, effective, expires, destroy-by. */
  terms: ValueChange[];
  basisElements: ValueChange[];
  scope: { key: 'programIds' | 'schoolIds' | 'grades'; added: string[]; removed: string[] }[];
  roles: RoleDiff[];
  /** True when nothing changed at all. */
  same: boolean;
}

const termKeys = ['title', 'partnerId', 'legalBasis', 'purpose', 'purposeCode', 'effective', 'expires', 'destroyBy'] as const;

function diffRole(a: RoleGrant | undefined, b: RoleGrant | undefined, roleId: string): RoleDiff | null {
  const before = new Map((a?.fields ?? []).map((f) => [f.field as string, f.transform]));
  const after = new Map((b?.fields ?? []).map((f) => [f.field as string, f.transform]));
  const d: RoleDiff = { roleId, change: !a ? 'added' : !b ? 'removed' : 'changed', fieldsAdded: [], fieldsRemoved: [], transformsChanged: [], propertiesChanged: [] };
  for (const [field, transform] of after) {
    const old = before.get(field);
    if (old === undefined) d.fieldsAdded.push({ field, transform });
    else if (old !== transform) d.transformsChanged.push({ field, from: old, to: transform });
  }
  for (const [field, transform] of before) if (!after.has(field)) d.fieldsRemoved.push({ field, transform });
  if (a && b) {
    for (const key of ['label', 'legitimateInterest'] as const) {
      if (a[key] !== b[key]) d.propertiesChanged.push({ key, from: a[key], to: b[key] });
    }
  }
  const changed = d.change !== 'changed' || d.fieldsAdded.length + d.fieldsRemoved.length + d.transformsChanged.length + d.propertiesChanged.length > 0;
  return changed ? d : null;
}

/**
 * What changed from version `a` to version `b`: terms, basis elements, scope, and per role the
 * fields added and removed and the transforms changed. Pure; order follows `b`, then removals.
 */
export function diffAgreements(a: AgreementContent, b: AgreementContent): AgreementDiff {
  const terms: ValueChange[] = termKeys.filter((k) => a[k] !== b[k]).map((k) => ({ key: k, from: a[k], to: b[k] }));
  const elementKeys = [...new Set([...Object.keys(a.basisElements), ...Object.keys(b.basisElements)])].sort();
  const basisElements = elementKeys
    .filter((k) => canonicalJson(a.basisElements[k]) !== canonicalJson(b.basisElements[k]))
    .map((k) => ({ key: k, from: a.basisElements[k] ?? null, to: b.basisElements[k] ?? null }));
  const scope = (['programIds', 'schoolIds', 'grades'] as const)
    .map((key) => ({ key, added: b.scope[key].filter((x) => !a.scope[key].includes(x)), removed: a.scope[key].filter((x) => !b.scope[key].includes(x)) }))
    .filter((s) => s.added.length + s.removed.length > 0);
  const roleIds = [...b.roles.map((r) => r.id), ...a.roles.map((r) => r.id).filter((id) => !b.roles.some((r) => r.id === id))];
  const roles = roleIds
    .map((id) => diffRole(a.roles.find((r) => r.id === id), b.roles.find((r) => r.id === id), id))
    .filter((d): d is RoleDiff => d !== null);
  return { terms, basisElements, scope, roles, same: terms.length + basisElements.length + scope.length + roles.length === 0 };
}
