import { createHash } from 'node:crypto';
import type { ServiceContext } from './context';
import type { EvidenceFacts } from '../../shared/consent/record';
import { StewardError } from '../../shared/api/result';
import { appendAudit } from './audit-log';

/** The largest evidence file accepted (a multi-page colour scan fits; a video does not). */
export const maxEvidenceBytes = 25 * 1024 * 1024;

/** An evidence file as received from the UI (bytes) or the CLI (read from disk). */
export interface EvidenceUpload {
  fileName: string;
  bytes: Uint8Array;
}

/** The media type from the file's first bytes, never from its name (a renamed file is caught). */
export function sniffMediaType(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 8));
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (head.equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  const tiff = head.subarray(0, 4).toString('latin1');
  if (tiff === 'II*\u0000' || tiff === 'MM\u0000*') return 'image/tiff';
  return 'application/octet-stream';
}

/** Name, type, size and SHA-256 of an upload, for validation. */
export function evidenceFacts(upload: EvidenceUpload | null): EvidenceFacts | null {
  if (!upload) return null;
  if (upload.bytes.byteLength > maxEvidenceBytes) {
    throw new StewardError('BAD_INPUT', `The evidence file '${baseName(upload.fileName)}' is larger than 25 MB. Scan it at a lower resolution or as a PDF.`, { field: 'evidence' });
  }
  return {
    fileName: baseName(upload.fileName),
    mediaType: sniffMediaType(upload.bytes),
    byteSize: upload.bytes.byteLength,
    sha256: createHash('sha256').update(upload.bytes).digest('hex'),
  };
}

function baseName(name: string): string {
  return (name.split(/[\\/]/).pop() ?? '').slice(0, 200) || 'evidence';
}

/**
 * Stores the file as a BLOB inside the encrypted store (reusing the row when the same file was
 * stored before, e.g. one scan evidencing several consents) and returns its id. Call inside the
 * consent's transaction.
 */
export function storeEvidence(ctx: ServiceContext, upload: EvidenceUpload, facts: EvidenceFacts): string {
  const existing = ctx.db.prepare('SELECT id FROM consent_evidence WHERE sha256 = ?').pluck().get(facts.sha256) as string | undefined;
  if (existing) return existing;
  const id = ctx.newId();
  ctx.db
    .prepare(
      `INSERT INTO consent_evidence (id, sha256, file_name, media_type, byte_size, content, added_at, added_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(id, facts.sha256, facts.fileName, facts.mediaType, facts.byteSize, Buffer.from(upload.bytes), ctx.now().toISOString(), ctx.actor);
  return id;
}

/**
 * The signed form of a consent, checked against its stored SHA-256 (a mismatch means the store
 * was tampered with: refuse rather than show a different document). Viewing it is audited.
 */
export function getEvidence(ctx: ServiceContext, consentId: string): { fileName: string; mediaType: string; sha256: string; bytes: Buffer } {
  const row = ctx.db
    .prepare(
      `SELECT e.file_name AS fileName, e.media_type AS mediaType, e.sha256, e.content, c.student_id AS studentId
         FROM consents c JOIN consent_evidence e ON e.id = c.evidence_id WHERE c.id = ?`,
    )
    .get(consentId) as { fileName: string; mediaType: string; sha256: string; content: Buffer; studentId: string } | undefined;
  if (!row) throw new StewardError('NOT_FOUND', `No consent with id '${consentId}'.`, { field: 'consentId' });
  if (createHash('sha256').update(row.content).digest('hex') !== row.sha256) {
    throw new StewardError('INVALID_STATE', `The evidence file of consent '${consentId}' does not match its recorded SHA-256. Run 'steward audit verify' and restore the store from a backup.`);
  }
  ctx.db.transaction(() => {
    appendAudit(ctx, { action: 'consent.evidence.view', objectType: 'consent', objectId: consentId, summary: { studentId: row.studentId, sha256: row.sha256 } });
  })();
  return { fileName: row.fileName, mediaType: row.mediaType, sha256: row.sha256, bytes: row.content };
}
