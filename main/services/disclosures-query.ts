import type { ServiceContext } from './context';
import { StewardError } from '../../shared/api/result';
import type { DisclosureListRow, DisclosurePage, DisclosureQuery } from '../../shared/api/audit-api';
import type { DestructionRecord, DisclosureEvent, StudentDisclosureHistory } from '../../shared/disclosures/types';
import { destructionState, ideaCoveredFields } from '../../shared/disclosures/legal-basis';
import type { LegalBasis } from '../../shared/agreement/types';
import type { FieldId } from '../../shared/catalog';
import type { HeldDataStatus } from '../../shared/disclosures/transparency-report';

interface PackageRow {
  packageId: string; partnerId: string; partnerName: string; agreementId: string; agreementVersion: number; role: string;
  legalBasis: LegalBasis; purpose: string; legitimateInterest: string | null; fields: string; ideaFields: string;
  requiredBy9932: number; disclosedOn: string; destroyBy: string;
}

const packageColumns = `dp.package_id AS packageId, dp.partner_id AS partnerId, p.name AS partnerName, dp.agreement_id AS agreementId,
  dp.agreement_version AS agreementVersion, dp.role, dp.legal_basis AS legalBasis, dp.purpose, dp.legitimate_interest AS legitimateInterest,
  dp.fields, dp.idea_fields AS ideaFields, dp.required_by_9932 AS requiredBy9932, dp.disclosed_on AS disclosedOn, dp.destroy_by AS destroyBy`;

/** The destruction certificates applied to each of these packages. */
function destructionsFor(ctx: ServiceContext, packageIds: string[]): Map<string, DestructionRecord[]> {
  const out = new Map<string, DestructionRecord[]>();
  if (packageIds.length === 0) return out;
  const rows = ctx.db.prepare(
    `SELECT pd.package_id AS packageId, d.id, d.agreement_id AS agreementId, d.destroyed_on AS destroyedOn, d.method, d.signed_by AS signedBy,
            d.categories, d.certificate_sha256 AS certificateSha256
       FROM disclosure_package_destructions pd JOIN disclosure_destructions d ON d.id = pd.destruction_id
      WHERE pd.package_id IN (SELECT value FROM json_each(?)) ORDER BY d.destroyed_on, d.id`,
  ).all(JSON.stringify(packageIds)) as (Omit<DestructionRecord, 'categories'> & { packageId: string; categories: string })[];
  for (const { packageId, categories, ...d } of rows) {
    const list = out.get(packageId) ?? [];
    list.push({ ...d, categories: JSON.parse(categories) as DestructionRecord['categories'] });
    out.set(packageId, list);
  }
  return out;
}

/** `studentFields`: the student's own list when the policy withheld some of the package's fields. */
function toEvent(r: PackageRow, destructions: DestructionRecord[], studentFields: string | null = null): DisclosureEvent {
  const packageFields = JSON.parse(r.fields) as FieldId[];
  const fields = studentFields === null ? packageFields : (JSON.parse(studentFields) as FieldId[]);
  return {
    packageId: r.packageId, partnerId: r.partnerId, partnerName: r.partnerName, agreementId: r.agreementId,
    agreementVersion: r.agreementVersion, role: r.role, legalBasis: r.legalBasis, purpose: r.purpose,
    legitimateInterest: r.legitimateInterest, fields, ideaFields: ideaCoveredFields(fields),
    requiredBy9932: r.requiredBy9932 === 1, disclosedOn: r.disclosedOn, destroyBy: r.destroyBy,
    destructionState: destructionState(packageFields, destructions), destructions,
  };
}

/**
 * A student's disclosure history, newest first. Known by the district (a student row) or only by
 * the records (a student since removed from the SIS export): both answer; neither is NOT_FOUND.
 */
export function disclosureHistory(ctx: ServiceContext, studentId: string): StudentDisclosureHistory {
  const student = ctx.db.prepare(
    `SELECT s.id, s.local_id AS localId, s.first_name AS firstName, s.last_name AS lastName, o.name AS schoolName
       FROM students s LEFT JOIN orgs o ON o.id = s.school_id WHERE s.id = ?`,
  ).get(studentId) as StudentDisclosureHistory['student'] | undefined;
  const rows = ctx.db.prepare(
    `SELECT ${packageColumns}, ds.fields AS studentFields FROM disclosure_students ds
       JOIN disclosure_packages dp ON dp.package_id = ds.package_id JOIN partners p ON p.id = dp.partner_id
      WHERE ds.student_id = ? ORDER BY dp.disclosed_on DESC, dp.rowid DESC`,
  ).all(studentId) as (PackageRow & { studentFields: string | null })[];
  if (!student && rows.length === 0) {
    throw new StewardError('NOT_FOUND', `No student ${studentId} in this store, and no disclosures recorded for that id.`, { field: 'studentId' });
  }
  const destructions = destructionsFor(ctx, rows.map((r) => r.packageId));
  return {
    student: student ?? { id: studentId, localId: studentId, firstName: '', lastName: '', schoolName: null },
    events: rows.map((r) => toEvent(r, destructions.get(r.packageId) ?? [], r.studentFields)),
  };
}

