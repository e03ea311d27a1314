import { consentMethods, revocationReasons, type ConsentMethod, type RevocationReason } from './record';
import type { ConsentGrant } from './types';

/**
 * The consent-decision CSV a forms system exports (documented in docs/consent-import.md).
 * Header names are matched case-insensitively; column order is free; unknown columns are refused
 * (a typo must not silently drop a value).
 */
export const importColumns = [
  'student_id', 'local_id', 'signer_role', 'guardian_id', 'partner_id', 'agreement_id', 'purpose', 'fields', 'decision',
  'signed_on', 'expires_on', 'revoked_on', 'revocation_reason', 'method', 'esign_authentication', 'evidence_file', 'evidence_sha256',
] as const;
export type ImportColumn = (typeof importColumns)[number];

export const requiredColumns: ImportColumn[] = ['signer_role', 'partner_id', 'decision', 'signed_on', 'method', 'evidence_file'];

/** Which CSV column holds each draft field, for the line-level report. */
export const columnOfDraftField: Record<string, ImportColumn> = {
  studentId: 'student_id', signerRole: 'signer_role', guardianId: 'guardian_id', partnerId: 'partner_id', agreementId: 'agreement_id',
  purpose: 'purpose', fields: 'fields', status: 'decision', signedOn: 'signed_on', expiresOn: 'expires_on', revokedOn: 'revoked_on',
  revocationReason: 'revocation_reason', method: 'method', esignAuthentication: 'esign_authentication', evidence: 'evidence_file',
};

export interface HeaderProblem {
  column: string;
  message: string;
}

/** Maps header names to column indexes; reports missing, unknown and repeated columns. */
export function readHeader(header: string[]): { index: Partial<Record<ImportColumn, number>>; problems: HeaderProblem[] } {
  const index: Partial<Record<ImportColumn, number>> = {};
  const problems: HeaderProblem[] = [];
  header.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (!(importColumns as readonly string[]).includes(name)) {
      problems.push({ column: raw.slice(0, 60), message: `Unknown column '${raw.slice(0, 60)}'. Expected columns: ${importColumns.join(', ')}.` });
    } else if (index[name as ImportColumn] !== undefined) {
      problems.push({ column: name, message: `Column '${name}' appears twice.` });
    } else {
      index[name as ImportColumn] = i;
    }
  });
  for (const c of requiredColumns) if (index[c] === undefined) problems.push({ column: c, message: `Required column '${c}' is missing.` });
  if (index.student_id === undefined && index.local_id === undefined) problems.push({ column: 'student_id', message: `Either 'student_id' or 'local_id' is needed to name the student.` });
  return { index, problems };
}

/** One line's values as typed fields, before the store is consulted. */
export interface ParsedLine {
  studentId: string | null;
  localId: string | null;
  signerRole: ConsentGrant['signerRole'] | null;
  guardianId: string | null;
  partnerId: string;
  agreementId: string | null;
  purpose: string | undefined;
  fields: string[] | undefined;
  status: ConsentGrant['status'] | null;
  signedOn: string;
  expiresOn: string | null;
  revokedOn: string | null;
  revocationReason: RevocationReason | null;
  method: ConsentMethod | null;
  esignAuthentication: string | null;
  evidenceFile: string;
  evidenceSha256: string | null;
}

/**
 * Reads one data line: trims values, splits the semicolon-separated field list, and checks the
 * coded values (signer role, decision, method, revocation reason). Problems name the column.
 */
export function parseLine(values: string[], index: Partial<Record<ImportColumn, number>>): { line: ParsedLine; problems: HeaderProblem[] } {
  const problems: HeaderProblem[] = [];
  const get = (c: ImportColumn): string => (index[c] === undefined ? '' : (values[index[c]!] ?? '').trim());
  const opt = (c: ImportColumn): string | null => get(c) || null;
  const oneOf = <T extends string>(c: ImportColumn, allowed: readonly T[]): T | null => {
    const v = get(c);
    if (!v) return null;
    if ((allowed as readonly string[]).includes(v)) return v as T;
    problems.push({ column: c, message: `'${v.slice(0, 40)}' is not one of: ${allowed.join(', ')}.` });
    return null;
  };
  const signerRole = oneOf('signer_role', ['parent', 'eligible-student'] as const);
  const status = oneOf('decision', ['granted', 'declined', 'revoked'] as const);
  const method = oneOf('method', consentMethods);
  const revocationReason = oneOf('revocation_reason', revocationReasons);
  for (const c of ['signer_role', 'decision', 'method', 'partner_id', 'signed_on', 'evidence_file'] as const) {
    if (!get(c) && !problems.some((p) => p.column === c)) problems.push({ column: c, message: `'${c}' is empty.` });
  }
  if (!get('student_id') && !get('local_id')) problems.push({ column: index.student_id !== undefined ? 'student_id' : 'local_id', message: 'The student is not named (student_id or local_id).' });
  const evidenceFile = get('evidence_file');
  if (/[\\/]|\.\./.test(evidenceFile)) problems.push({ column: 'evidence_file', message: `'${evidenceFile.slice(0, 80)}' must be a file name in the evidence folder, without a path.` });
  const sha = opt('evidence_sha256')?.toLowerCase() ?? null;
  if (sha !== null && !/^[0-9a-f]{64}$/.test(sha)) problems.push({ column: 'evidence_sha256', message: 'Not a SHA-256 (64 hexadecimal digits).' });
  const fieldsText = get('fields');
  return {
    line: {
      studentId: opt('student_id'), localId: opt('local_id'), signerRole, guardianId: opt('guardian_id'), partnerId: get('partner_id'),
      agreementId: opt('agreement_id'), purpose: get('purpose') || undefined,
      fields: fieldsText ? fieldsText.split(';').map((f) => f.trim()).filter(Boolean) : undefined,
      status, signedOn: get('signed_on'), expiresOn: opt('expires_on'), revokedOn: opt('revoked_on'), revocationReason,
      method, esignAuthentication: opt('esign_authentication'), evidenceFile, evidenceSha256: sha,
    },
    problems,
  };
}
