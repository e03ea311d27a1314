import type { ServiceContext } from './context';
import { appendAudit } from './audit-log';
import { findAgreement, type AgreementView } from './consent-agreements';
import { loadConsents } from './consent-store';
import { today } from './consents-service';
import { StewardError } from '../../shared/api/result';
import type { CoverageFilter, CoverageReport, CoverageRow, FieldCoverage } from '../../shared/api/consents-api';
import { consentNeededFields } from '../../shared/consent/agreement-fields';
import { coverageRun, studentCoverage } from '../../shared/consent/coverage';
import type { Database } from '../db/sql';
import { catalogFields, getField } from '../../shared/catalog';
import { toCsv } from '../../shared/util/csv-write';
import type { IsoDate } from '../../shared/util/dates';

export interface ScopeStudent {
  id: string;
  localId: string;
  firstName: string;
  lastName: string;
  grade: string;
  schoolId: string;
  schoolName: string;
  birthDate: string | null;
}

export function requireAgreement(ctx: ServiceContext, agreementId: string): AgreementView {
  const a = findAgreement(ctx, agreementId);
  if (!a) throw new StewardError('NOT_FOUND', `No agreement with id '${agreementId}'. List agreements with 'steward agreement list'.`, { field: 'agreementId' });
  return a;
}

/**
 * The students the agreement covers on `asOf`, by the policy engine's scope rules: still enrolled
 * in the district, enrolled in one of its programs on the date (when it names programs), in its
 * schools and grades (when it names them). One SQL statement; the lists travel as JSON.
 */
export function scopeStudents(ctx: ServiceContext, a: AgreementView, asOf: IsoDate): ScopeStudent[] {
  const { programIds, schoolIds, grades } = a.content.scope;
  const where = [`s.status = 'active'`];
  if (programIds.length) {
    where.push(`EXISTS (SELECT 1 FROM program_enrollments pe WHERE pe.student_id = s.id AND pe.program_id IN (SELECT value FROM json_each(@programs))
      AND pe.begin_date <= @asOf AND (pe.end_date IS NULL OR pe.end_date >= @asOf))`);
  }
  if (schoolIds.length) where.push('s.school_id IN (SELECT value FROM json_each(@schools))');
  if (grades.length) where.push('s.grade IN (SELECT value FROM json_each(@grades))');
  return ctx.db
    .prepare(
      `SELECT s.id, s.local_id AS localId, s.first_name AS firstName, s.last_name AS lastName, s.grade, s.school_id AS schoolId,
              o.name AS schoolName, s.birth_date AS birthDate
         FROM students s JOIN orgs o ON o.id = s.school_id WHERE ${where.join(' AND ')}
        ORDER BY s.last_name COLLATE NOCASE, s.first_name COLLATE NOCASE, s.local_id`,
    )
    .all({ programs: JSON.stringify(programIds), schools: JSON.stringify(schoolIds), grades: JSON.stringify(grades), asOf }) as ScopeStudent[];
}

type ComputedCoverage = { needed: string[]; rows: CoverageRow[] };

// The grid pages through the same agreement many times: keep the last computation per open store
// until anything is written (total_changes) or audited (another connection's write).
const lastRun = new WeakMap<Database, { key: string; stamp: string; value: ComputedCoverage }>();

function storeStamp(ctx: ServiceContext): string {
  const seq = ctx.db.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number | null;
  const changes = ctx.db.prepare('SELECT total_changes()').pluck().get() as number;
  return `${seq ?? 0}:${changes}`;
}

/**
 * Every in-scope student's coverage (all rows, unpaged): the basis of the report, the export and
 * the forms. One scope query and one consent scan, then the pure rules per student.
 */
export function computeCoverage(ctx: ServiceContext, agreementId: string, asOf: IsoDate, withinDays: number): ComputedCoverage {
  const key = `${agreementId}|${asOf}|${withinDays}`;
  const stamp = storeStamp(ctx);
  const cached = lastRun.get(ctx.db);
  if (cached && cached.key === key && cached.stamp === stamp) return cached.value;
  const a = requireAgreement(ctx, agreementId);
  const needed = consentNeededFields(a.content, catalogFields);
  const students = scopeStudents(ctx, a, asOf);
  const consents = loadConsents(ctx, { partnerId: a.content.partnerId });
  const run = coverageRun({ partnerId: a.content.partnerId, agreementId, purposeCode: a.content.purposeCode, asOf }, needed, withinDays);
  const rows: CoverageRow[] = students.map((s) => ({
    studentId: s.id, localId: s.localId, firstName: s.firstName, lastName: s.lastName, grade: s.grade, schoolId: s.schoolId,
    ...studentCoverage(run, consents.get(s.id), s.birthDate),
  }));
  const value = { needed, rows };
  lastRun.set(ctx.db, { key, stamp, value });
  return value;
}

