import { writeSync } from 'node:fs';
import { basename } from 'node:path';
import type { ServiceContext } from './context';
import { appendAudit } from './audit-log';
import { renderAll, renderPositions, resolveEntry, rowOrder, type EngineTarget, type RenderedRow } from './preview-engine';
import { writeChosenFile } from './chosen-file';
import { inTransaction } from '../db/sql';
import { catalogFields } from '../../shared/catalog';
import { reasons, type ReasonCode } from '../../shared/policy/reasons';
import { reasonCounts, summariseFields, type FieldDecisionSummary } from '../../shared/policy/summary';
import { recordsCsvRow, recordsDictionary, recordsHeaderLine, type RecordsDictionary } from '../../shared/policy/records-csv';
import type { Cell, PolicyPlan } from '../../shared/policy/types';
import type { PreviewComparison, PreviewPage, PreviewSaveResult, PreviewSummary, PreviewTarget } from '../../shared/api/preview-api';

/**
 * The role preview, and the record stream the package export serialises. Both go through
 * preview-engine.ts and the policy engine, so a previewed row and an exported row are the same bytes.
 */
type Target = Omit<PreviewTarget, 'reviewer'> & { reviewer?: boolean | undefined };

const engineTarget = (t: Target): EngineTarget => ({ agreementId: t.agreementId, version: t.version, roleId: t.roleId, asOf: t.asOf, purpose: 'preview' });

/** The field list with decisions and the counts of students included and excluded by reason. */
export function previewSummary(ctx: ServiceContext, t: Target): PreviewSummary {
  const { entry, version, asOf } = resolveEntry(ctx, engineTarget(t));
  const { plan, inclusion } = entry;
  const granted = new Set(plan.columns.map((c) => c.field as string));
  const notInForce = plan.notInForce ?? plan.excludeAll;
  return {
    agreementId: plan.agreementId, version: plan.version, roleId: plan.roleId, roleLabel: plan.roleLabel,
    status: version.status, legalBasis: plan.basis, asOf, reviewer: t.reviewer ?? false,
    inForce: plan.inForce,
    notInForce: notInForce ? { code: notInForce, label: reasons[notInForce].label, citation: reasons[notInForce].citation } : null,
    fields: summariseFields(plan, inclusion),
    notGranted: catalogFields.filter((f) => !granted.has(f.id)).map((f) => ({ field: f.id, label: f.label, reason: 'NOT_GRANTED' as const })),
    considered: inclusion.considered, included: inclusion.ids.length, excluded: reasonCounts(inclusion.excluded),
  };
}

/** Real restricted values on screen are an access to be logged (IDEA 300.614 and district policy): ids and fields, never values. */
function auditRestrictedView(ctx: ServiceContext, plan: PolicyPlan, rows: RenderedRow[]): void {
  const restricted = plan.columns.map((c, i) => ({ c, i })).filter(({ c }) => c.restricted);
  if (restricted.length === 0) return;
  const fields = new Set<string>();
  const students: string[] = [];
  for (const r of rows) {
    const shown = restricted.filter(({ i }) => r.cells[i]!.state !== 'withheld');
    if (shown.length === 0) continue;
    students.push(r.studentId);
    for (const { c } of shown) fields.add(c.field);
  }
  if (students.length === 0) return;
  inTransaction(ctx.db, () => appendAudit(ctx, {
    action: 'restricted-fields.view', objectType: 'agreement', objectId: plan.agreementId,
    summary: { version: plan.version, roleId: plan.roleId, asOf: plan.asOf, fields: [...fields].sort(), studentIds: students },
  }));
}

/** A page of rows, each cell's value or its withheld reason; reviewer mode shows synthetic values. */
export function previewRows(ctx: ServiceContext, t: Target & { offset: number; limit: number; sort?: { column: string; direction: 'asc' | 'desc' } | undefined }): PreviewPage {
  const reviewer = t.reviewer ?? false;
  const { entry } = resolveEntry(ctx, engineTarget(t));
  // A reviewer's rows stay in the default order: sorting by real values would reveal their order.
  const order = reviewer ? null : rowOrder(ctx, entry, t.sort);
  const rows = renderPositions(ctx, entry, order, t.offset, t.offset + t.limit, reviewer);
  if (!reviewer) auditRestrictedView(ctx, entry.plan, rows);
  return {
    columns: entry.plan.columns.map((c) => ({ column: c.column, field: c.field, label: c.catalogField?.label ?? c.field, transform: c.transform, restricted: c.restricted })),
    rows: rows.map((r) => (reviewer ? { rowIndex: r.position, cells: r.cells } : { rowIndex: r.position, studentId: r.studentId, cells: r.cells })),
    total: entry.inclusion.ids.length,
    inForce: entry.plan.inForce,
  };
}

