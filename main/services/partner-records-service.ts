import type { ServiceContext } from './context';
import { appendAudit } from './audit-log';
import { requireMode } from './identity-service';
import { inTransaction } from '../db/sql';
import { RECEIVED_VIEW_ACTION } from '../../shared/audit/describe';
import { StewardError } from '../../shared/api/result';
import type { DictionaryEntry, PackageSummary, PartnerDictionary, PartnerRecordsPage } from '../../shared/api/packages-api';

/**
 * Reading what a partner workspace holds: the packages received, a page of one package's
 * records (only the columns that package carried for its role), and its data dictionary and
 * notice. A purged package has no records left; asking for them says when they were destroyed.
 * Every page of records read is an access logged in the workspace's audit chain.
 */

interface PackageRow {
  packageId: string;
  agreementId: string;
  role: string;
  columns: string;
  dictionary: string;
  notice: string;
  destroyBy: string;
  purgedAt: string | null;
}

function receivedPackage(ctx: ServiceContext, packageId: string): PackageRow {
  requireMode(ctx, 'partner', 'Reading received records');
  const row = ctx.db
    .prepare(`SELECT package_id AS packageId, agreement_id AS agreementId, role, columns, dictionary, notice, destroy_by AS destroyBy, purged_at AS purgedAt FROM received_packages WHERE package_id = ?`)
    .get(packageId) as PackageRow | undefined;
  if (!row) throw new StewardError('NOT_FOUND', `No package ${packageId} was imported into this workspace.`, { field: 'packageId' });
  return row;
}

/** dictionary.json's columns when it is Steward's dictionary; other producers' files give none. */
function dictionaryColumns(json: string): DictionaryEntry[] {
  const d = JSON.parse(json) as { columns?: unknown };
  if (!d || typeof d !== 'object' || !Array.isArray(d.columns)) return [];
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return (d.columns as Record<string, unknown>[]).map((c) => ({
    column: text(c.column), field: text(c.field), label: text(c.label), exhibitBCategory: text(c.exhibitBCategory), exhibitBElement: text(c.exhibitBElement),
    transform: text(c.transform), transformDescription: text(c.transformDescription), valueType: text(c.valueType), legalBasis: text(c.legalBasis),
  }));
}

export function listReceivedPackages(ctx: ServiceContext, q: { agreementId?: string | undefined }): PackageSummary[] {
  requireMode(ctx, 'partner', 'Listing received packages');
  return ctx.db
    .prepare(
      `SELECT package_id AS packageId, 'received' AS direction, agreement_id AS agreementId, agreement_version AS agreementVersion, partner_id AS partnerId, role, sequence,
              record_count AS recordCount, created_at AS createdAt, destroy_by AS destroyBy, NULL AS fileName, purged_at AS destroyedAt
         FROM received_packages WHERE (@agreementId IS NULL OR agreement_id = @agreementId) ORDER BY imported_at DESC, sequence DESC`,
    )
    .all({ agreementId: q.agreementId ?? null }) as PackageSummary[];
}

export function partnerRecordsPage(ctx: ServiceContext, q: { packageId: string; offset: number; limit: number }): PartnerRecordsPage {
  const p = receivedPackage(ctx, q.packageId);
  if (p.purgedAt) throw new StewardError('INVALID_STATE', `The records of package ${p.packageId} were destroyed on ${p.purgedAt.slice(0, 10)}.`, { field: 'packageId' });
  // A transformed column says so in its label ("Date of birth (age)"): the values are not the raw field.
  const labels = new Map(dictionaryColumns(p.dictionary).map((c) => [c.column, c.label && c.transform && c.transform !== 'asIs' ? `${c.label} (${c.transform})` : c.label]));
  const columns = (JSON.parse(p.columns) as string[]).map((column) => ({ column, label: labels.get(column) || column }));
  const rows = (ctx.db.prepare('SELECT row_index AS rowIndex, cells FROM received_records WHERE package_id = ? ORDER BY row_index LIMIT ? OFFSET ?').all(p.packageId, q.limit, q.offset) as { rowIndex: number; cells: string }[])
    .map((r) => ({ rowIndex: r.rowIndex, cells: JSON.parse(r.cells) as string[] }));
  const total = ctx.db.prepare('SELECT count(*) FROM received_records WHERE package_id = ?').pluck().get(p.packageId) as number;
  if (rows.length > 0) auditRecordsView(ctx, p, columns.map((c) => c.column), rows.map((r) => r.rowIndex));
  return { packageId: p.packageId, columns, rows, total };
}

/**
 * Partner staff reading records is an access the district's agreement (and NDPA Article V) expects
 * the partner to be able to account for: who, when, which package, which columns, which rows by
 * position. Values and student keys stay out of the log (it is read by more people than the records).
 */
function auditRecordsView(ctx: ServiceContext, p: PackageRow, columns: string[], rowIndexes: number[]): void {
  inTransaction(ctx.db, () => appendAudit(ctx, {
    action: RECEIVED_VIEW_ACTION, objectType: 'package', objectId: p.packageId,
    summary: { agreementId: p.agreementId, role: p.role, columns, rowCount: rowIndexes.length, firstRow: rowIndexes[0]! + 1, lastRow: rowIndexes.at(-1)! + 1 },
  }));
}

export function partnerDictionary(ctx: ServiceContext, q: { packageId: string }): PartnerDictionary {
  const p = receivedPackage(ctx, q.packageId);
  const agreement = ctx.db.prepare('SELECT purpose, legal_basis AS legalBasis FROM known_agreements WHERE agreement_id = ?').get(p.agreementId) as { purpose: string; legalBasis: string };
  return { packageId: p.packageId, agreementId: p.agreementId, role: p.role, purpose: agreement.purpose, legalBasis: agreement.legalBasis, destroyBy: p.destroyBy, columns: dictionaryColumns(p.dictionary), notice: p.notice };
}
