import type { ServiceContext } from './context';
import { appendAudit } from './audit-log';
import { inTransaction, expectChanges } from '../db/sql';
import { findAgreement } from './consent-agreements';
import { evidenceFacts, storeEvidence, type EvidenceUpload } from './consent-evidence';
import { StewardError } from '../../shared/api/result';
import type { ConsentDefaults, ConsentListQuery, ConsentListRow, ConsentPage, ConsentSigners, ConsentState } from '../../shared/api/consents-api';
import type { ConsentDraft, ConsentIssue, ConsentMethod, RevocationReason } from '../../shared/consent/record';
import { validateConsentDraft, type ConsentFacts } from '../../shared/consent/validate';
import { consentFailure, eighteenthBirthday, type ConsentReason } from '../../shared/consent/rules';
import { agreementFields, consentNeededFields, fieldsByRole } from '../../shared/consent/agreement-fields';
import { catalogFields, getField } from '../../shared/catalog';
import { isIsoDate, toIsoDate, type IsoDate } from '../../shared/util/dates';

/** A consent as the UI or the CLI hands it over; purpose and fields default from the agreement. */
export type RecordConsentInput = Omit<ConsentDraft, 'evidence' | 'purpose' | 'fields'> & {
  purpose?: string | undefined;
  fields?: string[] | undefined;
  evidence: EvidenceUpload | null;
  /** Where it came from, for the record: 'manual' (default) or 'import:<file>'. */
  source?: string;
};

export function today(ctx: ServiceContext): IsoDate {
  return toIsoDate(ctx.now());
}

/** Looks up what the rules need to know about the ids a draft names. */
export function consentFacts(ctx: ServiceContext, d: { studentId: string; partnerId: string; agreementId: string | null }): ConsentFacts {
  const student = ctx.db.prepare('SELECT birth_date AS birthDate FROM students WHERE id = ?').get(d.studentId) as { birthDate: string | null } | undefined;
  const guardians = ctx.db
    .prepare('SELECT guardian_id AS guardianId, relationship FROM student_guardians WHERE student_id = ?')
    .all(d.studentId) as { guardianId: string; relationship: string }[];
  const partnerExists = ctx.db.prepare('SELECT 1 FROM partners WHERE id = ?').get(d.partnerId) !== undefined;
  const agreement = d.agreementId ? findAgreement(ctx, d.agreementId) : null;
  return {
    today: today(ctx),
    student: student ?? null,
    guardians,
    partnerExists,
    agreement: agreement ? { partnerId: agreement.content.partnerId, purposeCode: agreement.content.purposeCode } : null,
    catalog: catalogFields,
  };
}

/** Fills purpose and fields from the named agreement when the caller left them out. */
export function completeDraft(ctx: ServiceContext, input: RecordConsentInput, facts: ConsentFacts): ConsentDraft {
  const agreement = input.agreementId && facts.agreement ? findAgreement(ctx, input.agreementId) : null;
  return {
    ...input,
    purpose: input.purpose ?? agreement?.content.purposeCode ?? '',
    fields: input.fields ?? (agreement ? agreementFields(agreement.content, catalogFields) : []),
    evidence: evidenceFacts(input.evidence),
  };
}

/**
 * The error a refused draft becomes: every problem, in plain words, naming ids and fields only.
 * An unknown student, partner or agreement comes first and alone (NOT_FOUND): the other checks
 * depend on it.
 */
export function draftError(issues: ConsentIssue[]): StewardError {
  const missing = issues.filter((i) => ['UNKNOWN_STUDENT', 'UNKNOWN_PARTNER', 'UNKNOWN_AGREEMENT'].includes(i.code));
  const shown = missing.length ? missing : issues;
  return new StewardError(missing.length ? 'NOT_FOUND' : 'BAD_INPUT', `The consent was not recorded. ${shown.map((i) => i.message).join(' ')}`, { field: shown[0]!.field });
}

/**
 * Inserts one validated consent and its evidence, with its audit row. Call inside a transaction
 * (the import runs many in one). Returns the new id.
 */
