import { createHash } from 'node:crypto';
import { writeSync } from 'node:fs';
import { basename } from 'node:path';
import type { ServiceContext } from './context';
import { appendAudit } from './audit-log';
import { requireMode } from './identity-service';
import { writeChosenFile } from './chosen-file';
import { StewardError } from '../../shared/api/result';
import type { DestructionSaveResult, DestructionTarget } from '../../shared/api/packages-api';

/**
 * A signed destruction certificate saved again from the partner workspace (the first copy was
 * lost, or the district asks for it once more). The file is the stored one byte for byte, so
 * its fingerprint is the one the screen shows and the district already noted; nothing is signed
 * anew. Written like every file chosen in the save dialog (chosen-file.ts: a temporary file renamed
 * with the audit row). The row names the certificate, never the path.
 */
export function saveDestructionCertificate(ctx: ServiceContext, input: DestructionTarget & { filePath?: string | undefined }): DestructionSaveResult & { saved: true } {
  requireMode(ctx, 'partner', 'Saving a destruction certificate');
  const row = ctx.db.prepare(`SELECT certificate, certificate_sha256 AS sha256 FROM destructions WHERE id = ? AND agreement_id = ? AND substr(destroyed_at, 1, 10) = ?`)
    .get(input.destructionId, input.agreementId, input.destroyedOn) as { certificate: Buffer; sha256: string } | undefined;
  if (!row) {
    throw new StewardError('NOT_FOUND', `This workspace signed no destruction certificate ${input.destructionId} for agreement ${input.agreementId} on ${input.destroyedOn}. Nothing was saved.`, { field: 'destructionId' });
  }
  if (createHash('sha256').update(row.certificate).digest('hex') !== row.sha256) {
    throw new StewardError('INVALID_STATE', `The stored certificate ${input.destructionId} no longer matches its fingerprint, so it was not saved. Report this to your IT contact.`);
  }
  const saved = writeChosenFile(ctx, input.filePath, 'the certificate', (fd) => writeSync(fd, row.certificate), () => {
    appendAudit(ctx, { action: 'destruction-certificate.export', objectType: 'destruction', objectId: input.destructionId, summary: { agreementId: input.agreementId, certificateSha256: row.sha256 } });
  });
  return { saved: true, filePath: saved.filePath, fileName: basename(saved.filePath), bytes: saved.written, certificateSha256: row.sha256 };
}
