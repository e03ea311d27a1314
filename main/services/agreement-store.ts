import { createHash } from 'node:crypto';
import type { ServiceContext } from './context';
import { loadDirectoryState } from './consent-store';
import { StewardError } from '../../shared/api/result';
import { canonicalJson } from '../../shared/util/canonical-json';
import { catalogFields } from '../../shared/catalog';
import type { AgreementContent, AgreementStatus, AgreementVersion } from '../../shared/agreement/types';
import type { CompletenessContext } from '../../shared/agreement/completeness';

/**
 * Reading agreement versions from the store, and the content hash. Shared by the agreement,
 * review and preview services (one place knows the row shape).
 */
export interface VersionRow {
  agreementId: string;
  version: number;
  status: AgreementStatus;
  content: string;
  contentHash: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  submittedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  approvedHash: string | null;
  activatedAt: string | null;
  endedAt: string | null;
  endReason: string | null;
  partnerId: string;
}

const versionSelect = `SELECT v.agreement_id AS agreementId, v.version, v.status, v.content, v.content_hash AS contentHash, v.created_at AS createdAt,
  v.created_by AS createdBy, v.updated_at AS updatedAt, v.submitted_at AS submittedAt, v.approved_by AS approvedBy, v.approved_at AS approvedAt,
  v.approved_hash AS approvedHash, v.activated_at AS activatedAt, v.ended_at AS endedAt, v.end_reason AS endReason, a.partner_id AS partnerId
  FROM agreement_versions v JOIN agreements a ON a.id = v.agreement_id`;

/** SHA-256 (hex) of the content's canonical JSON: what an approval is bound to. */
export function contentHash(content: AgreementContent): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** One version's row; NOT_FOUND names the agreement and version. `version` omitted: the latest. */
export function loadVersionRow(ctx: ServiceContext, agreementId: string, version?: number): VersionRow {
  const row = (version === undefined
    ? ctx.db.prepare(`${versionSelect} WHERE v.agreement_id = ? ORDER BY v.version DESC LIMIT 1`).get(agreementId)
    : ctx.db.prepare(`${versionSelect} WHERE v.agreement_id = ? AND v.version = ?`).get(agreementId, version)) as VersionRow | undefined;
  if (!row) {
    const what = version === undefined ? `agreement '${agreementId}'` : `version ${version} of agreement '${agreementId}'`;
    throw new StewardError('NOT_FOUND', `No ${what}. List agreements with 'steward agreement list'.`, { field: version === undefined ? 'agreementId' : 'version' });
  }
  return row;
}

export function listVersionRows(ctx: ServiceContext, agreementId: string): VersionRow[] {
  return ctx.db.prepare(`${versionSelect} WHERE v.agreement_id = ? ORDER BY v.version`).all(agreementId) as VersionRow[];
}

/** The domain view of a stored version (the policy engine's input). */
export function toAgreementVersion(r: VersionRow): AgreementVersion {
  return {
    agreementId: r.agreementId,
    version: r.version,
    status: r.status,
    content: JSON.parse(r.content) as AgreementContent,
    contentHash: r.contentHash,
    createdAt: r.createdAt,
    approval: r.approvedBy && r.approvedAt && r.approvedHash ? { by: r.approvedBy, at: r.approvedAt, contentHash: r.approvedHash } : null,
  };
}

export function loadAgreementVersion(ctx: ServiceContext, agreementId: string, version?: number): AgreementVersion {
  return toAgreementVersion(loadVersionRow(ctx, agreementId, version));
}

/** What the completeness check needs to know about the district: programs, schools, partners, designation. */
export function completenessContext(ctx: ServiceContext): CompletenessContext {
  return {
    catalog: catalogFields,
    designation: loadDirectoryState(ctx).designation,
    programs: ctx.db.prepare('SELECT id, partner_id AS partnerId FROM programs').all() as { id: string; partnerId: string }[],
    schoolIds: ctx.db.prepare(`SELECT id FROM orgs WHERE type = 'school'`).pluck().all() as string[],
    partnerIds: ctx.db.prepare('SELECT id FROM partners').pluck().all() as string[],
  };
}