/** Role versus role, or version versus version: columns and students that differ. */
export function previewCompare(ctx: ServiceContext, q: { a: Target; b: Target }): PreviewComparison {
  const A = resolveEntry(ctx, engineTarget(q.a)).entry;
  const B = resolveEntry(ctx, engineTarget(q.b)).entry;
  const fa = summariseFields(A.plan, A.inclusion);
  const fb = summariseFields(B.plan, B.inclusion);
  const side = (f: FieldDecisionSummary | undefined) => (f ? { column: f.column, transform: f.transform, decision: f.decision, disclosedCount: f.disclosedCount } : null);
  const fields = [...new Set([...fa.map((f) => f.field), ...fb.map((f) => f.field)])];
  const columns = fields.map((field) => {
    const a = fa.find((f) => f.field === field);
    const b = fb.find((f) => f.field === field);
    const change: PreviewComparison['columns'][number]['change'] = !a ? 'added' : !b ? 'removed' : a.transform !== b.transform ? 'transform-changed'
      : a.decision !== b.decision || a.disclosedCount !== b.disclosedCount ? 'decision-changed' : 'same';
    return { field, label: (a ?? b)!.label, a: side(a), b: side(b), change };
  });
  const inA = new Set(A.inclusion.ids);
  let both = 0;
  for (const id of B.inclusion.ids) if (inA.has(id)) both++;
  const codes = [...new Set([...Object.keys(A.inclusion.excluded), ...Object.keys(B.inclusion.excluded)])] as ReasonCode[];
  return {
    a: { version: A.plan.version, roleId: A.plan.roleId, included: A.inclusion.ids.length },
    b: { version: B.plan.version, roleId: B.plan.roleId, included: B.inclusion.ids.length },
    columns,
    students: { onlyA: A.inclusion.ids.length - both, onlyB: B.inclusion.ids.length - both, both },
    excluded: codes.sort().map((code) => ({ code, label: reasons[code].label, a: A.inclusion.excluded[code] ?? 0, b: B.inclusion.excluded[code] ?? 0 })),
  };
}

export interface RecordBatch {
  /** The students of this batch, in row order (for disclosure records). */
  studentIds: string[];
  rows: Cell[][];
  /** The batch's records.csv lines (no header). */
  csv: string;
}

/** What the package export needs: the plan, dictionary.json, the header line, the count, and the rows in batches. */
export interface RecordsStream {
  plan: PolicyPlan;
  dictionary: RecordsDictionary;
  headerLine: string;
  recordCount: number;
  batches(batchSize?: number): Generator<RecordBatch>;
}

/**
 * Opens the record stream of one role of one version on one date. `purpose: 'disclose'` (the
 * export) yields nothing unless the version is approved or active and in term; `'preview'` also
 * renders drafts (marked not in force). Rows come in batches, values loaded per batch, so 500,000
 * rows stream in flat memory.
 */
export function openRecords(ctx: ServiceContext, t: EngineTarget & { reviewer?: boolean }): RecordsStream {
  const { entry } = resolveEntry(ctx, t);
  const reviewer = t.reviewer ?? false;
  return {
    plan: entry.plan,
    dictionary: recordsDictionary(entry.plan),
    headerLine: recordsHeaderLine(entry.plan),
    recordCount: entry.inclusion.ids.length,
    *batches(batchSize = 2000) {
      for (const rows of renderAll(ctx, entry, reviewer, batchSize)) {
        yield { studentIds: rows.map((r) => r.studentId), rows: rows.map((r) => r.cells), csv: rows.map((r) => recordsCsvRow(r.cells)).join('') };
      }
    },
  };
}

/** records.csv as text chunks: the header, then one chunk per batch (the package export streams these). */
export function* previewRecords(ctx: ServiceContext, t: EngineTarget & { reviewer?: boolean }, batchSize = 2000): Generator<string> {
  const stream = openRecords(ctx, t);
  yield stream.headerLine;
  for (const b of stream.batches(batchSize)) yield b.csv;
}

/**
 * Saves the preview as CSV to the file the user chose (the shell's save dialog sets `filePath`):
 * the same bytes records.csv would hold, written batch by batch so 500,000 rows stream in flat
 * memory and nothing but a summary goes back to the window. The rows go to a temporary file next
 * to it, renamed over the chosen name only once complete; on any failure the temporary file is
 * removed and the audit row rolled back, so nothing half-written is left. Audited.
 */
export function savePreviewCsv(ctx: ServiceContext, t: Target & { filePath?: string | undefined }): PreviewSaveResult & { saved: true } {
  const { filePath, written } = writeChosenFile(ctx, t.filePath, 'the CSV', (fd) => {
    const stream = openRecords(ctx, { ...engineTarget(t), reviewer: t.reviewer ?? false });
    let bytes = writeSync(fd, stream.headerLine);
    let rows = 0;
    for (const b of stream.batches()) {
      bytes += writeSync(fd, b.csv);
      rows += b.rows.length;
    }
    return { bytes, rows, plan: stream.plan };
  }, ({ rows, plan }) => {
    appendAudit(ctx, { action: 'preview.export-csv', objectType: 'agreement', objectId: t.agreementId, summary: { version: t.version, roleId: t.roleId, asOf: plan.asOf, reviewer: t.reviewer ?? false, rows, columns: plan.columns.map((c) => c.column) } });
  });
  return { saved: true, filePath, fileName: basename(filePath), rows: written.rows, bytes: written.bytes };
}
