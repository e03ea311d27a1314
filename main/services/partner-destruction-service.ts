import { createHash, createPrivateKey, randomBytes } from 'node:crypto';
import { existsSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { ServiceContext } from './context';
import { appendAudit } from './audit-log';
import { partnerIdentity, requireMode } from './identity-service';
import { placeFile } from './package-files';
import { certificateInfo } from '../crypto/certificate';
import { signContent } from '../crypto/cms/signed-data';
import { inTransaction } from '../db/sql';
import { StewardError } from '../../shared/api/result';
import { canonicalJson } from '../../shared/util/canonical-json';
import { toIsoDate, type IsoDate } from '../../shared/util/dates';
import { categoriesOf, DESTRUCTION_FORMAT, destructionFileName, WORKSPACE_DESTRUCTION_METHOD, type DestructionCertificate } from '../../shared/package/destruction';
import { formatFingerprint } from '../../shared/package/certificates';
import type { DestructionResult, DestructionSummary } from '../../shared/api/packages-api';

/**
 * Destruction in the partner workspace: the records of an agreement's packages are deleted and a
 * destruction certificate (NDPA Exhibit D: who, what categories, which packages, when, how) is
 * signed with the workspace's own key as CMS SignedData, for the district to import. The partner
 * identity has one RSA key for receiving packages and signing certificates (keyUsage
 * keyEncipherment + digitalSignature), so the district confirms one fingerprint only.
 *
 * The certificate file is written under a temporary name first; one transaction deletes the
 * records, marks the packages purged (their rows stay, so they can never be imported again),
 * stores the certificate and the audit row, and moves the file into place last.
 */
interface DuePackage {
  packageId: string;
  agreementId: string;
  agreementVersion: number;
  sequence: number;
  role: string;
  recordCount: number;
  importedAt: string;
  destroyBy: string;
  districtId: string;
  partnerId: string;
  dictionary: string;
}

const dueSelect = `SELECT package_id AS packageId, agreement_id AS agreementId, agreement_version AS agreementVersion, sequence, role, record_count AS recordCount,
  imported_at AS importedAt, destroy_by AS destroyBy, district_id AS districtId, partner_id AS partnerId, dictionary FROM received_packages WHERE purged_at IS NULL`;

export interface DestroyInput {
  agreementId: string;
  /** The person who signs, as Exhibit D wants a name (and their title). */
  signedBy: string;
  title?: string;
  /** Where the signed certificate (.p7s) goes: a file path, or an existing folder. */
  filePath: string;
  /** Only packages whose destroy-by date is on or before this day (the scheduled purge); default: all of them. */
  dueOn?: IsoDate;
}

/** Destroys an agreement's records now (or its due packages) and writes the signed certificate. */
export function destroyAgreementRecords(ctx: ServiceContext, input: DestroyInput): DestructionResult {
  requireMode(ctx, 'partner', 'Destroying received records');
  if (!input.signedBy.trim()) throw new StewardError('BAD_INPUT', 'A destruction certificate must name the person who signs it.', { field: 'signedBy' });
  const packages = ctx.db.prepare(`${dueSelect} AND agreement_id = @agreementId AND (@due IS NULL OR destroy_by <= @due) ORDER BY sequence`)
    .all({ agreementId: input.agreementId, due: input.dueOn ?? null }) as DuePackage[];
  if (packages.length === 0) throw new StewardError('NOT_FOUND', `This workspace holds no records under agreement ${input.agreementId} to destroy.`, { field: 'agreementId' });
  const identity = partnerIdentity(ctx);
  const cert = certificateInfo(identity.certPem);
  const now = ctx.now();
  const destructionId = ctx.newId();
  const latest = packages[packages.length - 1]!;
  const certificate: DestructionCertificate = {
    format: DESTRUCTION_FORMAT,
    certificateId: destructionId,
    agreement: { id: input.agreementId, version: Math.max(...packages.map((p) => p.agreementVersion)) },
    district: { id: latest.districtId },
    recipient: { partnerId: latest.partnerId, organization: identity.organization, certSha256: cert.sha256 },
    disposition: { extent: 'complete', action: 'destroy', categories: categoriesOf(packages.flatMap((p) => dictionaryColumnsOf(p.dictionary))) },
    packages: packages.map((p) => ({ packageId: p.packageId, sequence: p.sequence, agreementVersion: p.agreementVersion, role: p.role, recordCount: p.recordCount, receivedOn: p.importedAt.slice(0, 10), destroyBy: p.destroyBy })),
    destroyedOn: toIsoDate(now),
    destroyedAt: now.toISOString(),
    method: WORKSPACE_DESTRUCTION_METHOD,
    signedBy: { name: input.signedBy.trim(), title: input.title?.trim() ?? '' },
  };
  const signed = signContent(Buffer.from(canonicalJson(certificate), 'utf8'), { cert, key: createPrivateKey(identity.keyPem) }, now);
  const certificateSha256 = createHash('sha256').update(signed).digest('hex');
  const finalPath = certificatePath(input.filePath, input.agreementId, toIsoDate(now));
  if (existsSync(finalPath)) throw new StewardError('CONFLICT', `${finalPath} already exists; choose another name or folder.`, { file: finalPath });
  const tempPath = join(dirname(finalPath), `.${basename(finalPath)}.writing-${randomBytes(6).toString('hex')}`);
  try {
    writeFileSync(tempPath, signed, { flag: 'wx' });
  } catch {
    throw new StewardError('BAD_INPUT', `Cannot write ${finalPath}: check the folder exists and you may write there. Nothing was destroyed.`, { file: finalPath });
  }
  try {
    return inTransaction(ctx.db, () => {
      const del = ctx.db.prepare('DELETE FROM received_records WHERE package_id = ?');
      const mark = ctx.db.prepare('UPDATE received_packages SET purged_at = ?, destruction_id = ? WHERE package_id = ?');
      let rowsDeleted = 0;
      for (const p of packages) {
        rowsDeleted += del.run(p.packageId).changes;
        mark.run(now.toISOString(), destructionId, p.packageId);
      }
      const packageIds = packages.map((p) => p.packageId);
      ctx.db.prepare('INSERT INTO destructions (id, agreement_id, package_ids, destroyed_at, signed_by, certificate, certificate_sha256, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(destructionId, input.agreementId, JSON.stringify(packageIds), now.toISOString(), certificate.signedBy.name, signed, certificateSha256, ctx.actor);
      appendAudit(ctx, {
        action: 'package.destroy', objectType: 'agreement', objectId: input.agreementId,
        summary: { destructionId, packageIds, rowsDeleted, categories: certificate.disposition.categories, certificateSha256, scheduled: input.dueOn !== undefined },
      });
      placeFile(tempPath, finalPath);
      return { destructionId, agreementId: input.agreementId, packageIds, rowsDeleted, path: finalPath, certificateSha256 };
    });
  } finally {
    if (existsSync(tempPath)) unlinkSync(tempPath);
  }
}

/** The scheduled purge: every agreement with packages whose destroy-by date is on or before `asOf`. */
export function purgeDue(ctx: ServiceContext, input: { asOf: IsoDate; signedBy: string; title?: string; outDir: string }): DestructionResult[] {
  requireMode(ctx, 'partner', 'Purging received records');
  const agreements = ctx.db.prepare(`SELECT DISTINCT agreement_id FROM received_packages WHERE purged_at IS NULL AND destroy_by <= ? ORDER BY agreement_id`).pluck().all(input.asOf) as string[];
  return agreements.map((agreementId) => destroyAgreementRecords(ctx, { agreementId, signedBy: input.signedBy, ...(input.title ? { title: input.title } : {}), filePath: input.outDir, dueOn: input.asOf }));
}

/** The destruction certificates this workspace signed, newest first (the screen lists them with their fingerprint). */
export function listDestructions(ctx: ServiceContext): DestructionSummary[] {
  requireMode(ctx, 'partner', 'Listing destruction certificates');
  const rows = ctx.db.prepare(`SELECT id, agreement_id AS agreementId, package_ids AS packageIds, destroyed_at AS destroyedAt, signed_by AS signedBy, certificate_sha256 AS sha256
    FROM destructions ORDER BY destroyed_at DESC, id DESC`).all() as { id: string; agreementId: string; packageIds: string; destroyedAt: string; signedBy: string; sha256: string }[];
  return rows.map((r) => ({
    destructionId: r.id, agreementId: r.agreementId, packageIds: JSON.parse(r.packageIds) as string[], destroyedAt: r.destroyedAt, signedBy: r.signedBy,
    certificateSha256: r.sha256, fingerprint: formatFingerprint(r.sha256),
  }));
}

function certificatePath(filePath: string, agreementId: string, day: string): string {
  const full = resolve(filePath);
  if (existsSync(full) && statSync(full).isDirectory()) return join(full, destructionFileName(agreementId, day));
  return full;
}

function dictionaryColumnsOf(json: string): { exhibitBCategory?: string }[] {
  const d = JSON.parse(json) as { columns?: unknown };
  return d && typeof d === 'object' && Array.isArray(d.columns) ? (d.columns as { exhibitBCategory?: string }[]) : [];
}