export function insertConsent(ctx: ServiceContext, d: ConsentDraft, upload: EvidenceUpload, facts: ConsentFacts, source: string): string {
  const consentId = ctx.newId();
  const evidenceId = storeEvidence(ctx, upload, d.evidence!);
  const relationship = d.signerRole === 'eligible-student' ? 'self' : facts.guardians.find((g) => g.guardianId === d.guardianId)!.relationship;
  const fields = [...new Set(d.fields)].sort();
  const now = ctx.now().toISOString();
  ctx.db
    .prepare(
      `INSERT INTO consents (id, student_id, signer_role, guardian_id, signer_relationship, partner_id, agreement_id, purpose, fields, status,
         signed_on, expires_on, revoked_on, revocation_reason, revoked_at, revoked_by, method, esign_authentication, evidence_id, recorded_at, recorded_by, source)
       VALUES (@id, @studentId, @signerRole, @guardianId, @relationship, @partnerId, @agreementId, @purpose, @fields, @status,
         @signedOn, @expiresOn, @revokedOn, @revocationReason, @revokedAt, @revokedBy, @method, @esign, @evidenceId, @now, @actor, @source)`,
    )
    .run({
      id: consentId, studentId: d.studentId, signerRole: d.signerRole, guardianId: d.signerRole === 'parent' ? d.guardianId : null, relationship,
      partnerId: d.partnerId, agreementId: d.agreementId, purpose: d.purpose, fields: JSON.stringify(fields), status: d.status,
      signedOn: d.signedOn, expiresOn: d.expiresOn, revokedOn: d.revokedOn, revocationReason: d.status === 'revoked' ? (d.revocationReason ?? 'other') : null,
      revokedAt: d.status === 'revoked' ? now : null, revokedBy: d.status === 'revoked' ? ctx.actor : null,
      method: d.method, esign: d.method === 'electronic' ? d.esignAuthentication : null, evidenceId, now, actor: ctx.actor, source,
    });
  appendAudit(ctx, {
    action: 'consent.record',
    objectType: 'consent',
    objectId: consentId,
    summary: {
      studentId: d.studentId, partnerId: d.partnerId, agreementId: d.agreementId, purpose: d.purpose, fields, status: d.status,
      signerRole: d.signerRole, signedOn: d.signedOn, expiresOn: d.expiresOn, revokedOn: d.revokedOn, method: d.method,
      evidenceSha256: d.evidence!.sha256, source,
    },
  });
  return consentId;
}

/**
 * Records one consent decision (34 CFR 99.30): validates it against the store (student, guardian
 * on record, partner, agreement, catalog, dates, evidence), then stores the evidence file and the
 * record with its audit row in one transaction. Refused drafts change nothing.
 */
export function recordConsent(ctx: ServiceContext, input: RecordConsentInput): ConsentListRow {
  const facts = consentFacts(ctx, input);
  const draft = completeDraft(ctx, input, facts);
  const issues = validateConsentDraft(draft, facts);
  if (issues.length > 0) throw draftError(issues);
  const id = inTransaction(ctx.db, () => insertConsent(ctx, draft, input.evidence!, facts, input.source ?? 'manual'));
  return getConsent(ctx, id);
}

/**
 * Revokes a granted consent from `revokedOn` (received that day, not in the future, not before
 * signing). Disclosures before that date stay lawful; from it the consent authorises nothing.
 */
