import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ServiceContext } from './context';
import { appendAudit } from './audit-log';
import { incomingFolder, removeIncomingFolder } from './import-leftovers';
import { partnerIdentity, requireMode } from './identity-service';
import { hashFile } from './package-files';
import { storeReaderState } from './partner-reader-state';
import { CsvFormatError, CsvReader } from './import/csv-reader';
import { openPackage, verifyPackage, type VerifiedPackage } from '../crypto/package-reader';
import { PackageFailure, toStewardError } from '../crypto/package-failure';
import { formatFingerprint } from '../../shared/package/certificates';
import { inTransaction } from '../db/sql';
import { StewardError } from '../../shared/api/result';
import { canonicalJson } from '../../shared/util/canonical-json';
import { RevocationsFile, studentKeyColumn, type RevocationEntry } from '../../shared/package/revocations';
import type { RejectionReason } from '../../shared/package/rejections';
import type { PackageCheckResult, PackageImportResult } from '../../shared/api/packages-api';

/**
 * The partner workspace's side of a package: verify (every check, nothing written) and import.
 * Import runs every check of PACKAGE-FORMAT.md through the package reader, against this store's
 * state (pinned district certificate, packages seen, last sequence, current agreement version),
 * with the decrypted payload in a private temporary folder beside the store. Only when every
 * check passed does ONE transaction store the records (the package's role's columns, nothing
 * else), apply revocations.json to earlier packages, record the destroy-by date and the audit
 * row. Any failure leaves the store exactly as it was; the temporary folder is always removed
 * (and a crash's leftover is swept when the workspace is next opened: import-leftovers.ts).
 */

function reject(reason: RejectionReason, detail: string, file: string): StewardError {
  return toStewardError(new PackageFailure(reason, detail), file);
}

function checkReady(ctx: ServiceContext): void {
  requireMode(ctx, 'partner', 'Opening a package');
  const pinned = ctx.db.prepare('SELECT count(*) FROM pinned_district_certificates WHERE retired_at IS NULL').pluck().get() as number;
  if (pinned === 0) {
    throw new StewardError('INVALID_STATE', 'This workspace does not trust any district certificate yet. Get the district\'s certificate, compare its fingerprint with them by phone, and pin it (steward identity import-cert --partner) before opening packages.');
  }
}

function checkResult(v: VerifiedPackage): PackageCheckResult {
  const m = v.manifest;
  return {
    packageId: m.identity.packageId, agreementId: m.agreement.id, agreementVersion: m.agreement.version, sequence: m.identity.sequence, role: m.parties.role,
    purpose: m.parties.purpose, legalBasis: m.parties.legalBasis, recordCount: m.dataset.recordCount, fields: m.dataset.fields,
    created: m.time.created, expires: m.time.expires, destroyBy: m.time.destroyBy,
    signer: { subject: v.signer.subject.split('\n').join(', '), sha256: v.signer.sha256, fingerprint: formatFingerprint(v.signer.sha256) },
    signingTime: v.signingTime,
  };
}

/** Every import check; decrypts in memory and writes nothing anywhere. */
export async function verifyPackageFile(ctx: ServiceContext, input: { filePath: string }): Promise<PackageCheckResult> {
  checkReady(ctx);
  const file = resolve(input.filePath);
  const verified = await verifyPackage({ file, recipient: partnerIdentity(ctx), state: storeReaderState(ctx), now: ctx.now() });
  return checkResult(verified);
}

