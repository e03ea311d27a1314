import type { LegalBasis } from '../agreement/types';
import type { ExhibitBCategory } from '../catalog/exhibit-b';
import type { FieldId } from '../catalog/types';
import type { IsoDate } from '../util/dates';

/**
 * One destruction certificate applied to a package (NDPA Exhibit D: who, what, when, how).
 * `categories` is 'all' for a complete disposition, else the Exhibit B categories destroyed.
 */
export interface DestructionRecord {
  id: string;
  agreementId: string;
  destroyedOn: IsoDate;
  method: string;
  signedBy: string;
  categories: ExhibitBCategory[] | 'all';
  certificateSha256: string;
}

/** kept: nothing destroyed yet; partly-destroyed: some categories destroyed; destroyed: all of it. */
export type DestructionState = 'kept' | 'partly-destroyed' | 'destroyed';

/**
 * One disclosure (one package sent to one partner) as the record of disclosures (34 CFR 99.32)
 * and IDEA's access record (34 CFR 300.614) need it.
 */
export interface DisclosureEvent {
  packageId: string;
  partnerId: string;
  partnerName: string;
  agreementId: string;
  agreementVersion: number;
  /** Role slug the package was built for, and its label when the agreement is known. */
  role: string;
  legalBasis: LegalBasis;
  purpose: string;
  /** The role's legitimate educational interest (school officials), or null. */
  legitimateInterest: string | null;
  fields: FieldId[];
  /** The subset of `fields` covered by IDEA (every outside access logged, 300.614). */
  ideaFields: FieldId[];
  /** True when 99.32 requires the record; false when Steward logs it voluntarily. */
  requiredBy9932: boolean;
  disclosedOn: IsoDate;
  /** Until when the partner may keep the data (the agreement's destroy-by date). */
  destroyBy: IsoDate;
  destructionState: DestructionState;
  destructions: DestructionRecord[];
}

/** A student's whole disclosure history, newest first: the parent's answer. */
export interface StudentDisclosureHistory {
  student: { id: string; localId: string; firstName: string; lastName: string; schoolName: string | null };
  events: DisclosureEvent[];
}
