import { z } from 'zod';
import { channel } from './channel';
import { isIsoDate } from '../util/dates';
import { consentMethods, revocationReasons, type ConsentRecord } from '../consent/record';
import type { ConsentReason } from '../consent/rules';
import type { DirectoryDesignation } from '../consent/types';
import type { ExhibitBCategory } from '../catalog/exhibit-b';
import type { FieldId } from '../catalog/types';

const isoDate = z.string().refine(isIsoDate, 'must be a date written yyyy-mm-dd');
const id = z.string().min(1).max(200);
const page = { offset: z.number().int().min(0), limit: z.number().int().min(1).max(1000) };

/** A file sent from the renderer: its name and its bytes as base64 (JSON-safe across every bridge). 25 MB at most. */
export const UploadedFile = z.object({
  fileName: z.string().min(1).max(255),
  contentBase64: z.string().max(35_000_000).regex(/^[A-Za-z0-9+/=\s]*$/, 'must be base64'),
});
export type UploadedFile = z.infer<typeof UploadedFile>;

/** A consent decision to record (34 CFR 99.30). The service checks it against the store before anything is written. */
export const ConsentInput = z.object({
  studentId: id,
  signerRole: z.enum(['parent', 'eligible-student']),
  /** The guardian on record who signed; omit (null) when the eligible student signed. */
  guardianId: id.nullable().default(null),
  partnerId: id,
  agreementId: id.nullable().default(null),
  /** Purpose code; when an agreement is named, omit it to use the agreement's purpose code. */
  purpose: z.string().max(80).optional(),
  /** Itemised catalog field ids; when an agreement is named, omit to take every field its roles receive. */
  fields: z.array(z.string().max(100)).max(200).optional(),
  status: z.enum(['granted', 'declined', 'revoked']).default('granted'),
  signedOn: z.string().max(20),
  expiresOn: z.string().max(20).nullable().default(null),
  revokedOn: z.string().max(20).nullable().default(null),
  revocationReason: z.enum(revocationReasons as [string, ...string[]]).nullable().default(null),
  method: z.enum(consentMethods as [string, ...string[]]),
  esignAuthentication: z.string().max(500).nullable().default(null),
  evidence: UploadedFile.nullable(),
});
export type ConsentInput = z.input<typeof ConsentInput>;

/** What a consent means today, for badges in the list. */
export type ConsentState = 'in-force' | 'not-yet' | 'declined' | 'revoked' | 'expired' | 'lapsed-at-18' | 'signer-not-eligible';

/** One row of the consents grid (per student or per agreement). Names are for the screen only. */
export interface ConsentListRow extends ConsentRecord {
  studentLocalId: string;
  studentFirstName: string;
  studentLastName: string;
  partnerName: string;
  state: ConsentState;
}

export const ConsentListQuery = z.object({
  ...page,
  studentId: id.optional(),
  partnerId: id.optional(),
  agreementId: id.optional(),
  status: z.enum(['granted', 'declined', 'revoked']).optional(),
});
export type ConsentListQuery = z.infer<typeof ConsentListQuery>;

export interface ConsentPage {
  rows: ConsentListRow[];
  total: number;
}

export const ConsentRevokeArgs = z.object({
  consentId: id,
  revokedOn: isoDate,
  reason: z.enum(revocationReasons as [string, ...string[]]),
});

/** One problem on one line of an imported CSV (line 1 is the header). */
export interface ImportIssue {
  line: number;
  column: string;
  code: string;
  message: string;
}

export const ConsentImportArgs = z.object({
  fileName: z.string().min(1).max(255),
  csvText: z.string().max(50_000_000),
  /** The evidence files the CSV's evidence_file column names. */
  evidenceFiles: z.array(UploadedFile).max(5000).default([]),
  /** all-or-nothing (default): store nothing unless every line is valid. valid-lines-only: store the valid lines, report the skipped ones. */
  mode: z.enum(['all-or-nothing', 'valid-lines-only']).default('all-or-nothing'),
  /** Check and report without storing anything. */
  dryRun: z.boolean().default(false),
});

export interface ConsentImportReport {
  fileName: string;
  mode: 'all-or-nothing' | 'valid-lines-only';
  dryRun: boolean;
  /** Data lines read (the header not counted). */
  lines: number;
  stored: number;
  /** Lines not stored, each with every problem found on it. */
  skipped: { line: number; issues: ImportIssue[] }[];
  issues: ImportIssue[];
  /** Ids of the consents created, in file order. */
  consentIds: string[];
}