/** Imports a package: all checks first, then one transaction (see the file comment). */
export async function importPackageFile(ctx: ServiceContext, input: { filePath: string }): Promise<PackageImportResult> {
  checkReady(ctx);
  const file = resolve(input.filePath);
  const identity = partnerIdentity(ctx);
  const outDir = incomingFolder(ctx.storePath);
  try {
    const opened = await openPackage({ file, recipient: identity, state: storeReaderState(ctx), now: ctx.now(), outDir });
    const fileSha256 = await hashFile(file);
    const m = opened.manifest;
    const dictionary = readJson(opened.files['dictionary.json'], 'dictionary.json', file);
    const revocations = RevocationsFile.safeParse(readJson(opened.files['revocations.json'], 'revocations.json', file));
    if (!revocations.success) throw reject('payload-malformed', `revocations.json: ${revocations.error.issues[0]?.path.join('.')} ${revocations.error.issues[0]?.message}`, file);
    const notice = readText(opened.files['notice.txt'], 'notice.txt', file);
    const keyColumn = studentKeyColumn(m.dataset.fields) ?? null;
    const keyIndex = keyColumn === null ? -1 : m.dataset.fields.indexOf(keyColumn);

    return inTransaction(ctx.db, () => {
      // Another import may have landed while this one was decrypting: the reader's checks again, now under the write lock.
      const state = storeReaderState(ctx);
      if (state.isPackageSeen(m.identity.packageId)) throw reject('replayed', 'package id imported meanwhile', file);
      const last = state.lastSequence(m.agreement.id);
      if (last !== undefined && m.identity.sequence <= last) throw reject('rollback', `sequence ${m.identity.sequence} is not above ${last}`, file);
      const known = state.agreement(m.agreement.id);
      if (known && m.agreement.version < known.currentVersion) throw reject('superseded-version', 'a newer version was imported meanwhile', file);
      const now = ctx.now().toISOString();
      ctx.db.prepare(
        `INSERT INTO known_agreements (agreement_id, district_id, current_version, ends_on, purpose, legal_basis, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (agreement_id) DO UPDATE SET current_version = max(current_version, excluded.current_version), ends_on = excluded.ends_on,
           purpose = excluded.purpose, legal_basis = excluded.legal_basis, updated_at = excluded.updated_at`,
      ).run(m.agreement.id, m.parties.district.id, m.agreement.version, m.agreement.endsOn, m.parties.purpose, m.parties.legalBasis, now);
      ctx.db.prepare(
        `INSERT INTO received_packages (package_id, agreement_id, agreement_version, sequence, role, district_id, partner_id, manifest_sha256, file_sha256, signer_cert_sha256,
           record_count, columns, dictionary, notice, key_column, created_at, expires_at, destroy_by, imported_at, imported_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(m.identity.packageId, m.agreement.id, m.agreement.version, m.identity.sequence, m.parties.role, m.parties.district.id, m.parties.partner.id, opened.manifestSha256,
        fileSha256, opened.signer.sha256, m.dataset.recordCount, JSON.stringify(m.dataset.fields), canonicalJson(dictionary), notice, keyColumn, m.time.created, m.time.expires, m.time.destroyBy, now, ctx.actor);
      const rows = storeRecords(ctx, m.identity.packageId, opened.files['records.csv'], m.dataset.fields.length, keyIndex, file);
      if (rows !== m.dataset.recordCount) throw reject('record-count-mismatch', `stored ${rows} of ${m.dataset.recordCount} rows`, file);
      const applied = applyRevocations(ctx, m.agreement.id, m.identity.packageId, revocations.data);
      appendAudit(ctx, {
        action: 'package.import', objectType: 'package', objectId: m.identity.packageId,
        summary: { agreementId: m.agreement.id, version: m.agreement.version, sequence: m.identity.sequence, role: m.parties.role, recordCount: rows, columns: m.dataset.fields,
          fileSha256, manifestSha256: opened.manifestSha256, destroyBy: m.time.destroyBy, revocations: revocations.data.length, rowsDeleted: applied.rowsDeleted },
      });
      return { ...checkResult(opened), revocationsApplied: revocations.data.length, rowsDeleted: applied.rowsDeleted };
    });
  } finally {
    removeIncomingFolder(outDir);
  }
}

function readText(path: string, name: string, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path));
  } catch {
    throw reject('payload-malformed', `${name} is not UTF-8 text`, file);
  }
}

function readJson(path: string, name: string, file: string): unknown {
  const text = readText(path, name, file);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw reject('payload-malformed', `${name} is not JSON`, file);
  }
}

/** Streams records.csv into the store (inside the import's transaction); returns the row count. */
function storeRecords(ctx: ServiceContext, packageId: string, csvPath: string, width: number, keyIndex: number, file: string): number {
  const reader = new CsvReader(csvPath);
  const insert = ctx.db.prepare('INSERT INTO received_records (package_id, row_index, student_key, cells) VALUES (?, ?, ?, ?)');
  let rows = 0;
  try {
    reader.next(); // the header, already checked against the manifest by the reader
    for (let cells = reader.next(); cells !== null; cells = reader.next()) {
      if (cells.length !== width) throw reject('payload-malformed', `records.csv line ${reader.line} has ${cells.length} cells, not ${width}`, file);
      insert.run(packageId, rows, keyIndex >= 0 ? cells[keyIndex] || null : null, JSON.stringify(cells));
      rows++;
    }
  } catch (e) {
    if (e instanceof CsvFormatError) throw reject('payload-malformed', `records.csv: ${e.message}`, file);
    throw e;
  } finally {
    reader.close();
  }
  return rows;
}

/**
 * Deletes the rows revocations.json names from the packages imported before this one under the
 * same agreement (this package's rows already reflect the withdrawal), and logs each deletion
 * with a hash of the key, the count and the date: never the key itself or a name.
 */
function applyRevocations(ctx: ServiceContext, agreementId: string, noticePackageId: string, entries: RevocationEntry[]): { rowsDeleted: number } {
  if (entries.length === 0) return { rowsDeleted: 0 };
  const earlier = ctx.db
    .prepare('SELECT package_id AS packageId, key_column AS keyColumn FROM received_packages WHERE agreement_id = ? AND package_id <> ? AND purged_at IS NULL AND key_column IS NOT NULL')
    .all(agreementId, noticePackageId) as { packageId: string; keyColumn: keyof RevocationEntry['keys'] }[];
  const del = ctx.db.prepare('DELETE FROM received_records WHERE package_id = ? AND student_key = ?');
  const log = ctx.db.prepare(
    `INSERT INTO revocation_log (id, agreement_id, notice_package_id, kind, reason, effective_on, key_sha256, rows_deleted, packages, applied_at, applied_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let total = 0;
  for (const entry of entries) {
    let rows = 0;
    const touched: string[] = [];
    for (const p of earlier) {
      const key = entry.keys[p.keyColumn];
      if (key === undefined) continue;
      const n = del.run(p.packageId, key).changes;
      if (n > 0) touched.push(p.packageId);
      rows += n;
    }
    const keySha256 = createHash('sha256').update(canonicalJson(entry.keys)).digest('hex');
    log.run(ctx.newId(), agreementId, noticePackageId, entry.kind, entry.reason, entry.effectiveOn, keySha256, rows, JSON.stringify(touched), ctx.now().toISOString(), ctx.actor);
    total += rows;
  }
  return { rowsDeleted: total };
}