/** A page of disclosure records (one per student per package) for the grid, newest first. */
export function listDisclosures(ctx: ServiceContext, q: DisclosureQuery): DisclosurePage {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (q.studentId) { where.push('ds.student_id = @studentId'); params.studentId = q.studentId; }
  if (q.partnerId) { where.push('dp.partner_id = @partnerId'); params.partnerId = q.partnerId; }
  if (q.agreementId) { where.push('dp.agreement_id = @agreementId'); params.agreementId = q.agreementId; }
  if (q.packageId) { where.push('dp.package_id = @packageId'); params.packageId = q.packageId; }
  if (q.from) { where.push('dp.disclosed_on >= @from'); params.from = q.from; }
  if (q.to) { where.push('dp.disclosed_on <= @to'); params.to = q.to; }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  // CROSS JOIN fixes the loop order (packages outside, in date order by index; their students inside,
  // in id order by index) so SQLite pages without sorting millions of rows. The rowid tiebreak
  // (recording order) is what lets SQLite see that order needs no sort.
  const from = 'FROM disclosure_packages dp CROSS JOIN disclosure_students ds ON ds.package_id = dp.package_id';
  const rows = ctx.db.prepare(
    `SELECT ${packageColumns}, ds.student_id AS studentId, ds.fields AS studentFields, s.local_id AS studentLocalId,
            CASE WHEN s.id IS NULL THEN NULL ELSE s.first_name || ' ' || s.last_name END AS studentName
       ${from} JOIN partners p ON p.id = dp.partner_id LEFT JOIN students s ON s.id = ds.student_id
       ${whereSql} ORDER BY dp.disclosed_on DESC, dp.rowid DESC, ds.student_id LIMIT @limit OFFSET @offset`,
  ).all({ ...params, limit: q.limit, offset: q.offset }) as (PackageRow & { studentId: string; studentFields: string | null; studentLocalId: string | null; studentName: string | null })[];
  // Without a student filter every matching package counts whole: sum the counts kept on the
  // package rows instead of counting up to 500,000 student rows per package.
  const total = (q.studentId
    ? ctx.db.prepare(`SELECT count(*) ${from} ${whereSql}`).pluck().get(params)
    : ctx.db.prepare(`SELECT coalesce(sum(dp.student_count), 0) FROM disclosure_packages dp ${whereSql}`).pluck().get(params)) as number;
  const destructions = destructionsFor(ctx, [...new Set(rows.map((r) => r.packageId))]);
  return {
    total,
    rows: rows.map((r): DisclosureListRow => {
      const e = toEvent(r, destructions.get(r.packageId) ?? [], r.studentFields);
      return {
        packageId: e.packageId, studentId: r.studentId, studentLocalId: r.studentLocalId, studentName: r.studentName,
        partnerId: e.partnerId, partnerName: e.partnerName, agreementId: e.agreementId, agreementVersion: e.agreementVersion,
        role: e.role, legalBasis: e.legalBasis, disclosedOn: e.disclosedOn, destroyBy: e.destroyBy, fieldCount: e.fields.length,
        requiredBy9932: e.requiredBy9932, ideaCovered: e.ideaFields.length > 0, destructionState: e.destructionState,
      };
    }),
  };
}

/**
 * Whether a partner still holds data sent under an agreement: none sent, held, partly destroyed
 * or destroyed (every package covered by destruction certificates).
 */
export function agreementDataStatus(ctx: ServiceContext, agreementId: string): HeldDataStatus {
  const packages = ctx.db.prepare('SELECT package_id AS packageId, fields FROM disclosure_packages WHERE agreement_id = ?').all(agreementId) as { packageId: string; fields: string }[];
  if (packages.length === 0) return 'none-sent';
  const destructions = destructionsFor(ctx, packages.map((p) => p.packageId));
  const states = packages.map((p) => destructionState(JSON.parse(p.fields) as FieldId[], destructions.get(p.packageId) ?? []));
  if (states.every((s) => s === 'destroyed')) return 'destroyed';
  return states.some((s) => s !== 'kept') ? 'partly-destroyed' : 'held';
}
