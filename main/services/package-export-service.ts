import { randomBytes } from 'node:crypto';
import { existsSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { ServiceContext } from './context';
import { appendAudit } from './audit-log';
import { loadVersionRow } from './agreement-store';
import { expireEndedAgreements } from './agreement-expiry';
import { openRecords } from './preview-service';
import { recordDisclosures } from './disclosures-service';
import { recordsInput } from './package-export-records';
import { fileError, hashFile, placeFile } from './package-files';
import { revocationsForNextPackage } from './package-revocations';
import { districtOrg, districtSigningIdentity, partnerCertificatePem, requireMode } from './identity-service';
import { certificateView, currentCertificate } from './identity-store';
import { writePackage, type ManifestInput } from '../crypto/package-writer';
import { packageFileName } from '../crypto/package/rules';
import { inputFromBuffer } from '../crypto/payload/inputs';
import { inTransaction } from '../db/sql';
import { StewardError } from '../../shared/api/result';
import { formatFingerprint } from '../../shared/package/certificates';
import { packageNotice } from '../../shared/package/notice';
import { toIsoDate } from '../../shared/util/dates';
import type { AgreementContent } from '../../shared/agreement/types';
import type { PackageExportResult, PackageSummary } from '../../shared/api/packages-api';

/**
 * Exports one role of an approved, active agreement version as an SDX/1 package
 * (PACKAGE-FORMAT.md). The payload is the preview's record stream (records.csv is byte for byte
 * what the preview saves), the dictionary, revocations since the previous package and the
 * notice. The file is written under a temporary name; then ONE transaction writes the package
 * row (sequence, previous manifest hash), the FERPA disclosure records and the audit row, and
 * moves the file into place as its last step. If writing or moving the file fails, the
 * transaction rolls back and the temporary file is deleted: nothing is recorded, nothing is left.
 */
export interface ExportPackageInput {
  agreementId: string;
  version: number;
  roleId: string;
  /** A file path, or an existing folder (the file is then named `<agreement>_<packageId>.sdx`). */
  destination: string;
  taskId?: string | undefined;
  /** Payload slice size (tests use small ones to get several parts). */
  chunkBytes?: number;
}

/** How long a package may be imported after it is made (never past the agreement's end). */
export const IMPORT_WINDOW_DAYS = 30;

export async function exportPackage(ctx: ServiceContext, input: ExportPackageInput): Promise<PackageExportResult> {
  requireMode(ctx, 'district', 'Exporting a package');
  const now = ctx.now();
  const today = toIsoDate(now);
  // A version whose term ended is recorded as expired before anything is checked, so the refusal says so.
  expireEndedAgreements(ctx);
  const row = loadVersionRow(ctx, input.agreementId, input.version);
  const content = JSON.parse(row.content) as AgreementContent;
  if (row.status === 'expired') {
    throw new StewardError('INVALID_STATE', `Version ${row.version} of agreement ${row.agreementId} expired on ${content.expires}: its term is over, so nothing may be sent under it. To share again, draft a new version with a new term, have it approved and put it in force.`, { field: 'version' });
  }
  if (row.status !== 'active' || !row.approvedHash) {
    throw new StewardError('INVALID_STATE', `Version ${row.version} of agreement ${row.agreementId} is ${row.status}: packages are only made from the approved, active version. Approve and activate it first.`, { field: 'version' });
  }
  if (today < content.effective || today > content.expires) {
    throw new StewardError('INVALID_STATE', `Agreement ${row.agreementId} runs from ${content.effective} to ${content.expires}; today (${today}) is outside its term, so nothing may be sent under it.`, { field: 'agreementId' });
  }
  const role = content.roles.find((r) => r.id === input.roleId);
  if (!role) throw new StewardError('NOT_FOUND', `Version ${row.version} has no role '${input.roleId}'. Its roles: ${content.roles.map((r) => r.id).join(', ')}.`, { field: 'roleId' });
  const signer = districtSigningIdentity(ctx);
  const recipientCertPem = partnerCertificatePem(ctx, row.partnerId);
  for (const [who, pem] of [['The district signing certificate', signer.certPem], ['The partner\'s certificate', recipientCertPem]] as const) {
    const expiry = certificateView(pem, now).expiry;
    if (expiry === 'expired' || expiry === 'not-yet-valid') throw new StewardError('INVALID_STATE', `${who} is ${expiry === 'expired' ? 'expired' : 'not valid yet'}; replace it before exporting.`);
  }
  const archiveCertPem = currentCertificate(ctx, 'district-archive');
  const org = districtOrg(ctx);
  const partnerName = ctx.db.prepare('SELECT name FROM partners WHERE id = ?').pluck().get(row.partnerId) as string;
  const previous = ctx.db.prepare('SELECT sequence, manifest_sha256 AS manifestSha256, created_at AS createdAt FROM packages WHERE agreement_id = ? ORDER BY sequence DESC LIMIT 1')
    .get(row.agreementId) as { sequence: number; manifestSha256: string; createdAt: string } | undefined;

  const packageId = ctx.newId();
  const finalPath = destinationPath(input.destination, row.agreementId, packageId);
  if (existsSync(finalPath)) throw new StewardError('CONFLICT', `${finalPath} already exists; choose another name or folder.`, { file: finalPath });
  const taskId = input.taskId ?? packageId;
  const progress = (phase: string, done: number, total: number | null) => ctx.emit('export-progress', { taskId, phase, done, total });

  const stream = openRecords(ctx, { agreementId: row.agreementId, version: row.version, roleId: role.id, asOf: today, purpose: 'disclose' });
  if (!stream.plan.inForce) throw new StewardError('INVALID_STATE', `Agreement ${row.agreementId} version ${row.version} is not in force today; nothing may be sent under it.`);
  const records = recordsInput(stream, (rows) => progress('reading records', rows, stream.recordCount));
  const revocations = revocationsForNextPackage(ctx, { partnerId: row.partnerId, agreementId: row.agreementId, since: previous?.createdAt ?? null });
  const expires = new Date(Math.min(now.getTime() + IMPORT_WINDOW_DAYS * 86_400_000, Date.parse(`${content.expires}T23:59:59Z`), Date.parse(`${content.destroyBy}T23:59:59Z`)));
  const notice = packageNotice({
    districtName: org.name, partnerName, agreementTitle: content.title, agreementId: row.agreementId, agreementVersion: row.version, roleLabel: role.label,
    purpose: content.purpose, legalBasis: content.legalBasis, destroyBy: content.destroyBy, importBy: toIsoDate(expires), recordCount: records.recordCount, revocationCount: revocations.length,
  });
  const columns = stream.plan.columns.map((c) => c.column);
  const manifest: ManifestInput = {
    identity: { packageId, sequence: (previous?.sequence ?? 0) + 1, previousPackageSha256: previous?.manifestSha256 ?? null },
    agreement: { id: row.agreementId, version: row.version, documentSha256: row.approvedHash, endsOn: content.expires },
    parties: { district: { id: org.id }, partner: { id: row.partnerId }, role: role.id, purpose: content.purpose, legalBasis: content.legalBasis },
    dataset: { fields: columns, recordCount: records.recordCount, schemaVersion: 1 },
    time: { created: now.toISOString(), expires: expires.toISOString(), destroyBy: content.destroyBy },
  };

  const tempPath = join(dirname(finalPath), `.${basename(finalPath)}.exporting-${randomBytes(6).toString('hex')}`);
  let written: Awaited<ReturnType<typeof writePackage>>;
  try {
    written = await writePackage({
      outPath: tempPath, manifest, signer, recipientCertPem, now,
      ...(archiveCertPem ? { archiveCertPem } : {}),
      ...(input.chunkBytes ? { chunkBytes: input.chunkBytes } : {}),
      files: [records.input, inputFromBuffer('dictionary.json', `${JSON.stringify(stream.dictionary, null, 2)}\n`), inputFromBuffer('revocations.json', `${JSON.stringify(revocations, null, 2)}\n`), inputFromBuffer('notice.txt', notice)],
      onProgress: ({ bytesDone, bytesTotal }) => progress('encrypting', bytesDone, bytesTotal),
    });
  } catch (e) {
    rmSync(tempPath, { force: true });
    throw fileError(e, finalPath);
  }
  let moved = false;
  try {
    const fileSha256 = await hashFile(tempPath);
    const disclosed = records.disclosed();
    progress('recording disclosures', 0, disclosed.students.length);
    const result = inTransaction(ctx.db, () => {
      ctx.db.prepare(
        `INSERT INTO packages (package_id, agreement_id, agreement_version, partner_id, role, sequence, previous_package_sha256, manifest_sha256, file_sha256, file_name, file_size,
           record_count, revocation_count, columns, signer_cert_sha256, recipient_cert_sha256, archive_cert_sha256, as_of, created_at, expires_at, destroy_by, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(packageId, row.agreementId, row.version, row.partnerId, role.id, manifest.identity.sequence, manifest.identity.previousPackageSha256, written.manifestSha256, fileSha256,
        basename(finalPath), written.size, records.recordCount, revocations.length, JSON.stringify(columns), written.manifest.parties.district.signerCertSha256,
        written.manifest.parties.partner.recipientCertSha256, archiveCertPem ? certificateView(archiveCertPem, now).sha256 : null, today, manifest.time.created, manifest.time.expires, content.destroyBy, ctx.actor);
      if (disclosed.students.length > 0 && disclosed.fields.length > 0) {
        recordDisclosures(ctx, {
          packageId, partnerId: row.partnerId, agreementId: row.agreementId, agreementVersion: row.version, role: role.id, legalBasis: content.legalBasis,
          purpose: content.purpose, legitimateInterest: role.legitimateInterest || null, fields: disclosed.fields, studentIds: disclosed.students, disclosedOn: today, destroyBy: content.destroyBy,
        });
      }
      appendAudit(ctx, {
        action: 'package.export', objectType: 'package', objectId: packageId,
        summary: { agreementId: row.agreementId, version: row.version, role: role.id, partnerId: row.partnerId, sequence: manifest.identity.sequence, recordCount: records.recordCount,
          revocations: revocations.length, columns, fileName: basename(finalPath), fileSha256, manifestSha256: written.manifestSha256, destroyBy: content.destroyBy },
      });
      // Last, so a failure here rolls back everything above. link() never replaces an existing file.
      placeFile(tempPath, finalPath);
      moved = true;
      return { fileSha256 };
    });
    progress('done', 1, 1);
    return {
      packageId, path: finalPath, fileName: basename(finalPath), recordCount: records.recordCount, sequence: manifest.identity.sequence, revocationCount: revocations.length,
      size: written.size, fileSha256: result.fileSha256, fingerprint: formatFingerprint(result.fileSha256), manifestSha256: written.manifestSha256,
      destroyBy: content.destroyBy, expires: manifest.time.expires,
    };
  } catch (e) {
    if (moved) rmSync(finalPath, { force: true });
    throw fileError(e, finalPath);
  } finally {
    rmSync(tempPath, { force: true });
  }
}

function destinationPath(destination: string, agreementId: string, packageId: string): string {
  const full = resolve(destination);
  try {
    if (statSync(full).isDirectory()) return join(full, packageFileName(agreementId, packageId));
  } catch {
    // not there yet: a file path
  }
  return full;
}

/** Packages the district sent, newest first (with the date a destruction certificate was recorded for them). */
export function listSentPackages(ctx: ServiceContext, q: { agreementId?: string | undefined }): PackageSummary[] {
  return ctx.db
    .prepare(
      `SELECT p.package_id AS packageId, 'sent' AS direction, p.agreement_id AS agreementId, p.agreement_version AS agreementVersion, p.partner_id AS partnerId, p.role,
              p.sequence, p.record_count AS recordCount, p.created_at AS createdAt, p.destroy_by AS destroyBy, p.file_name AS fileName,
              (SELECT min(d.recorded_at) FROM disclosure_package_destructions l JOIN disclosure_destructions d ON d.id = l.destruction_id WHERE l.package_id = p.package_id) AS destroyedAt
         FROM packages p WHERE (@agreementId IS NULL OR p.agreement_id = @agreementId) ORDER BY p.created_at DESC, p.sequence DESC`,
    )
    .all({ agreementId: q.agreementId ?? null }) as PackageSummary[];
}