/** Coverage filters: who the grid shows. */
export const coverageFilters = ['all', 'complete', 'partial', 'missing', 'needs-form', 'expiring', 'turned-18', 'declined', 'revoked'] as const;
export type CoverageFilter = (typeof coverageFilters)[number];

export const CoverageQuery = z.object({
  ...page,
  agreementId: id,
  /** The date coverage is judged on (default: today). */
  asOf: isoDate.optional(),
  /** "Expiring soon" window. */
  expiringWithinDays: z.number().int().min(1).max(366).default(30),
  filter: z.enum(coverageFilters).default('all'),
  /** Only students missing this field. */
  field: z.string().max(100).optional(),
  schoolId: id.optional(),
  grade: z.string().max(10).optional(),
  search: z.string().max(100).optional(),
});
export type CoverageQuery = z.input<typeof CoverageQuery>;

export type CoverageState = 'complete' | 'partial' | 'missing';

/** One student in the agreement's scope and where their consent stands. */
export interface CoverageRow {
  studentId: string;
  localId: string;
  firstName: string;
  lastName: string;
  grade: string;
  schoolId: string;
  state: CoverageState;
  coveredFields: FieldId[];
  missingFields: FieldId[];
  /** Why the missing fields are missing (the first, for the grid). */
  reason: ConsentReason | null;
  /** The consent in force (latest), if any. */
  consentId: string | null;
  /** The day the current coverage stops, and why (expiry, revocation, 18th birthday). */
  lastDay: string | null;
  lastDayWhy: 'expires' | 'revoked' | 'turns-18' | null;
  expiringSoon: boolean;
  /** The student is 18 on the as-of date and a parent's consent no longer counts. */
  turned18: boolean;
  /** Who must sign the next form. */
  signer: 'parent' | 'eligible-student';
  needsForm: boolean;
}

export interface FieldCoverage {
  field: FieldId;
  label: string;
  category: ExhibitBCategory;
  covered: number;
  missing: number;
}

export interface CoverageReport {
  agreementId: string;
  asOf: string;
  /** Fields that flow to this partner only with consent (every granted field under a consent basis, else the restricted ones). */
  consentFields: FieldId[];
  summary: { inScope: number; complete: number; partial: number; missing: number; needsForm: number; expiring: number; turned18: number; declined: number; revoked: number };
  perField: FieldCoverage[];
  rows: CoverageRow[];
  /** Rows matching the filter, for the grid's scroll bar. */
  total: number;
}

export const NeedsFormExportArgs = z.object({
  agreementId: id,
  asOf: isoDate.optional(),
  expiringWithinDays: z.number().int().min(1).max(366).default(30),
});

export const ConsentFormArgs = z.object({
  agreementId: id,
  language: z.enum(['en', 'es']),
  /** One form per student (one page each); omit for the students who still need a form; [] for one blank form. */
  studentIds: z.array(id).max(20_000).optional(),
});

export interface ConsentFormResult {
  html: string;
  pages: number;
  language: 'en' | 'es';
}

export interface OptOutRow {
  id: string;
  studentId: string;
  studentLocalId: string;
  studentFirstName: string;
  studentLastName: string;
  /** `inactive`: the student left; the opt-out still holds (99.37(b)). */
  studentStatus: string;
  requestedOn: string;
  requestedBy: 'parent' | 'eligible-student';
  recordedAt: string;
  recordedBy: string;
  removedOn: string | null;
}

export const OptOutListQuery = z.object({
  ...page,
  includeRemoved: z.boolean().default(false),
  search: z.string().max(100).optional(),
});

export interface OptOutPage {
  rows: OptOutRow[];
  total: number;
}

export const OptOutAddArgs = z.object({
  studentId: id,
  requestedOn: isoDate,
  requestedBy: z.enum(['parent', 'eligible-student']),
});

export const OptOutRemoveArgs = z.object({
  studentId: id,
  removedOn: isoDate,
});

export interface DirectoryView {
  designation: DirectoryDesignation;
  designatedAt: string | null;
  designatedBy: string | null;
  /** Catalog fields the district may designate (99.3), for the picker. */
  eligibleFields: { id: FieldId; label: string; category: ExhibitBCategory }[];
  activeOptOuts: number;
}

