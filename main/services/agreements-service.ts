import { createHash } from 'node:crypto';
import type { ServiceContext } from './context';
import { appendAudit } from './audit-log';
import { getPartner } from './partners-service';
import { completenessContext, contentHash, listVersionRows, loadVersionRow, toAgreementVersion, type VersionRow } from './agreement-store';
import { expireEndedAgreements } from './agreement-expiry';
import { inTransaction } from '../db/sql';
import { StewardError } from '../../shared/api/result';
import { canonicalJson } from '../../shared/util/canonical-json';
import { toIsoDate } from '../../shared/util/dates';
import { catalogFields, exhibitBCategories } from '../../shared/catalog';
import { checkCompleteness } from '../../shared/agreement/completeness';
import { minimisationHints } from '../../shared/agreement/hints';
import { allowedActions, editEffect, effectiveStatus } from '../../shared/agreement/status';
import { diffAgreements, type AgreementDiff } from '../../shared/agreement/diff';
import { renderAgreementDocument } from '../../shared/agreement/document';
import { basisLabels, basisRequirements } from '../../shared/agreement/requirements';
import { transformDescriptions } from '../../shared/policy/transforms';
import { reasons } from '../../shared/policy/reasons';
import type { AgreementContent } from '../../shared/agreement/types';
import { AgreementContentSchema, type AgreementComment, type AgreementDetail, type AgreementEditResult, type AgreementSummary, type AgreementVersionView, type CatalogInfo } from '../../shared/api/agreements-api';

/** Completeness issues and minimisation hints for content (saved or not). */
export function checkAgreement(ctx: ServiceContext, content: AgreementContent) {
  const partner = ctx.db.prepare('SELECT commercial_subprocessors AS c FROM partners WHERE id = ?').get(content.partnerId) as { c: number } | undefined;
  return {
    issues: checkCompleteness(content, completenessContext(ctx)),
    hints: minimisationHints(content, catalogFields, { commercialSubprocessors: partner?.c === 1 }),
  };
}

export function listComments(ctx: ServiceContext, agreementId: string, version: number): AgreementComment[] {
  return ctx.db.prepare('SELECT id, version, author, at, path, body FROM agreement_comments WHERE agreement_id = ? AND version = ? ORDER BY at, id').all(agreementId, version) as AgreementComment[];
}

/** The full view of one version: content, status today, completeness, hints, allowed actions, comments. */
export function versionView(ctx: ServiceContext, row: VersionRow): AgreementVersionView {
  const v = toAgreementVersion(row);
  const today = toIsoDate(ctx.now());
  const { issues, hints } = checkAgreement(ctx, v.content);
  return {
    agreementId: v.agreementId, version: v.version, status: v.status,
    effectiveStatus: effectiveStatus(v.status, v.content.expires, today),
    content: v.content, contentHash: v.contentHash, createdAt: row.createdAt, createdBy: row.createdBy,
    submittedAt: row.submittedAt, approval: v.approval, activatedAt: row.activatedAt, endedAt: row.endedAt, endReason: row.endReason,
    issues, hints, allowedActions: allowedActions(v.status), comments: listComments(ctx, v.agreementId, v.version),
  };
}

/** Every agreement with its latest and active versions; versions whose term ended are expired first. */
export function listAgreements(ctx: ServiceContext, q: { partnerId?: string | undefined } = {}): AgreementSummary[] {
  expireEndedAgreements(ctx);
  const rows = ctx.db.prepare(`SELECT a.id, a.partner_id AS partnerId, p.name AS partnerName, v.version AS latestVersion, v.status, v.content,
      (SELECT max(version) FROM agreement_versions x WHERE x.agreement_id = a.id AND x.status = 'active') AS activeVersion
    FROM agreements a JOIN partners p ON p.id = a.partner_id
    JOIN agreement_versions v ON v.agreement_id = a.id AND v.version = (SELECT max(version) FROM agreement_versions y WHERE y.agreement_id = a.id)
    ${q.partnerId ? 'WHERE a.partner_id = @partnerId' : ''} ORDER BY p.name, a.created_at, a.id`).all(q.partnerId ? { partnerId: q.partnerId } : {}) as
    { id: string; partnerId: string; partnerName: string; latestVersion: number; status: AgreementSummary['latestStatus']; content: string; activeVersion: number | null }[];
  const today = toIsoDate(ctx.now());
  return rows.map((r) => {
    const c = JSON.parse(r.content) as AgreementContent;
    return {
      id: r.id, partnerId: r.partnerId, partnerName: r.partnerName, title: c.title, legalBasis: c.legalBasis,
      latestVersion: r.latestVersion, latestStatus: effectiveStatus(r.status, c.expires, today), activeVersion: r.activeVersion,
      effective: c.effective, expires: c.expires,
    };
  });
}

/** One agreement and one of its versions (default the latest); versions whose term ended are expired first. */
export function getAgreement(ctx: ServiceContext, q: { agreementId: string; version?: number | undefined }): AgreementDetail {
  expireEndedAgreements(ctx);
  const row = loadVersionRow(ctx, q.agreementId, q.version);
  const partner = getPartner(ctx, row.partnerId);
  return {
    id: row.agreementId, partnerId: row.partnerId, partnerName: partner.name,
    versions: listVersionRows(ctx, q.agreementId).map((r) => ({ version: r.version, status: r.status, contentHash: r.contentHash, createdAt: r.createdAt, approvedBy: r.approvedBy })),
    current: versionView(ctx, row),
  };
}

