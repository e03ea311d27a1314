import type { FieldId } from '../catalog/types';
import type { IsoDate } from '../util/dates';

/**
 * What the policy engine needs to know of one consent (34 CFR 99.30). The full record (signer
 * name, method, evidence file ...) lives in the consent service; this is its decision-relevant core.
 */
export interface ConsentGrant {
  id: string;
  studentId: string;
  /** Who signed: a parent/guardian, or the eligible student (18+, rights passed to them, 99.5). */
  signerRole: 'parent' | 'eligible-student';
  /** granted | declined | revoked. A declined consent authorises nothing. */
  status: 'granted' | 'declined' | 'revoked';
  signedOn: IsoDate;
  /** Revocation takes effect from this date (disclosures before it stay lawful). */
  revokedOn: IsoDate | null;
  expiresOn: IsoDate | null;
  /** The party the consent names: a partner, optionally narrowed to one agreement. */
  partnerId: string;
  agreementId: string | null;
  /** The purpose stated on the form; must match the agreement's purpose code. */
  purpose: string;
  /** Itemised records covered (never "any other information"). */
  fields: FieldId[];
}

/** The district's directory-information designation (99.37(a)(1)), from its annual notice. */
export interface DirectoryDesignation {
  fields: FieldId[];
  /** When the public notice was given; a designation before any notice is not in force. */
  noticeDate: IsoDate | null;
}