export const DirectoryDesignateArgs = z.object({
  fields: z.array(z.string().max(100)).max(100),
  /** The date of the annual public notice; null while the notice is not given (nothing flows as directory information). */
  noticeDate: isoDate.nullable(),
});

/** One student as the consent screens see them: who may sign today, and the directory opt-out. */
export interface ConsentStudentView {
  /** The services' today, so dialogs default to the date the services will check against. */
  today: string;
  student: { id: string; localId: string; firstName: string; lastName: string; grade: string; schoolName: string | null; birthDate: string | null; status: string; age: number | null; eighteenOn: string | null; eligible: boolean };
  /** The guardians on record (parents may sign until the student turns 18). */
  guardians: { id: string; firstName: string; lastName: string; relationship: string; isPrimary: boolean }[];
  optOut: { requestedOn: string; requestedBy: 'parent' | 'eligible-student' } | null;
}

/** Who may sign for a student today, for the record dialog's signer picker. */
export interface ConsentSigners {
  studentId: string;
  localId: string;
  firstName: string;
  lastName: string;
  birthDate: string | null;
  /** 18 or older today: the student signs (34 CFR 99.5(a)); a parent may not. */
  eligibleStudent: boolean;
  guardians: { guardianId: string; firstName: string; lastName: string; relationship: string; isPrimary: boolean }[];
}

/** What a consent under an agreement covers by default: its recipient, purpose code and every field its roles receive. */
export interface ConsentDefaults {
  agreementId: string;
  partnerId: string;
  purposeCode: string;
  purpose: string;
  fields: { id: FieldId; label: string; category: ExhibitBCategory; element: string; roles: string[]; needsConsent: boolean }[];
}

export const consentsApi = {
  'consents-list': channel('A page of consent records, filtered by student, partner, agreement or status.', ConsentListQuery).returns<ConsentPage>(),
  'consent-student': channel('A student\'s facts for the consent screens: guardians on record who may sign, age and 18th birthday, directory opt-out.', z.object({ studentId: id })).returns<ConsentStudentView>(),
  'consent-signers': channel('The guardians on record who may sign for a student, and whether the student signs for themself.', z.object({ studentId: id })).returns<ConsentSigners>(),
  'consent-defaults': channel('The recipient, purpose code and itemised fields a consent under an agreement covers by default.', z.object({ agreementId: id })).returns<ConsentDefaults>(),
  'consent-get': channel('One consent record with its state today.', z.object({ consentId: id })).returns<ConsentListRow>(),
  'consent-record': channel('Records a signed (or declined) consent with its evidence file; refused with every problem when not a valid 99.30 consent.', ConsentInput).returns<ConsentListRow>(),
  'consent-revoke': channel('Revokes a granted consent from a date; the student drops out of later previews and exports.', ConsentRevokeArgs).returns<ConsentListRow>(),
  'consent-evidence-get': channel('The signed form of a consent (audited as a view).', z.object({ consentId: id })).returns<{ fileName: string; mediaType: string; sha256: string; contentBase64: string }>(),
  'consent-import': channel('Imports consent decisions from a forms-system CSV, all-or-nothing or valid lines only, with a line-level report.', ConsentImportArgs).returns<ConsentImportReport>(),
  'consent-coverage': channel('Consent coverage of an agreement\'s students: summary, per field, and a filtered page of students.', CoverageQuery).returns<CoverageReport>(),
  'consent-needs-form-export': channel('CSV of the agreement\'s students who still need a consent form (audited export).', NeedsFormExportArgs).returns<{ fileName: string; csv: string; count: number }>(),
  'consent-form': channel('Printable consent request forms (HTML) for an agreement, in English or Spanish, per student or blank.', ConsentFormArgs).returns<ConsentFormResult>(),
  'optouts-list': channel('Directory-information opt-outs, including students who left.', OptOutListQuery).returns<OptOutPage>(),
  'optout-add': channel('Records a directory-information opt-out (99.37(a)(2)).', OptOutAddArgs).returns<OptOutRow>(),
  'optout-remove': channel('Ends a directory-information opt-out at the parent\'s request.', OptOutRemoveArgs).returns<OptOutRow>(),
  'directory-get': channel('The directory-information designation in force and the fields that may be designated.', z.object({})).returns<DirectoryView>(),
  'directory-designate': channel('Records the district\'s directory-information designation and its notice date (99.37(a)(1)).', DirectoryDesignateArgs).returns<DirectoryView>(),
};
