import { z } from 'zod';
import { channel } from './channel';
import type { ExpiryStatus } from '../package/certificates';
import type { LegalBasis } from '../agreement/types';
import { isIsoDate } from '../util/dates';

/**
 * Identities, certificates and packages: the district's signing identity and partner
 * certificates, exporting a package, and the partner workspace (verify, import, records,
 * destruction). Which channels apply depends on the store's mode; the wrong mode is INVALID_STATE.
 */

const id = z.string().min(1).max(200);
const filePath = z.string().min(1).max(4096);
const pem = z.string().min(40).max(64 * 1024);

/** A certificate as the screens show it: the fingerprint large, for reading aloud. */
export interface CertificateView {
  subject: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  /** Lower-case hex SHA-256 of the certificate (what manifests carry). */
  sha256: string;
  /** The same in groups of four upper-case digits: `3F2A 91C0 …`. */
  fingerprint: string;
  keyBits: number | null;
  keyUsage: string[];
  /** expiring-soon within 30 days. */
  expiry: ExpiryStatus;
  pem: string;
}

export interface PartnerCertificateView extends CertificateView {
  partnerId: string;
  partnerName: string;
  attachedAt: string;
  attachedBy: string;
}

export interface PinnedCertificateView extends CertificateView {
  pinnedAt: string;
  pinnedBy: string;
}

export type IdentityOverview =
  | {
      mode: 'district';
      /** Signs every package; null until created. */
      signing: CertificateView | null;
      /** Optional second recipient of every package, so the district can open its own copies. */
      archive: CertificateView | null;
      partners: PartnerCertificateView[];
      /** Partners with no certificate attached yet (no package can be sent to them). */
      partnersWithout: { partnerId: string; partnerName: string }[];
    }
  | {
      mode: 'partner';
      /** The workspace's identity: packages are encrypted to it; it signs destruction certificates. */
      identity: CertificateView | null;
      /** District certificates trusted to sign packages. */
      districts: PinnedCertificateView[];
    };

export interface PackageExportResult {
  packageId: string;
  path: string;
  fileName: string;
  recordCount: number;
  sequence: number;
  revocationCount: number;
  /** Bytes of the .sdx file. */
  size: number;
  /** SHA-256 of the .sdx file, lower-case hex, and grouped for reading aloud. */
  fileSha256: string;
  fingerprint: string;
  manifestSha256: string;
  destroyBy: string;
  expires: string;
}

/** A package sent (district) or received (partner). */
export interface PackageSummary {
  packageId: string;
  direction: 'sent' | 'received';
  agreementId: string;
  agreementVersion: number;
  partnerId: string;
  role: string;
  sequence: number;
  recordCount: number;
  createdAt: string;
  destroyBy: string;
  /** District: the file name written; partner: null. */
  fileName: string | null;
  /** Partner: when its records were purged (destruction), else null. District: when a destruction certificate was recorded. */
  destroyedAt: string | null;
}

export interface PackageCheckResult {
  packageId: string;
  agreementId: string;
  agreementVersion: number;
  sequence: number;
  role: string;
  purpose: string;
  legalBasis: LegalBasis;
  recordCount: number;
  fields: string[];
  created: string;
  expires: string;
  destroyBy: string;
  signer: { subject: string; sha256: string; fingerprint: string };
  signingTime: string;
}

export interface PackageImportResult extends PackageCheckResult {
  revocationsApplied: number;
  rowsDeleted: number;
}

export interface PartnerRecordsPage {
  packageId: string;
  columns: { column: string; label: string }[];
  rows: { rowIndex: number; cells: string[] }[];
  total: number;
}

export interface DictionaryEntry {
  column: string;
  field: string;
  label: string;
  exhibitBCategory: string;
  exhibitBElement: string;
  transform: string;
  transformDescription: string;
  valueType: string;
  legalBasis: string;
}

export interface PartnerDictionary {
  packageId: string;
  agreementId: string;
  role: string;
  purpose: string;
  legalBasis: string;
  destroyBy: string;
  columns: DictionaryEntry[];
  notice: string;
}

export interface DestructionResult {
  destructionId: string;
  agreementId: string;
  packageIds: string[];
  rowsDeleted: number;
  path: string;
  certificateSha256: string;
}

/** A destruction certificate this partner workspace signed, as its screen lists it. */
export interface DestructionSummary {
  destructionId: string;
  agreementId: string;
  packageIds: string[];
  destroyedAt: string;
  signedBy: string;
  /** SHA-256 of the signed certificate (.p7s), hex and grouped for reading aloud to the district. */
  certificateSha256: string;
  fingerprint: string;
}

/**
 * One signed destruction certificate, as the Destruction certificates screen lists it: its id,
 * and the agreement and day that name its file (the services refuse a pair that does not match).
 */
export const DestructionTarget = z.object({
  destructionId: id,
  agreementId: id,
  destroyedOn: z.string().refine(isIsoDate, 'a date as yyyy-mm-dd'),
});
export type DestructionTarget = z.infer<typeof DestructionTarget>;

