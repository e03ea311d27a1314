import type { ServiceContext } from './context';
import { appendAudit } from './audit-log';
import { inTransaction } from '../db/sql';
import { parseCsvText, CsvTextError } from './csv-text';
import { completeDraft, consentFacts, insertConsent, type RecordConsentInput } from './consents-service';
import type { EvidenceUpload } from './consent-evidence';
import type { ConsentImportReport, ImportIssue } from '../../shared/api/consents-api';
import type { ConsentDraft } from '../../shared/consent/record';
import type { ConsentFacts } from '../../shared/consent/validate';
import { validateConsentDraft } from '../../shared/consent/validate';
import { columnOfDraftField, parseLine, readHeader, type ParsedLine } from '../../shared/consent/import-columns';

export interface ConsentImportInput {
  fileName: string;
  csvText: string;
  mode: 'all-or-nothing' | 'valid-lines-only';
  dryRun: boolean;
  /** The bytes of an evidence file named in the CSV, or null when there is no such file. */
  evidence(name: string): Uint8Array | null;
}

interface CheckedLine {
  line: number;
  issues: ImportIssue[];
  ready?: { draft: ConsentDraft; upload: EvidenceUpload; facts: ConsentFacts };
}

/** Resolves local_id to the student's id (forms systems often know only the student number). */
function studentIdOf(ctx: ServiceContext, p: ParsedLine): string | null {
  if (p.studentId) return p.studentId;
  return (ctx.db.prepare('SELECT id FROM students WHERE local_id = ?').pluck().get(p.localId) as string | undefined) ?? null;
}

/** A decision already in the store (same student, partner, agreement, purpose, decision, date and evidence): a re-run of the same file. */
function alreadyStored(ctx: ServiceContext, d: ConsentDraft): boolean {
  return ctx.db
    .prepare(
      `SELECT 1 FROM consents c JOIN consent_evidence e ON e.id = c.evidence_id
        WHERE c.student_id = ? AND c.partner_id = ? AND c.agreement_id IS ? AND c.purpose = ? AND c.status = ? AND c.signed_on = ? AND e.sha256 = ?`,
    )
    .get(d.studentId, d.partnerId, d.agreementId, d.purpose, d.status, d.signedOn, d.evidence!.sha256) !== undefined;
}

function checkLine(ctx: ServiceContext, input: ConsentImportInput, lineNo: number, p: ParsedLine, seen: Map<string, number>): CheckedLine {
  const issues: ImportIssue[] = [];
  const studentId = studentIdOf(ctx, p);
  if (!studentId) issues.push({ line: lineNo, column: 'local_id', code: 'UNKNOWN_STUDENT', message: `No student with local id '${(p.localId ?? '').slice(0, 40)}'.` });
  const bytes = p.evidenceFile ? input.evidence(p.evidenceFile) : null;
  if (p.evidenceFile && !bytes) issues.push({ line: lineNo, column: 'evidence_file', code: 'MISSING_EVIDENCE', message: `Evidence file '${p.evidenceFile.slice(0, 80)}' was not found in the evidence folder.` });
  if (!studentId || !p.signerRole || !p.status || !p.method) return { line: lineNo, issues };
  const upload = bytes ? { fileName: p.evidenceFile, bytes } : null;
  const record: RecordConsentInput = {
    studentId, signerRole: p.signerRole, guardianId: p.signerRole === 'parent' ? p.guardianId : null, partnerId: p.partnerId, agreementId: p.agreementId,
    purpose: p.purpose, fields: p.fields, status: p.status, signedOn: p.signedOn, expiresOn: p.expiresOn, revokedOn: p.revokedOn,
    revocationReason: p.status === 'revoked' ? (p.revocationReason ?? 'parent-request') : p.revocationReason, method: p.method,
    esignAuthentication: p.esignAuthentication, evidence: upload, source: `import:${input.fileName.slice(0, 200)}`,
  };
  if (p.signerRole === 'eligible-student' && p.guardianId) {
    issues.push({ line: lineNo, column: 'guardian_id', code: 'GUARDIAN_FOR_STUDENT_SIGNER', message: 'A consent signed by the eligible student names no guardian: leave guardian_id empty.' });
  }
  const facts = consentFacts(ctx, record);
  const draft = completeDraft(ctx, record, facts);
  for (const i of validateConsentDraft(draft, facts)) {
    if (i.code === 'MISSING_EVIDENCE' && p.evidenceFile) continue; // already reported as a missing file
    issues.push({ line: lineNo, column: columnOfDraftField[i.field] ?? i.field, code: i.code, message: i.message });
  }
  if (draft.evidence && p.evidenceSha256 && draft.evidence.sha256 !== p.evidenceSha256) {
    issues.push({ line: lineNo, column: 'evidence_sha256', code: 'EVIDENCE_HASH_MISMATCH', message: `Evidence file '${p.evidenceFile.slice(0, 80)}' does not match the SHA-256 in the file: it is not the form the forms system recorded.` });
  }
  if (issues.length === 0) {
    const key = [draft.studentId, draft.partnerId, draft.agreementId, draft.purpose, draft.status, draft.signedOn, draft.evidence!.sha256].join('|');
    const first = seen.get(key);
    if (first !== undefined) issues.push({ line: lineNo, column: 'student_id', code: 'DUPLICATE_LINE', message: `Same decision as line ${first}.` });
    else seen.set(key, lineNo);
    if (alreadyStored(ctx, draft)) issues.push({ line: lineNo, column: 'student_id', code: 'ALREADY_IMPORTED', message: 'This decision is already in the store (the file, or this line, was imported before).' });
  }
  return issues.length ? { line: lineNo, issues } : { line: lineNo, issues, ready: { draft, upload: upload!, facts } };
}

