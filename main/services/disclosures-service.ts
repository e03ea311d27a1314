import type { ServiceContext } from './context';
import { appendAudit } from './audit-log';
import { inTransaction } from '../db/sql';
import { StewardError } from '../../shared/api/result';
import { legalBases, type LegalBasis } from '../../shared/agreement/types';
import { findField, type FieldId, exhibitBCategories, type ExhibitBCategory } from '../../shared/catalog';
import { ideaCoveredFields, recordRequiredBy9932 } from '../../shared/disclosures/legal-basis';
import { isIsoDate, type IsoDate } from '../../shared/util/dates';

/** What the package export knows when it commits: one package to one partner, for one role. */
export interface RecordDisclosuresInput {
  packageId: string;
  partnerId: string;
  agreementId: string;
  agreementVersion: number;
  role: string;
  legalBasis: LegalBasis;
  purpose: string;
  /** The role's legitimate educational interest (required for school officials), else null. */
  legitimateInterest: string | null;
  /** The catalog fields the package carries for this role (shown or transformed, not withheld). */
  fields: FieldId[];
  /**
   * Every student with a row in the package (any iterable; a student listed twice is recorded once).
   * A plain id means the student received every field in `fields`; when the policy withheld some
   * of them for this student (no consent, an opt-out), pass the fields actually sent, so the
   * parent's report never claims more than left the district.
   */
  studentIds: Iterable<string | StudentDisclosure>;
  disclosedOn: IsoDate;
  destroyBy: IsoDate;
}

/** One student's row when it carried fewer fields than the package lists (shown or transformed ones). */
export interface StudentDisclosure {
  studentId: string;
  fields: FieldId[];
}

export interface RecordDisclosuresResult {
  packageId: string;
  studentCount: number;
  requiredBy9932: boolean;
  ideaFields: FieldId[];
  auditSeq: number;
}

function bad(field: string, message: string): never {
  throw new StewardError('BAD_INPUT', message, { field });
}

function checkDate(field: string, value: string): void {
  if (!isIsoDate(value)) bad(field, `${field} must be a date written yyyy-mm-dd (got '${value.slice(0, 20)}').`);
}

function checkInput(i: RecordDisclosuresInput): void {
  for (const k of ['packageId', 'partnerId', 'agreementId', 'role', 'purpose'] as const) {
    if (typeof i[k] !== 'string' || i[k].trim() === '') bad(k, `The disclosure record needs ${k}.`);
  }
  if (!Number.isInteger(i.agreementVersion) || i.agreementVersion < 1) bad('agreementVersion', 'agreementVersion must be a whole number of 1 or more.');
  if (!legalBases.includes(i.legalBasis)) bad('legalBasis', `Unknown legal basis '${String(i.legalBasis)}': use one of ${legalBases.join(', ')}.`);
  if (i.legalBasis === 'school-official' && !i.legitimateInterest?.trim()) {
    bad('legitimateInterest', 'A disclosure to a school official must state the legitimate educational interest (34 CFR 99.31(a)(1)).');
  }
  if (i.fields.length === 0) bad('fields', 'A disclosure must name the fields it carries.');
  const unknown = i.fields.find((f) => !findField(f));
  if (unknown !== undefined) bad('fields', `Field '${unknown}' is not in the field catalog.`);
  checkDate('disclosedOn', i.disclosedOn);
  checkDate('destroyBy', i.destroyBy);
  if (i.destroyBy < i.disclosedOn) bad('destroyBy', `destroyBy (${i.destroyBy}) is before the disclosure date (${i.disclosedOn}).`);
}

/**
 * Writes the record of disclosures for one package: one package row (who, what, why, until when,
 * required by 99.32 or voluntary, IDEA fields) and one row per student, plus an audit row. Joins
 * the caller's transaction (the export's), so the records land with the export or not at all.
 */
