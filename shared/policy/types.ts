import type { AgreementVersion, LegalBasis } from '../agreement/types';
import type { CatalogField, FieldId, TransformKind } from '../catalog/types';
import type { DirectoryDesignation } from '../consent/types';
import type { IsoDate } from '../util/dates';
import type { ReasonCode } from './reasons';
import type { CellValue } from './transforms';

/** One program enrolment of a student (only enrolments in the agreement's scope programs matter). */
export interface ProgramEnrolment {
  programId: string;
  beginDate: IsoDate;
  /** Inclusive last day; null while enrolled. */
  endDate: IsoDate | null;
}

/** The per-student facts inclusion depends on: cheap to load for 500,000 students. */
export interface StudentFacts {
  id: string;
  birthDate: IsoDate | null;
  schoolId: string;
  grade: string;
  /** `active`, or `inactive` once the student left the district. */
  status: string;
  programs: readonly ProgramEnrolment[];
  /** An active directory opt-out (it survives the student leaving, 99.37(b)). */
  directoryOptOut: boolean;
}

/**
 * Why the engine is asked: `disclose` for an export (only approved or active versions disclose
 * anything); `preview` additionally lets a reviewer see a draft or in-review version as it would
 * operate once approved. Such a preview is marked not in force (`PolicyPlan.notInForce`), and the
 * export of that version still refuses. Term, termination and expiry are never relaxed.
 */
export type PolicyPurpose = 'disclose' | 'preview';

export interface PlanInput {
  version: Pick<AgreementVersion, 'agreementId' | 'version' | 'status' | 'content'>;
  roleId: string;
  catalog: readonly CatalogField[];
  designation: DirectoryDesignation;
  asOf: IsoDate;
  purpose: PolicyPurpose;
}

/** One output column: a granted field with its transform, decided once per plan. */
export interface ColumnPlan {
  /** Header id in records.csv: the field id, suffixed `:transform` unless `asIs`. */
  column: string;
  field: FieldId;
  /** Null when the grant names a field the catalog does not know (withheld: UNKNOWN_FIELD). */
  catalogField: CatalogField | null;
  transform: TransformKind;
  /** Withheld for every student with this reason, or null when the field may flow. */
  staticWithheld: ReasonCode | null;
  /** Non-null: the cell flows only when a consent in force lists the field; otherwise withheld with this code. */
  consentReason: ReasonCode | null;
  restricted: boolean;
}

/** An agreement version + role + as-of date, compiled once; students are then evaluated cheaply. */
export interface PolicyPlan {
  agreementId: string;
  version: number;
  roleId: string;
  roleLabel: string;
  partnerId: string;
  purposeCode: string;
  basis: LegalBasis;
  asOf: IsoDate;
  purpose: PolicyPurpose;
  /** False for a reviewer's preview of a draft or in-review version (see `notInForce`). */
  inForce: boolean;
  notInForce: ReasonCode | null;
  /** When set, every student is excluded with this reason (agreement ended, out of term, no notice ...). */
  excludeAll: ReasonCode | null;
  columns: ColumnPlan[];
  scope: {
    programs: ReadonlySet<string> | null;
    schools: ReadonlySet<string> | null;
    grades: ReadonlySet<string> | null;
  };
  /** Consent basis: a student needs a consent in force to be included at all. */
  consentGate: boolean;
  /** Some column flows only with a consent covering it. */
  consentDependent: boolean;
  directoryBasis: boolean;
}

export type StudentDecision =
  | {
    included: true;
    /** Fields listed by a consent in force, each with the consent id authorising it; null when no column depends on consent. */
    consentFields: ReadonlyMap<FieldId, string> | null;
    /** Fields whose latest decision for this recipient and purpose is a refusal, with its id (withheld as CONSENT_DECLINED); null when none. */
    refusedFields: ReadonlyMap<FieldId, string> | null;
  }
  | { included: false; reason: ReasonCode };

/** One disclosed (or withheld) cell. A withheld cell has no value, only its reason. */
export type Cell =
  | { state: 'shown' | 'transformed'; value: CellValue }
  | { state: 'withheld'; value: null; reason: ReasonCode };

/** Raw values of one student, keyed by catalog field id (loaded by main for the rows it renders). */
export type StudentValues = Readonly<Record<string, CellValue>>;
