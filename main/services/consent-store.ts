import type { ServiceContext } from './context';
import type { ConsentGrant, DirectoryDesignation } from '../../shared/consent/types';
import type { FieldId } from '../../shared/catalog/types';

/** Which consents to load: some students, one partner, or both (none: every consent). */
export interface ConsentQuery {
  studentIds?: string[];
  partnerId?: string;
}

interface GrantRow {
  id: string;
  studentId: string;
  signerRole: ConsentGrant['signerRole'];
  status: ConsentGrant['status'];
  signedOn: string;
  revokedOn: string | null;
  expiresOn: string | null;
  partnerId: string;
  agreementId: string | null;
  purpose: string;
  fields: string;
}

const grantColumns = `id, student_id AS studentId, signer_role AS signerRole, status, signed_on AS signedOn,
  revoked_on AS revokedOn, expires_on AS expiresOn, partner_id AS partnerId, agreement_id AS agreementId, purpose, fields`;

/**
 * Every consent decision (granted, declined and revoked: the rules need all three to explain a
 * withheld field) for the given students and/or partner, keyed by student id, oldest first.
 * One SQL statement whatever the number of students: the id list travels as one JSON parameter.
 * Students without a consent have no entry in the map.
 */
export function loadConsents(ctx: ServiceContext, query: ConsentQuery = {}): Map<string, ConsentGrant[]> {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (query.studentIds) {
    if (query.studentIds.length === 0) return new Map();
    where.push('student_id IN (SELECT value FROM json_each(@studentIds))');
    params.studentIds = JSON.stringify(query.studentIds);
  }
  if (query.partnerId !== undefined) {
    where.push('partner_id = @partnerId');
    params.partnerId = query.partnerId;
  }
  // No ORDER BY: a temp B-tree over 500,000 rows costs more than sorting each student's few grants.
  const sql = `SELECT ${grantColumns} FROM consents ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  const byStudent = new Map<string, ConsentGrant[]>();
  // Batches share field lists: parse each distinct list once (the arrays are shared, read-only).
  const parsedFields = new Map<string, FieldId[]>();
  for (const row of ctx.db.prepare(sql).all(params) as GrantRow[]) {
    let fields = parsedFields.get(row.fields);
    if (!fields) {
      fields = JSON.parse(row.fields) as FieldId[];
      parsedFields.set(row.fields, fields);
    }
    const grant: ConsentGrant = {
      id: row.id, studentId: row.studentId, signerRole: row.signerRole, status: row.status, signedOn: row.signedOn,
      revokedOn: row.revokedOn, expiresOn: row.expiresOn, partnerId: row.partnerId, agreementId: row.agreementId, purpose: row.purpose, fields,
    };
    const list = byStudent.get(row.studentId);
    if (list) list.push(grant);
    else byStudent.set(row.studentId, [grant]);
  }
  for (const list of byStudent.values()) if (list.length > 1) list.sort(bySignedThenId);
  return byStudent;
}

function bySignedThenId(a: ConsentGrant, b: ConsentGrant): number {
  return a.signedOn < b.signedOn ? -1 : a.signedOn > b.signedOn ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The consent decisions of one student, oldest first (for a per-student screen). */
export function loadStudentConsents(ctx: ServiceContext, studentId: string): ConsentGrant[] {
  return loadConsents(ctx, { studentIds: [studentId] }).get(studentId) ?? [];
}

/**
 * The designation in force (the latest one recorded; none yet: nothing designated, no notice)
 * and every student with an active directory opt-out, including students who have left the
 * district (99.37(b): an opt-out survives the student leaving). One scan of the opt-out index.
 */
export function loadDirectoryState(ctx: ServiceContext): { designation: DirectoryDesignation; optedOut: Set<string> } {
  const row = ctx.db
    .prepare('SELECT fields, notice_date AS noticeDate FROM directory_designations ORDER BY seq DESC LIMIT 1')
    .get() as { fields: string; noticeDate: string | null } | undefined;
  const designation: DirectoryDesignation = row
    ? { fields: JSON.parse(row.fields) as FieldId[], noticeDate: row.noticeDate }
    : { fields: [], noticeDate: null };
  const ids = ctx.db.prepare('SELECT student_id FROM directory_optouts WHERE removed_on IS NULL').pluck().all() as string[];
  return { designation, optedOut: new Set(ids) };
}

/** One revocation the partner must act on (delete the student's data received under the consent). */
export interface RevocationNotice {
  studentId: string;
  consentId: string;
  revokedOn: string;
  reason: string;
}

/**
 * Revocations of consents naming this partner (for this agreement, or for the partner without an
 * agreement) that took effect, or were recorded, since `sinceIso` (a date or an ISO timestamp,
 * e.g. the previous package's creation), oldest first: the package's revocations.json.
 * A revocation recorded late but dated earlier is still reported, because it was not sent yet.
 */
export function listRevocationsSince(ctx: ServiceContext, partnerId: string, agreementId: string, sinceIso: string): RevocationNotice[] {
  return ctx.db
    .prepare(
      `SELECT student_id AS studentId, id AS consentId, revoked_on AS revokedOn, revocation_reason AS reason
         FROM consents
        WHERE partner_id = @partnerId AND (agreement_id = @agreementId OR agreement_id IS NULL) AND status = 'revoked'
          AND (revoked_on >= substr(@since, 1, 10) OR revoked_at >= @since)
        ORDER BY revoked_on, student_id, id`,
    )
    .all({ partnerId, agreementId, since: sinceIso }) as RevocationNotice[];
}