export function recordDisclosures(ctx: ServiceContext, input: RecordDisclosuresInput): RecordDisclosuresResult {
  checkInput(input);
  const fields = [...new Set(input.fields)];
  const ideaFields = ideaCoveredFields(fields);
  const requiredBy9932 = recordRequiredBy9932[input.legalBasis];
  return inTransaction(ctx.db, () => {
    if (ctx.db.prepare('SELECT 1 FROM disclosure_packages WHERE package_id = ?').get(input.packageId)) {
      throw new StewardError('CONFLICT', `Disclosures for package ${input.packageId} are already recorded; a package is recorded once.`, { field: 'packageId' });
    }
    if (!ctx.db.prepare('SELECT 1 FROM partners WHERE id = ?').get(input.partnerId)) {
      throw new StewardError('NOT_FOUND', `No partner ${input.partnerId}: add the partner before recording a disclosure to it.`, { field: 'partnerId' });
    }
    // Students first (their package FK is checked at commit), so the package row is written once,
    // complete, with its count: the rows are append-only.
    const insert = ctx.db.prepare('INSERT OR IGNORE INTO disclosure_students (student_id, package_id, fields) VALUES (?, ?, ?)');
    const packageFields = new Set(fields);
    let studentCount = 0;
    for (const s of input.studentIds) {
      const id = typeof s === 'string' ? s : s?.studentId;
      if (typeof id !== 'string' || id === '') bad('studentIds', 'Every student id must be a non-empty string.');
      studentCount += insert.run(id, input.packageId, typeof s === 'string' ? null : studentFields(s, packageFields)).changes;
    }
    ctx.db.prepare(
      `INSERT INTO disclosure_packages (package_id, partner_id, agreement_id, agreement_version, role, legal_basis, purpose, legitimate_interest,
         fields, idea_fields, required_by_9932, disclosed_on, destroy_by, student_count, recorded_at, recorded_by)
       VALUES (@packageId, @partnerId, @agreementId, @agreementVersion, @role, @legalBasis, @purpose, @legitimateInterest,
         @fields, @ideaFields, @required, @disclosedOn, @destroyBy, @studentCount, @at, @actor)`,
    ).run({
      packageId: input.packageId, partnerId: input.partnerId, agreementId: input.agreementId, agreementVersion: input.agreementVersion,
      role: input.role, legalBasis: input.legalBasis, purpose: input.purpose, legitimateInterest: input.legitimateInterest?.trim() || null,
      fields: JSON.stringify(fields), ideaFields: JSON.stringify(ideaFields), required: requiredBy9932 ? 1 : 0,
      disclosedOn: input.disclosedOn, destroyBy: input.destroyBy, studentCount, at: ctx.now().toISOString(), actor: ctx.actor,
    });
    const audit = appendAudit(ctx, {
      action: 'disclosure.record',
      objectType: 'package',
      objectId: input.packageId,
      summary: {
        partnerId: input.partnerId, agreementId: input.agreementId, version: input.agreementVersion, role: input.role,
        legalBasis: input.legalBasis, fields, ideaFields, studentCount, requiredBy9932, disclosedOn: input.disclosedOn, destroyBy: input.destroyBy,
      },
    });
    return { packageId: input.packageId, studentCount, requiredBy9932, ideaFields, auditSeq: audit.seq };
  });
}

/** The student's own field list as stored: null when it is the package's whole list (the usual case). */
function studentFields(s: StudentDisclosure, packageFields: Set<FieldId>): string | null {
  const own = [...packageFields].filter((f) => s.fields.includes(f));
  const stray = s.fields.find((f) => !packageFields.has(f));
  if (stray !== undefined) bad('studentIds', `Student ${s.studentId}: field '${stray}' is not among the package's fields.`);
  return own.length === packageFields.size ? null : JSON.stringify(own);
}

