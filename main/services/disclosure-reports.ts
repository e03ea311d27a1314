import type { ServiceContext } from './context';
import { appendAudit } from './audit-log';
import { agreementDataStatus, disclosureHistory } from './disclosures-query';
import { inTransaction } from '../db/sql';
import type { ReportDocument, ReportLanguage } from '../../shared/api/audit-api';
import type { AgreementContent, AgreementStatus } from '../../shared/agreement/types';
import { findField, type ExhibitBCategory } from '../../shared/catalog';
import { parentReportHtml } from '../../shared/disclosures/parent-report';
import { transparencyReportCsv, transparencyReportHtml, type TransparencyEntry } from '../../shared/disclosures/transparency-report';
import { toIsoDate, type IsoDate } from '../../shared/util/dates';

function districtName(ctx: ServiceContext): string | null {
  return (ctx.db.prepare(`SELECT name FROM orgs WHERE type = 'district' ORDER BY id LIMIT 1`).pluck().get() as string | undefined) ?? null;
}

/** Safe in a file name on every OS. */
const fileSafe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60);

/**
 * The printable parent report for one student, in English or Spanish. Producing it is a
 * disclosure of the student's record to whoever prints it, so it is logged in the audit.
 */
export function disclosureReport(ctx: ServiceContext, q: { studentId: string; lang: ReportLanguage }): ReportDocument {
  const history = disclosureHistory(ctx, q.studentId);
  const html = parentReportHtml(history, { lang: q.lang, generatedOn: toIsoDate(ctx.now()), districtName: districtName(ctx) });
  inTransaction(ctx.db, () => appendAudit(ctx, {
    action: 'disclosure.report', objectType: 'student', objectId: q.studentId,
    summary: { lang: q.lang, disclosures: history.events.length },
  }));
  return { content: html, fileName: `disclosures-${fileSafe(history.student.localId)}-${q.lang}.html`, mimeType: 'text/html' };
}

interface VersionPick { agreementId: string; version: number; status: AgreementStatus; content: string; partnerName: string; partnerKind: string; commercial: number }

/**
 * Per agreement, the version that governs what the partner holds: the active one, else the latest
 * approved, expired or terminated one (drafts and versions in review have sent nothing).
 */
function governingVersions(ctx: ServiceContext): VersionPick[] {
  return ctx.db.prepare(
    `SELECT v.agreement_id AS agreementId, v.version, v.status, v.content, p.name AS partnerName, p.kind AS partnerKind, p.commercial_subprocessors AS commercial
       FROM agreement_versions v JOIN agreements a ON a.id = v.agreement_id JOIN partners p ON p.id = a.partner_id
      WHERE v.version = (SELECT x.version FROM agreement_versions x WHERE x.agreement_id = v.agreement_id
                          AND x.status IN ('active', 'approved', 'expired', 'terminated')
                          ORDER BY x.status = 'active' DESC, x.version DESC LIMIT 1)`,
  ).all() as VersionPick[];
}

function categoriesOfContent(c: AgreementContent): TransparencyEntry['categories'] {
  const byCategory = new Map<ExhibitBCategory, Set<string>>();
  for (const role of c.roles) {
    for (const g of role.fields) {
      const f = findField(g.field);
      if (!f) continue;
      byCategory.set(f.category, (byCategory.get(f.category) ?? new Set()).add(f.element));
    }
  }
  return [...byCategory].map(([category, elements]) => ({ category, elements: [...elements] }));
}

/**
 * The entries of the transparency report as of a date: agreements in effect or approved, and ended
 * ones whose partner still holds data (not yet certified destroyed).
 */
export function transparencyEntries(ctx: ServiceContext, asOf: IsoDate): TransparencyEntry[] {
  const out: TransparencyEntry[] = [];
  for (const v of governingVersions(ctx)) {
    const c = JSON.parse(v.content) as AgreementContent;
    // An agreement past its end date has expired whatever its stored status says.
    const status: AgreementStatus = (v.status === 'active' || v.status === 'approved') && c.expires < asOf ? 'expired' : v.status;
    const dataStatus = agreementDataStatus(ctx, v.agreementId);
    const ended = status === 'expired' || status === 'terminated';
    if (ended && (dataStatus === 'none-sent' || dataStatus === 'destroyed')) continue;
    out.push({
      partnerName: v.partnerName, partnerKind: v.partnerKind, commercialSubprocessors: v.commercial === 1,
      agreementId: v.agreementId, agreementTitle: c.title, version: v.version, status, legalBasis: c.legalBasis, purpose: c.purpose,
      categories: categoriesOfContent(c), roles: c.roles.map((r) => r.label), effective: c.effective, expires: c.expires, destroyBy: c.destroyBy, dataStatus,
    });
  }
  return out;
}

/** The district transparency report (Illinois SOPPA list) as HTML or CSV. */
export function transparencyReport(ctx: ServiceContext, q: { format: 'html' | 'csv'; asOf?: IsoDate | undefined }): ReportDocument {
  const asOf = q.asOf ?? toIsoDate(ctx.now());
  const entries = transparencyEntries(ctx, asOf);
  return q.format === 'csv'
    ? { content: transparencyReportCsv(entries), fileName: `transparency-report-${asOf}.csv`, mimeType: 'text/csv' }
    : { content: transparencyReportHtml(entries, { asOf, districtName: districtName(ctx) }), fileName: `transparency-report-${asOf}.html`, mimeType: 'text/html' };
}
