import { z } from 'zod';
import { channel } from './channel';
import { isIsoDate } from '../util/dates';
import type { AgreementStatus, LegalBasis } from '../agreement/types';
import type { ReasonCode } from '../policy/reasons';
import type { FieldDecisionSummary, ReasonCount } from '../policy/summary';
import type { Cell } from '../policy/types';
import type { TransformKind } from '../catalog/types';

const id = z.string().min(1).max(200);

/** What saving the preview as CSV did: the file written (path, name, rows, bytes), or nothing when the dialog was cancelled. */
export type PreviewSaveResult =
  | { saved: true; filePath: string; fileName: string; rows: number; bytes: number }
  | { saved: false };

/** The name the save dialog suggests: agreement, version, role, date (when known) and reviewer mode. */
export function previewCsvFileName(t: { agreementId: string; version: number; roleId: string; asOf?: string | undefined; reviewer?: boolean | undefined }): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'agreement';
  return `preview-${safe(t.agreementId)}-v${t.version}-${safe(t.roleId)}${t.asOf ? `-${t.asOf}` : ''}${t.reviewer ? '-reviewer' : ''}.csv`;
}

/**
 * What to preview: one agreement version, one role, one as-of date (default: today, moved into
 * the agreement's term when today is outside it). `reviewer: true` shows the same decisions over
 * synthetic values (no real PII) and ignores sorting (real values would order the rows).
 */
export const PreviewTarget = z.object({
  agreementId: id,
  version: z.number().int().min(1),
  roleId: z.string().min(1).max(60),
  asOf: z.string().refine(isIsoDate, 'must be a date written yyyy-mm-dd').optional(),
  reviewer: z.boolean().default(false),
});
export type PreviewTarget = z.input<typeof PreviewTarget>;

export interface PreviewSummary {
  agreementId: string;
  version: number;
  roleId: string;
  roleLabel: string;
  status: AgreementStatus;
  legalBasis: LegalBasis;
  asOf: string;
  reviewer: boolean;
  /** False for a draft/in-review preview (see notInForce) or when every student is excluded by status/term. */
  inForce: boolean;
  notInForce: { code: ReasonCode; label: string; citation: string } | null;
  /** The granted columns, each with its decision and how many cells flow. */
  fields: FieldDecisionSummary[];
  /** Catalog fields not granted to this role (default deny), for "why is X not here?". */
  notGranted: { field: string; label: string; reason: 'NOT_GRANTED' }[];
  /** Students considered (enrolled in scope programs, or in scope schools), included, and excluded by reason. */
  considered: number;
  included: number;
  excluded: ReasonCount[];
}

export interface PreviewColumn {
  column: string;
  field: string;
  label: string;
  transform: TransformKind;
  restricted: boolean;
}

export interface PreviewRow {
  /** Position in the whole (sorted) preview, 0-based. */
  rowIndex: number;
  /** The student's id; absent in reviewer mode. */
  studentId?: string;
  /** One per column: the value shown (transformed), or withheld with its reason code. */
  cells: Cell[];
}

export interface PreviewPage {
  columns: PreviewColumn[];
  rows: PreviewRow[];
  total: number;
  inForce: boolean;
}

export interface PreviewComparison {
  a: { version: number; roleId: string; included: number };
  b: { version: number; roleId: string; included: number };
  /** Every column of either side: present where, with its decision on each side. */
  columns: {
    field: string;
    label: string;
    a: { column: string; transform: TransformKind; decision: FieldDecisionSummary['decision']; disclosedCount: number } | null;
    b: { column: string; transform: TransformKind; decision: FieldDecisionSummary['decision']; disclosedCount: number } | null;
    change: 'added' | 'removed' | 'transform-changed' | 'decision-changed' | 'same';
  }[];
  students: { onlyA: number; onlyB: number; both: number };
  /** Exclusion counts side by side. */
  excluded: { code: ReasonCode; label: string; a: number; b: number }[];
}

export const previewSortDirections = ['asc', 'desc'] as const;

export const previewApi = {
  /** The field list with decisions, and counts of students included and excluded by reason. */
  'preview-summary': channel('Field decisions and inclusion counts for one role of one version.', PreviewTarget).returns<PreviewSummary>(),
  /**
   * A page of preview rows: each cell's value or its withheld reason. Sorted by a column's
   * disclosed value when asked (withheld cells sort first). Viewing real restricted values is audited.
   */
  'preview-rows': channel('A page of preview rows.', PreviewTarget.extend({
    offset: z.number().int().min(0),
    limit: z.number().int().min(1).max(1000),
    sort: z.object({ column: z.string().min(1).max(200), direction: z.enum(previewSortDirections) }).optional(),
  })).returns<PreviewPage>(),
  /** Role versus role, or version versus version: columns and students that differ. */
  'preview-compare': channel('Compare two previews (role vs role, version vs version).', z.object({ a: PreviewTarget, b: PreviewTarget })).returns<PreviewComparison>(),
  /**
   * Saves the preview as CSV to a file the user chooses: the shell (main/electron, or the e2e
   * harness) shows the save dialog and sets `filePath`; whatever path the window sends is
   * replaced. The services write the file straight from the record stream (the same serialiser
   * as the package's records.csv, byte for byte) through a temporary file renamed on success, and
   * reply with a summary only. Audited.
   */
  'preview-save-csv': channel('Save the preview as CSV to the file chosen in the save dialog (same bytes as the package records.csv).', PreviewTarget.extend({ filePath: z.string().min(1).max(4096).optional() })).returns<PreviewSaveResult>(),
};