/** From an imported destruction certificate (NDPA Exhibit D): who destroyed what, when and how. */
export interface RecordDestructionInput {
  agreementId: string;
  packageIds: string[];
  destroyedOn: IsoDate;
  method: string;
  signedBy: string;
  /** 'all' for a complete disposition, else the Exhibit B categories destroyed (partial). */
  categories: ExhibitBCategory[] | 'all';
  /** SHA-256 (hex) of the certificate file, so the same certificate is not recorded twice. */
  certificateSha256: string;
}

/**
 * Marks packages' disclosures destroyed (wholly or for some categories). The disclosure records
 * stay (99.32: kept as long as the student's record); the history shows the destruction beside them.
 */
export function recordDestruction(ctx: ServiceContext, input: RecordDestructionInput): { destructionId: string; auditSeq: number } {
  if (!input.agreementId?.trim()) bad('agreementId', 'The destruction certificate must name the agreement.');
  if (input.packageIds.length === 0) bad('packageIds', 'The destruction certificate must name at least one package.');
  checkDate('destroyedOn', input.destroyedOn);
  if (!input.method?.trim()) bad('method', 'The destruction certificate must say how the data was destroyed.');
  if (!input.signedBy?.trim()) bad('signedBy', 'The destruction certificate must say who signed it.');
  if (!/^[0-9a-f]{64}$/.test(input.certificateSha256)) bad('certificateSha256', 'certificateSha256 must be 64 lower-case hex digits.');
  if (input.categories !== 'all') {
    if (input.categories.length === 0) bad('categories', "A partial destruction must list the Exhibit B categories destroyed (or say 'all').");
    const unknown = input.categories.find((c) => !exhibitBCategories.includes(c));
    if (unknown !== undefined) bad('categories', `'${unknown}' is not an NDPA Exhibit B category.`);
  }
  const packageIds = [...new Set(input.packageIds)];
  return inTransaction(ctx.db, () => {
    const dup = ctx.db.prepare('SELECT recorded_at FROM disclosure_destructions WHERE certificate_sha256 = ?').pluck().get(input.certificateSha256) as string | undefined;
    if (dup) throw new StewardError('CONFLICT', `This destruction certificate was already recorded (${dup.slice(0, 10)}).`, { field: 'certificateSha256' });
    const pkg = ctx.db.prepare('SELECT agreement_id AS agreementId, disclosed_on AS disclosedOn FROM disclosure_packages WHERE package_id = ?');
    for (const id of packageIds) {
      const p = pkg.get(id) as { agreementId: string; disclosedOn: string } | undefined;
      if (!p) throw new StewardError('NOT_FOUND', `No disclosure is recorded for package ${id}; the certificate names a package this district did not send.`, { field: 'packageIds' });
      if (p.agreementId !== input.agreementId) bad('packageIds', `Package ${id} was sent under agreement ${p.agreementId}, not ${input.agreementId}.`);
      if (input.destroyedOn < p.disclosedOn) bad('destroyedOn', `The certificate says the data was destroyed on ${input.destroyedOn}, before package ${id} was sent (${p.disclosedOn}).`);
    }
    const destructionId = ctx.newId();
    ctx.db.prepare(
      `INSERT INTO disclosure_destructions (id, agreement_id, destroyed_on, method, signed_by, categories, certificate_sha256, recorded_at, recorded_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(destructionId, input.agreementId, input.destroyedOn, input.method.trim(), input.signedBy.trim(), JSON.stringify(input.categories), input.certificateSha256, ctx.now().toISOString(), ctx.actor);
    const link = ctx.db.prepare('INSERT INTO disclosure_package_destructions (package_id, destruction_id) VALUES (?, ?)');
    for (const id of packageIds) link.run(id, destructionId);
    const audit = appendAudit(ctx, {
      action: 'disclosure.destroy',
      objectType: 'agreement',
      objectId: input.agreementId,
      summary: { destructionId, packageIds, categories: input.categories, destroyedOn: input.destroyedOn, method: input.method.trim(), certificateSha256: input.certificateSha256 },
    });
    return { destructionId, auditSeq: audit.seq };
  });
}