/** What saving a certificate again did: the file written, or nothing when the dialog was cancelled. */
export type DestructionSaveResult =
  | { saved: true; filePath: string; fileName: string; bytes: number; certificateSha256: string }
  | { saved: false };

export interface DestructionImportResult {
  destructionId: string;
  agreementId: string;
  partnerId: string;
  packageIds: string[];
  destroyedOn: string;
  signedBy: string;
}

export const packagesApi = {
  /** District: the signing and archive identities and every partner certificate; partner: its identity and pinned district certificates. */
  'identity-get': channel('Identities and certificates of this store, with fingerprints and expiry flags.', z.object({})).returns<IdentityOverview>(),
  /**
   * Creates the store's identity (RSA-3072 + X.509): district signing (default) or archive; in a
   * partner workspace, the partner identity. Refused when one exists unless `replace`.
   */
  'identity-create': channel('Create the signing (district) or recipient (partner) identity.', z.object({
    kind: z.enum(['signing', 'archive']).default('signing'),
    organization: z.string().trim().min(1).max(64).optional(),
    replace: z.boolean().default(false),
  })).returns<CertificateView>(),
  /** The store's certificate as PEM, to send to the other party (never the key). */
  'identity-export-cert': channel('The identity certificate as PEM text.', z.object({ kind: z.enum(['signing', 'archive']).default('signing') })).returns<{ pem: string; fileName: string; fingerprint: string }>(),
  /**
   * District: attaches a partner's certificate after the steward typed the fingerprint the
   * partner read aloud; a mismatch is refused and nothing is attached.
   */
  'partner-certificate-attach': channel('Attach a partner certificate after confirming its fingerprint.', z.object({ partnerId: id, certPem: pem, fingerprint: z.string().min(1).max(200) })).returns<PartnerCertificateView>(),
  /** Partner: pins the district's certificate after confirming its fingerprint. */
  'district-certificate-pin': channel('Trust a district certificate after confirming its fingerprint.', z.object({ certPem: pem, fingerprint: z.string().min(1).max(200) })).returns<PinnedCertificateView>(),
  /**
   * District: writes a signed, encrypted package for one role of an approved, active agreement
   * version, records the disclosures in the same transaction, and reports progress as
   * 'export-progress' events with `taskId`.
   */
  'package-export': channel('Export a package for one role of an active agreement version.', z.object({
    agreementId: id,
    version: z.number().int().min(1),
    roleId: z.string().min(1).max(60),
    destination: filePath,
    taskId: z.string().min(1).max(100).optional(),
  })).returns<PackageExportResult>(),
  /** Packages sent (district) or received (partner), newest first. */
  'packages-list': channel('Packages sent or received.', z.object({ agreementId: id.optional() })).returns<PackageSummary[]>(),
  /** Partner: every import check, nothing imported or written. */
  'package-verify': channel('Check a package without importing it.', z.object({ filePath })).returns<PackageCheckResult>(),
  /** Partner: every check, then the records, revocations and destroy-by date land in one transaction. */
  'package-import': channel('Import a package into the partner workspace.', z.object({ filePath })).returns<PackageImportResult>(),
  /**
   * Partner: a page of a package's records (its role's columns only). Every page with rows is an
   * audited view (who, which package, which columns, how many rows; never a value); `limit: 0`
   * gives the columns alone, without reading or logging a record.
   */
  'partner-records-list': channel('A page of received records.', z.object({ packageId: id, offset: z.number().int().min(0), limit: z.number().int().min(0).max(1000) })).returns<PartnerRecordsPage>(),
  /** Partner: dictionary.json and notice.txt of a package. */
  'partner-dictionary-get': channel('The data dictionary and notice of a received package.', z.object({ packageId: id })).returns<PartnerDictionary>(),
  /** Partner: destroys every record received under an agreement now and writes the signed destruction certificate to `filePath`. */
  'destruction-certificate-create': channel('Destroy an agreement\'s records and write the signed destruction certificate.', z.object({
    agreementId: id,
    signedBy: z.string().trim().min(1).max(200),
    title: z.string().trim().max(200).default(''),
    filePath,
  })).returns<DestructionResult>(),
  /** Partner: the destruction certificates this workspace signed, newest first. */
  'destructions-list': channel('Destruction certificates signed in this workspace.', z.object({})).returns<DestructionSummary[]>(),
  /**
   * Partner: writes a signed destruction certificate again, byte for byte the file signed when the
   * records were destroyed, to the file the user chooses: the shell (main/electron, or the e2e
   * harness) shows the save dialog and sets `filePath`; whatever path the window sends is replaced.
   */
  'destruction-certificate-save': channel('Save a signed destruction certificate again, to the file chosen in the save dialog.', DestructionTarget.extend({ filePath: filePath.optional() })).returns<DestructionSaveResult>(),
  /** District: verifies a partner's destruction certificate and marks those packages' disclosures destroyed. */
  'destruction-import': channel('Record a partner\'s signed destruction certificate.', z.object({ filePath })).returns<DestructionImportResult>(),
};