function matches(r: CoverageRow, filter: CoverageFilter): boolean {
  switch (filter) {
    case 'all': return true;
    case 'complete': case 'partial': case 'missing': return r.state === filter;
    case 'needs-form': return r.needsForm;
    case 'expiring': return r.expiringSoon;
    case 'turned-18': return r.turned18;
    case 'declined': return r.reason === 'CONSENT_DECLINED';
    case 'revoked': return r.reason === 'CONSENT_REVOKED';
  }
}

export interface CoverageArgs {
  agreementId: string;
  asOf?: string | undefined;
  expiringWithinDays: number;
  filter: CoverageFilter;
  field?: string | undefined;
  schoolId?: string | undefined;
  grade?: string | undefined;
  search?: string | undefined;
  offset: number;
  limit: number;
}

/** Coverage of an agreement: summary and per-field counts over all in-scope students, then the filtered page. */
export function consentCoverage(ctx: ServiceContext, q: CoverageArgs): CoverageReport {
  const asOf = q.asOf ?? today(ctx);
  const { needed, rows } = computeCoverage(ctx, q.agreementId, asOf, q.expiringWithinDays);
  const count = (f: CoverageFilter) => rows.filter((r) => matches(r, f)).length;
  const perField: FieldCoverage[] = needed.map((field) => {
    const covered = rows.filter((r) => r.coveredFields.includes(field)).length;
    const f = getField(field);
    return { field, label: f.label, category: f.category, covered, missing: rows.length - covered };
  });
  const search = q.search?.toLowerCase();
  const filtered = rows.filter(
    (r) => matches(r, q.filter)
      && (!q.field || r.missingFields.includes(q.field))
      && (!q.schoolId || r.schoolId === q.schoolId)
      && (!q.grade || r.grade === q.grade)
      && (!search || r.lastName.toLowerCase().startsWith(search) || r.firstName.toLowerCase().startsWith(search) || r.localId.toLowerCase().startsWith(search)),
  );
  return {
    agreementId: q.agreementId,
    asOf,
    consentFields: needed,
    summary: {
      inScope: rows.length, complete: count('complete'), partial: count('partial'), missing: count('missing'), needsForm: count('needs-form'),
      expiring: count('expiring'), turned18: count('turned-18'), declined: count('declined'), revoked: count('revoked'),
    },
    perField,
    rows: filtered.slice(q.offset, q.offset + q.limit),
    total: filtered.length,
  };
}

export const needsFormColumns = ['student_id', 'local_id', 'last_name', 'first_name', 'school_id', 'grade', 'signer', 'reason', 'missing_fields', 'coverage_ends'] as const;

/**
 * The students who still need a consent form (nothing or not everything covered, or coverage
 * ending within the window; refusals and revocations are respected), as CSV for a mail merge.
 * It carries names, so the export is audited (ids and count only in the audit row).
 */
export function exportNeedsForm(ctx: ServiceContext, q: { agreementId: string; asOf?: string | undefined; expiringWithinDays: number }): { fileName: string; csv: string; count: number } {
  const asOf = q.asOf ?? today(ctx);
  const { rows } = computeCoverage(ctx, q.agreementId, asOf, q.expiringWithinDays);
  const need = rows.filter((r) => r.needsForm);
  const csv = toCsv(
    needsFormColumns,
    need.map((r) => [r.studentId, r.localId, r.lastName, r.firstName, r.schoolId, r.grade, r.signer, r.reason ?? (r.expiringSoon ? `ENDS_${r.lastDayWhy}` : ''), r.missingFields.join(';'), r.lastDay]),
  );
  ctx.db.transaction(() => {
    appendAudit(ctx, { action: 'consent.needs-form.export', objectType: 'agreement', objectId: q.agreementId, summary: { asOf, count: need.length } });
  })();
  return { fileName: `consent-needed-${q.agreementId}-${asOf}.csv`, csv, count: need.length };
}
