import type { FieldId, TransformKind } from '../catalog/types';
import type { IsoDate } from '../util/dates';

/** The lawful route for a disclosure without (or with) consent: 34 CFR 99.30, 99.31(a). */
export type LegalBasis = 'consent' | 'school-official' | 'studies' | 'audit-evaluation' | 'directory';
export const legalBases: LegalBasis[] = ['consent', 'school-official', 'studies', 'audit-evaluation', 'directory'];

/**
 * draft -> in-review -> approved -> active -> expired | terminated.
 * A change after review starts a new version (the old one keeps its status and approval).
 */
export type AgreementStatus = 'draft' | 'in-review' | 'approved' | 'active' | 'expired' | 'terminated';

/** One granted field of a role, with the transform applied before it leaves the district. */
export interface FieldGrant {
  field: FieldId;
  transform: TransformKind;
}

/** A partner role (e.g. "tutor", "site coordinator") and exactly what it may receive. */
export interface RoleGrant {
  /** Stable slug, e.g. `tutor`. */
  id: string;
  label: string;
  /** Why this role needs the data (legitimate educational interest, 99.31(a)(1)). */
  legitimateInterest: string;
  fields: FieldGrant[];
}

/** Which students the agreement covers: program enrolments, narrowed by optional school/grade rules. */
export interface StudentScope {
  programIds: string[];
  schoolIds: string[];
  grades: string[];
}

/**
 * The versioned, approvable content of an agreement. Its canonical-JSON SHA-256 is the
 * content hash an approval is bound to.
 */
export interface AgreementContent {
  title: string;
  partnerId: string;
  legalBasis: LegalBasis;
  /** Purpose in plain words, shown on consent forms and the agreement document. */
  purpose: string;
  /**
   * A short stable slug for the purpose (e.g. `reading-tutoring`), recorded on consent forms:
   * a ConsentGrant authorises a disclosure only when its `purpose` equals this code (99.30(b)(2)).
   */
  purposeCode: string;
  /**
   * The elements the legal basis requires (DOMAIN.md), keyed by element id (see
   * shared/agreement/requirements.ts): e.g. studies -> studyPurpose, scope, duration ...
   */
  basisElements: Record<string, string | boolean>;
  effective: IsoDate;
  expires: IsoDate;
  destroyBy: IsoDate;
  scope: StudentScope;
  roles: RoleGrant[];
}

export interface AgreementVersion {
  agreementId: string;
  version: number;
  status: AgreementStatus;
  content: AgreementContent;
  contentHash: string;
  createdAt: string;
  approval: { by: string; at: string; contentHash: string } | null;
}
