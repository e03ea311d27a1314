import { z } from 'zod';
import { channel } from './channel';
import { isIsoDate } from '../util/dates';
import type { DestructionState, StudentDisclosureHistory } from '../disclosures/types';
import type { LegalBasis } from '../agreement/types';
import type { AuditEntryKind } from '../audit/describe';

const isoDate = z.string().refine(isIsoDate, 'must be a date written yyyy-mm-dd');
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits (a SHA-256)');
const page = { offset: z.number().int().min(0), limit: z.number().int().min(1).max(1000) };

/** Filters of the audit grid. SQL filters, sorts and pages; dates are UTC days, both ends included. */
export const AuditQuery = z.object({
  ...page,
  actor: z.string().max(200).optional(),
  /** Exact action (`package.export`), or a noun to match all its verbs (`package`). */
  action: z.string().max(100).optional(),
  objectType: z.string().max(100).optional(),
  objectId: z.string().max(200).optional(),
  /** Entries about this student: their object, or naming them in the summary (`studentId`, `studentIds`). */
  studentId: z.string().max(200).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  order: z.enum(['newest', 'oldest']).default('newest'),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/** One audit row, with its summary parsed and described in plain words for the grid. */
export interface AuditListRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  objectType: string;
  objectId: string | null;
  summary: Record<string, unknown>;
  /** One plain-words line, e.g. "Viewed restricted fields IEP, Disability category of 3 students". */
  description: string;
  /** For the grid's icon/colour: views of restricted fields stand out. */
  kind: AuditEntryKind;
}

export interface AuditPage {
  rows: AuditListRow[];
  total: number;
}

/** Distinct values for the grid's filter drop-downs. */
export interface AuditFacets {
  actors: string[];
  actions: string[];
  objectTypes: string[];
}

/**
 * Where the chain first breaks. `seq` is the first bad position: the first missing row, the first
 * inserted one, the edited one, or the first reordered one.
 */
export interface AuditBreak {
  seq: number;
  kind: 'missing' | 'altered' | 'inserted' | 'reordered' | 'broken-link' | 'anchor-mismatch';
  message: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  /** Rows read. */
  checked: number;
  /** The last row: note `seq:hash` somewhere safe and pass it as `anchor` later to detect truncation. */
  head: { seq: number; hash: string } | null;
  firstBad: AuditBreak | null;
  /** The triggers that refuse UPDATE/DELETE of audit rows; missing ones mean the schema was changed. */
  guards: { intact: boolean; missing: string[] };
  millis: number;
}

export const AuditVerifyArgs = z.object({
  /** A head noted earlier (`seq` and `hash`): the row must still be there, unchanged. */
  anchor: z.object({ seq: z.number().int().min(1), hash: sha256Hex }).optional(),
});

/** Filters of the disclosures grid (one row per student per package). */
export const DisclosureQuery = z.object({
  ...page,
  studentId: z.string().max(200).optional(),
  partnerId: z.string().max(200).optional(),
  agreementId: z.string().max(200).optional(),
  packageId: z.string().max(200).optional(),
  /** Disclosure date range, both ends included. */
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type DisclosureQuery = z.infer<typeof DisclosureQuery>;

export interface DisclosureListRow {
  packageId: string;
  studentId: string;
  studentLocalId: string | null;
  studentName: string | null;
  partnerId: string;
  partnerName: string;
  agreementId: string;
  agreementVersion: number;
  role: string;
  legalBasis: LegalBasis;
  disclosedOn: string;
  destroyBy: string;
  fieldCount: number;
  requiredBy9932: boolean;
  /** The package carried IDEA-covered fields (300.614). */
  ideaCovered: boolean;
  destructionState: DestructionState;
}

export interface DisclosurePage {
  rows: DisclosureListRow[];
  total: number;
}

export const reportLanguages = ['en', 'es'] as const;
export type ReportLanguage = (typeof reportLanguages)[number];

/** A generated document, ready to show in a sandboxed frame or save. */
export interface ReportDocument {
  content: string;
  fileName: string;
  mimeType: 'text/html' | 'text/csv';
}

export const auditApi = {
  'audit-list': channel('A page of the audit log, filtered by actor, action, object, student and date, newest first.', AuditQuery).returns<AuditPage>(),
  'audit-facets': channel('The actors, actions and object types in the audit log, for filter drop-downs.', z.object({})).returns<AuditFacets>(),
  'audit-verify': channel('Walks the hash chain and names the first bad row (edited, deleted, inserted or reordered).', AuditVerifyArgs).returns<AuditVerifyResult>(),
  'disclosures-list': channel('A page of disclosure records (one per student per package), filtered by student, partner and date.', DisclosureQuery).returns<DisclosurePage>(),
  'disclosure-history': channel("One student's disclosures: who received which data, when, why, until when, and whether it was destroyed.", z.object({ studentId: z.string().min(1).max(200) })).returns<StudentDisclosureHistory>(),
  'disclosure-report': channel("The printable parent report of one student's disclosures, as HTML, in English or Spanish (logged in the audit).", z.object({ studentId: z.string().min(1).max(200), lang: z.enum(reportLanguages).default('en') })).returns<ReportDocument>(),
  'transparency-report': channel('The district transparency report (Illinois SOPPA list): partners, purposes, bases, data categories, terms and destroy-by dates.', z.object({ format: z.enum(['html', 'csv']).default('html'), asOf: isoDate.optional() })).returns<ReportDocument>(),
};