/**
 * Imports consent decisions from a forms-system CSV. Every line is checked against the store first
 * and reported with line, column and what is wrong (ids, never names). All-or-nothing (default):
 * nothing is stored unless every line is valid. Valid-lines-only: the valid lines are stored and
 * every skipped line is listed with its problems. The stored lines, their evidence and audit rows
 * land in one transaction.
 */
export function importConsents(ctx: ServiceContext, input: ConsentImportInput): ConsentImportReport {
  const report: ConsentImportReport = { fileName: input.fileName, mode: input.mode, dryRun: input.dryRun, lines: 0, stored: 0, skipped: [], issues: [], consentIds: [] };
  let records;
  try {
    records = parseCsvText(input.csvText);
  } catch (e) {
    if (!(e instanceof CsvTextError)) throw e;
    report.issues.push({ line: e.line, column: '', code: 'BAD_CSV', message: e.message });
    return report;
  }
  const [header, ...data] = records;
  if (!header) {
    report.issues.push({ line: 1, column: '', code: 'EMPTY_FILE', message: 'The file is empty: expected a header line and one line per consent decision.' });
    return report;
  }
  const { index, problems } = readHeader(header.fields);
  report.lines = data.length;
  if (problems.length) {
    report.issues.push(...problems.map((p) => ({ line: header.line, column: p.column, code: 'BAD_HEADER', message: p.message })));
    return report;
  }
  const seen = new Map<string, number>();
  const checked = data.map((rec) => {
    const { line, problems: lineProblems } = parseLine(rec.fields, index);
    const bad = lineProblems.map((p) => ({ line: rec.line, column: p.column, code: 'BAD_VALUE', message: p.message }));
    if (rec.fields.length !== header.fields.length) bad.push({ line: rec.line, column: '', code: 'COLUMN_COUNT', message: `Line has ${rec.fields.length} values; the header has ${header.fields.length}.` });
    if (bad.length) return { line: rec.line, issues: bad } as CheckedLine;
    return checkLine(ctx, input, rec.line, line, seen);
  });
  for (const c of checked) if (c.issues.length) report.skipped.push({ line: c.line, issues: c.issues });
  report.issues = report.skipped.flatMap((s) => s.issues);
  const storable = input.mode === 'all-or-nothing' && report.skipped.length > 0 ? [] : checked.filter((c) => c.ready);
  if (input.mode === 'all-or-nothing' && report.skipped.length > 0) {
    report.skipped = checked.map((c) => ({ line: c.line, issues: c.issues }));
  }
  if (input.dryRun || storable.length === 0) return report;
  inTransaction(ctx.db, () => {
    for (const c of storable) report.consentIds.push(insertConsent(ctx, c.ready!.draft, c.ready!.upload, c.ready!.facts, `import:${input.fileName.slice(0, 200)}`));
    appendAudit(ctx, {
      action: 'consent.import',
      objectType: 'consent-import',
      objectId: null,
      summary: { fileName: input.fileName.slice(0, 200), mode: input.mode, lines: report.lines, stored: storable.length, skippedLines: report.skipped.map((s) => s.line) },
    });
  });
  report.stored = storable.length;
  return report;
}