function insertVersion(ctx: ServiceContext, agreementId: string, version: number, content: AgreementContent): string {
  const hash = contentHash(content);
  const now = ctx.now().toISOString();
  ctx.db.prepare(`INSERT INTO agreement_versions (agreement_id, version, status, content, content_hash, created_at, created_by, updated_at)
    VALUES (?, ?, 'draft', ?, ?, ?, ?, ?)`).run(agreementId, version, canonicalJson(content), hash, now, ctx.actor, now);
  return hash;
}

/** Creates an agreement as version 1, a draft. The partner must exist; completeness is checked at submit. */
export function createAgreement(ctx: ServiceContext, input: { content: AgreementContent }): AgreementEditResult {
  const content = AgreementContentSchema.parse(input.content);
  return inTransaction(ctx.db, () => {
    getPartner(ctx, content.partnerId);
    const id = ctx.newId();
    ctx.db.prepare('INSERT INTO agreements (id, partner_id, created_at, created_by) VALUES (?, ?, ?, ?)').run(id, content.partnerId, ctx.now().toISOString(), ctx.actor);
    const hash = insertVersion(ctx, id, 1, content);
    appendAudit(ctx, { action: 'agreement.create', objectType: 'agreement', objectId: id, summary: { version: 1, partnerId: content.partnerId, legalBasis: content.legalBasis, contentHash: hash } });
    return { agreementId: id, version: 1, contentHash: hash, createdNewVersion: true };
  });
}

/**
 * Saves new content for the latest version: a draft changes in place; an in-review, approved or
 * active version keeps its status and approval and a new draft version takes the content.
 */
export function updateAgreement(ctx: ServiceContext, input: { agreementId: string; version: number; content: AgreementContent }): AgreementEditResult {
  const content = AgreementContentSchema.parse(input.content);
  return inTransaction(ctx.db, () => {
    const latest = loadVersionRow(ctx, input.agreementId);
    if (latest.version !== input.version) {
      throw new StewardError('CONFLICT', `Version ${input.version} is not the latest (version ${latest.version} is): open the latest version and edit that.`, { field: 'version' });
    }
    if (content.partnerId !== latest.partnerId) {
      throw new StewardError('CONFLICT', 'An agreement cannot change partner: create a new agreement for the other partner.', { field: 'partnerId' });
    }
    const effect = editEffect(latest.status);
    if (effect === 'refused') throw new StewardError('INVALID_STATE', `Version ${latest.version} is ${latest.status} and can no longer be edited: create a new agreement.`);
    const hash = contentHash(content);
    let version = latest.version;
    if (effect === 'in-place') {
      ctx.db.prepare('UPDATE agreement_versions SET content = ?, content_hash = ?, updated_at = ? WHERE agreement_id = ? AND version = ?')
        .run(canonicalJson(content), hash, ctx.now().toISOString(), input.agreementId, version);
    } else {
      version = latest.version + 1;
      insertVersion(ctx, input.agreementId, version, content);
    }
    appendAudit(ctx, { action: 'agreement.update', objectType: 'agreement', objectId: input.agreementId, summary: { editedVersion: input.version, version, contentHash: hash, newVersion: effect === 'new-version' } });
    return { agreementId: input.agreementId, version, contentHash: hash, createdNewVersion: effect === 'new-version' };
  });
}

export function diffVersions(ctx: ServiceContext, q: { agreementId: string; from: number; to: number }): AgreementDiff {
  const a = toAgreementVersion(loadVersionRow(ctx, q.agreementId, q.from));
  const b = toAgreementVersion(loadVersionRow(ctx, q.agreementId, q.to));
  return diffAgreements(a.content, b.content);
}

/** The agreement document (HTML) and its SHA-256 (what a package manifest's documentSha256 records). */
export function agreementDocument(ctx: ServiceContext, q: { agreementId: string; version: number }): { html: string; sha256: string } {
  const row = loadVersionRow(ctx, q.agreementId, q.version);
  const v = toAgreementVersion(row);
  const partner = getPartner(ctx, row.partnerId);
  const district = ctx.db.prepare(`SELECT name FROM orgs WHERE type = 'district' ORDER BY id LIMIT 1`).pluck().get() as string | undefined;
  const names = (sql: string) => Object.fromEntries((ctx.db.prepare(sql).all() as { id: string; name: string }[]).map((r) => [r.id, r.name]));
  const html = renderAgreementDocument({
    districtName: district ?? 'The district', partner, agreementId: v.agreementId, version: v.version,
    contentHash: v.contentHash, approval: v.approval, content: v.content, catalog: catalogFields,
    programNames: names('SELECT id, name FROM programs'), schoolNames: names(`SELECT id, name FROM orgs WHERE type = 'school'`),
  });
  return { html, sha256: createHash('sha256').update(html, 'utf8').digest('hex') };
}

export function catalogInfo(): CatalogInfo {
  return {
    fields: [...catalogFields], categories: [...exhibitBCategories], basisRequirements, basisLabels,
    transforms: transformDescriptions, reasons,
  };
}
