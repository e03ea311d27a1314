import type { FieldId } from '../catalog/types';
import type { IsoDate } from '../util/dates';
import type { ConsentGrant } from './types';

/** How the signature was given (99.30(a) written and signed; 99.30(d) electronic). */
export type ConsentMethod = 'paper-scan' | 'electronic';
export const consentMethods: ConsentMethod[] = ['paper-scan', 'electronic'];

/** Why a consent was revoked: a code, never free text (it travels to the partner in revocations.json). */
export type RevocationReason = 'parent-request' | 'student-request' | 'recorded-in-error' | 'other';
export const revocationReasons: RevocationReason[] = ['parent-request', 'student-request', 'recorded-in-error', 'other'];

/** Media types accepted as evidence: the scanned form or the e-signature certificate. */
export const evidenceMediaTypes = ['application/pdf', 'image/png', 'image/jpeg', 'image/tiff'] as const;
export type EvidenceMediaType = (typeof evidenceMediaTypes)[number];

/** The evidence file's facts the rules check (the bytes stay in main). */
export interface EvidenceFacts {
  fileName: string;
  mediaType: string;
  byteSize: number;
  sha256: string;
}

/** A consent decision as entered or imported, before it is stored (34 CFR 99.30 contents). */
export interface ConsentDraft {
  studentId: string;
  signerRole: ConsentGrant['signerRole'];
  /** The guardian on record who signed; null when the eligible student signed. */
  guardianId: string | null;
  partnerId: string;
  agreementId: string | null;
  /** Purpose code; must equal the agreement's purpose code when an agreement is named. */
  purpose: string;
  fields: FieldId[];
  status: ConsentGrant['status'];
  signedOn: IsoDate;
  expiresOn: IsoDate | null;
  revokedOn: IsoDate | null;
  revocationReason: RevocationReason | null;
  method: ConsentMethod;
  /** How an electronic signer was authenticated (e.g. "parent portal login + SMS code"); null for paper. */
  esignAuthentication: string | null;
  evidence: EvidenceFacts | null;
}

/** The full stored record, as listed on screens and by the CLI (no names: ids only). */
export interface ConsentRecord extends ConsentGrant {
  guardianId: string | null;
  signerRelationship: string;
  revocationReason: RevocationReason | null;
  method: ConsentMethod;
  esignAuthentication: string | null;
  evidence: { id: string; sha256: string; fileName: string; mediaType: string; byteSize: number };
  recordedAt: string;
  recordedBy: string;
  revokedAt: string | null;
  revokedBy: string | null;
  source: string;
}

/** One problem found in a draft: which input field, a stable code, and plain words (no PII). */
export interface ConsentIssue {
  field: string;
  code: string;
  message: string;
}