export function revokeConsent(ctx: ServiceContext, args: { consentId: string; revokedOn: IsoDate; reason: RevocationReason }): ConsentListRow {
  const row = ctx.db.prepare('SELECT status, signed_on AS signedOn, student_id AS studentId, partner_id AS partnerId, agreement_id AS agreementId FROM consents WHERE id = ?').get(args.consentId) as
    | { status: string; signedOn: string; studentId: string; partnerId: string; agreementId: string | null }
    | undefined;
  if (!row) throw new StewardError('NOT_FOUND', `No consent with id '${args.consentId}'.`, { field: 'consentId' });
  if (row.status === 'revoked') throw new StewardError('CONFLICT', `Consent '${args.consentId}' is already revoked.`, { field: 'consentId' });
  if (row.status === 'declined') throw new StewardError('INVALID_STATE', `Consent '${args.consentId}' was declined: there is nothing to revoke.`, { field: 'consentId' });
  if (!isIsoDate(args.revokedOn)) throw new StewardError('BAD_INPUT', `Revocation date '${args.revokedOn}' is not a date (yyyy-mm-dd).`, { field: 'revokedOn' });
  if (args.revokedOn < row.signedOn) throw new StewardError('BAD_INPUT', `Revocation ${args.revokedOn} is before the signing date ${row.signedOn}.`, { field: 'revokedOn' });
  if (args.revokedOn > today(ctx)) throw new StewardError('BAD_INPUT', `Revocation date ${args.revokedOn} is after today (${today(ctx)}); record it when it is received.`, { field: 'revokedOn' });
  inTransaction(ctx.db, () => {
    expectChanges(
      ctx.db
        .prepare(`UPDATE consents SET status = 'revoked', revoked_on = ?, revocation_reason = ?, revoked_at = ?, revoked_by = ? WHERE id = ? AND status = 'granted'`)
        .run(args.revokedOn, args.reason, ctx.now().toISOString(), ctx.actor, args.consentId),
      1,
      'consent revocation',
    );
    appendAudit(ctx, {
      action: 'consent.revoke',
      objectType: 'consent',
      objectId: args.consentId,
      summary: { studentId: row.studentId, partnerId: row.partnerId, agreementId: row.agreementId, revokedOn: args.revokedOn, reason: args.reason },
    });
  });
  return getConsent(ctx, args.consentId);
}

const listColumns = `c.id, c.student_id AS studentId, c.signer_role AS signerRole, c.status, c.signed_on AS signedOn, c.revoked_on AS revokedOn,
  c.expires_on AS expiresOn, c.partner_id AS partnerId, c.agreement_id AS agreementId, c.purpose, c.fields, c.guardian_id AS guardianId,
  c.signer_relationship AS signerRelationship, c.revocation_reason AS revocationReason, c.method, c.esign_authentication AS esignAuthentication,
  c.recorded_at AS recordedAt, c.recorded_by AS recordedBy, c.revoked_at AS revokedAt, c.revoked_by AS revokedBy, c.source,
  e.id AS evidenceId, e.sha256 AS evidenceSha256, e.file_name AS evidenceFileName, e.media_type AS evidenceMediaType, e.byte_size AS evidenceByteSize,
  s.local_id AS studentLocalId, s.first_name AS studentFirstName, s.last_name AS studentLastName, s.birth_date AS birthDate, p.name AS partnerName`;
const listFrom = `FROM consents c JOIN consent_evidence e ON e.id = c.evidence_id JOIN students s ON s.id = c.student_id JOIN partners p ON p.id = c.partner_id`;

type ListSqlRow = Omit<ConsentListRow, 'fields' | 'evidence' | 'state'> & {
  fields: string; birthDate: string | null;
  evidenceId: string; evidenceSha256: string; evidenceFileName: string; evidenceMediaType: string; evidenceByteSize: number;
};

const stateOf: Record<ConsentReason, ConsentState> = {
  NO_CONSENT: 'not-yet', CONSENT_OTHER_AGREEMENT: 'in-force', CONSENT_DECLINED: 'declined', CONSENT_REVOKED: 'revoked', CONSENT_EXPIRED: 'expired',
  CONSENT_WRONG_PURPOSE: 'in-force', CONSENT_AGE_OF_MAJORITY: 'lapsed-at-18', CONSENT_SIGNER_NOT_ELIGIBLE: 'signer-not-eligible', CONSENT_FIELD_NOT_COVERED: 'in-force',
};

