import type { AgreementContent, LegalBasis, RoleGrant } from '../../../../../shared/agreement/types';
import type { BasisElement } from '../../../../../shared/agreement/requirements';
import type { CompletenessIssue } from '../../../../../shared/agreement/completeness';

/**
 * The editor's working copy of an agreement: the content as the contract defines it, except that
 * the legal basis may still be unchosen (the editor never picks a legal basis for the steward).
 * Pure helpers, so the editor's rules are plain functions.
 */
export interface EditorDraft extends Omit<AgreementContent, 'legalBasis'> {
  legalBasis: LegalBasis | '';
}

export function emptyDraft(partnerId = ''): EditorDraft {
  return {
    title: '', partnerId, legalBasis: '', purpose: '', purposeCode: '', basisElements: {},
    effective: '', expires: '', destroyBy: '',
    scope: { programIds: [], schoolIds: [], grades: [] },
    roles: [emptyRole()],
  };
}

export function emptyRole(): RoleGrant {
  return { id: '', label: '', legitimateInterest: '', fields: [] };
}

export function fromContent(c: AgreementContent): EditorDraft {
  return structuredClone(c);
}

/**
 * The content to check or save: null while no basis is chosen. Elements of other bases (left over
 * from switching basis) are dropped, so the saved content and its hash hold only what the basis requires.
 */
export function toContent(d: EditorDraft, requirements: Record<LegalBasis, readonly BasisElement[]>): AgreementContent | null {
  if (!d.legalBasis) return null;
  const wanted = new Set(requirements[d.legalBasis].map((e) => e.id));
  const basisElements = Object.fromEntries(Object.entries(d.basisElements).filter(([k]) => wanted.has(k)));
  return { ...d, legalBasis: d.legalBasis, basisElements };
}

/** What the editor can say before the services can check anything (no partner or basis yet). */
export function localIssues(d: EditorDraft): CompletenessIssue[] {
  const out: CompletenessIssue[] = [];
  if (!d.partnerId) out.push({ path: 'partnerId', message: 'Choose the partner.', rule: 'Steward: an agreement names its partner, title and purpose' });
  if (!d.legalBasis) out.push({ path: 'legalBasis', message: 'Choose the legal basis: it decides which elements the agreement must contain.', rule: '34 CFR 99.30, 99.31(a)' });
  return out;
}

/** The DOM id of the control an issue's path points at (for "Go to" from the completeness list). */
export function controlIdFor(path: string, d: EditorDraft): string {
  const grant = /^roles\[(\d+)\]\.fields\[(\d+)\]/.exec(path);
  if (grant) {
    const role = Number(grant[1]);
    const field = d.roles[role]?.fields[Number(grant[2])]?.field ?? '';
    return grantControlId(role, field, path.endsWith('.transform') ? 'transform' : 'grant');
  }
  const role = /^roles\[(\d+)\]\.(\w+)/.exec(path);
  if (role) return `ed-role-${role[1]}-${role[2]}`;
  if (/^roles\[(\d+)\]$/.test(path)) return `ed-role-${/\d+/.exec(path)![0]}-label`;
  if (path === 'roles') return 'ed-add-role';
  if (path.startsWith('scope')) return 'ed-scope';
  return `ed-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

export function grantControlId(roleIndex: number, field: string, part: 'grant' | 'transform'): string {
  return `ed-role-${roleIndex}-${part}-${field.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

/** Auto-filled slugs follow their source until the steward types their own. */
export function followsSource(current: string, oldSource: string, slug: (s: string) => string): boolean {
  return current === '' || current === slug(oldSource);
}