function toListRow(r: ListSqlRow, asOf: IsoDate): ConsentListRow {
  const { evidenceId, evidenceSha256, evidenceFileName, evidenceMediaType, evidenceByteSize, birthDate, ...rest } = r;
  const row = {
    ...rest,
    method: r.method as ConsentMethod,
    fields: JSON.parse(r.fields) as string[],
    evidence: { id: evidenceId, sha256: evidenceSha256, fileName: evidenceFileName, mediaType: evidenceMediaType, byteSize: evidenceByteSize },
  };
  const failure = consentFailure(row, { partnerId: row.partnerId, agreementId: row.agreementId, purposeCode: row.purpose, asOf }, birthDate);
  return { ...row, state: failure ? stateOf[failure] : 'in-force' };
}

/** A page of consent records, newest signature first, with each one's state today. */
export function listConsents(ctx: ServiceContext, q: ConsentListQuery): ConsentPage {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  for (const [key, column] of [['studentId', 'c.student_id'], ['partnerId', 'c.partner_id'], ['agreementId', 'c.agreement_id'], ['status', 'c.status']] as const) {
    if (q[key] !== undefined) { where.push(`${column} = @${key}`); params[key] = q[key]; }
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const rows = ctx.db
    .prepare(`SELECT ${listColumns} ${listFrom} ${whereSql} ORDER BY c.signed_on DESC, c.recorded_at DESC, c.id LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: q.limit, offset: q.offset }) as ListSqlRow[];
  const { total } = ctx.db.prepare(`SELECT count(*) AS total FROM consents c ${whereSql}`).get(params) as { total: number };
  const asOf = today(ctx);
  return { rows: rows.map((r) => toListRow(r, asOf)), total };
}

export function getConsent(ctx: ServiceContext, consentId: string): ConsentListRow {
  const row = ctx.db.prepare(`SELECT ${listColumns} ${listFrom} WHERE c.id = ?`).get(consentId) as ListSqlRow | undefined;
  if (!row) throw new StewardError('NOT_FOUND', `No consent with id '${consentId}'.`, { field: 'consentId' });
  return toListRow(row, today(ctx));
}

/** The guardians on record who may sign for a student, and whether the student is 18 today. */
export function consentSigners(ctx: ServiceContext, studentId: string): ConsentSigners {
  const s = ctx.db.prepare('SELECT id AS studentId, local_id AS localId, first_name AS firstName, last_name AS lastName, birth_date AS birthDate FROM students WHERE id = ?').get(studentId) as
    | Omit<ConsentSigners, 'eligibleStudent' | 'guardians'>
    | undefined;
  if (!s) throw new StewardError('NOT_FOUND', `No student with id '${studentId}' in this store.`, { field: 'studentId' });
  const guardians = (ctx.db
    .prepare(
      `SELECT g.id AS guardianId, g.first_name AS firstName, g.last_name AS lastName, sg.relationship, sg.is_primary AS isPrimary
         FROM student_guardians sg JOIN guardians g ON g.id = sg.guardian_id WHERE sg.student_id = ? ORDER BY sg.is_primary DESC, g.last_name, g.first_name`,
    )
    .all(studentId) as (Omit<ConsentSigners['guardians'][number], 'isPrimary'> & { isPrimary: number })[]).map((g) => ({ ...g, isPrimary: g.isPrimary === 1 }));
  const adulthood = eighteenthBirthday(s.birthDate);
  return { ...s, eligibleStudent: adulthood !== null && today(ctx) >= adulthood, guardians };
}

/** What a consent under an agreement covers by default (the record dialog pre-fills it; the form lists the same). */
export function consentDefaults(ctx: ServiceContext, agreementId: string): ConsentDefaults {
  const a = findAgreement(ctx, agreementId);
  if (!a) throw new StewardError('NOT_FOUND', `No agreement with id '${agreementId}'.`, { field: 'agreementId' });
  const needs = new Set(consentNeededFields(a.content, catalogFields));
  const roles = fieldsByRole(a.content, catalogFields);
  return {
    agreementId, partnerId: a.content.partnerId, purposeCode: a.content.purposeCode, purpose: a.content.purpose,
    fields: agreementFields(a.content, catalogFields).map((id) => {
      const f = getField(id);
      return { id, label: f.label, category: f.category, element: f.element, roles: roles.filter((r) => r.fields.some((x) => x.id === id)).map((r) => r.roleId), needsConsent: needs.has(id) };
    }),
  };
}
