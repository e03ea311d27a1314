import type { CatalogField } from '../catalog/types';
import { ageOn, isIsoDate, type IsoDate } from '../util/dates';
import { evidenceMediaTypes, type ConsentDraft, type ConsentIssue } from './record';
import { eighteenthBirthday } from './rules';

/** What the service looked up about the ids a draft names (null: not found). */
export interface ConsentFacts {
  /** The district's today (the service's clock), for "not signed in the future". */
  today: IsoDate;
  student: { birthDate: IsoDate | null } | null;
  /** Guardians on record for the student (student_guardians), with their relationship. */
  guardians: { guardianId: string; relationship: string }[];
  partnerExists: boolean;
  /** The named agreement, or null when the draft names none or it does not exist. */
  agreement: { partnerId: string; purposeCode: string } | null;
  catalog: readonly CatalogField[];
}

/** A purpose code: a short slug, like the agreement's `purposeCode` (e.g. `reading-tutoring`). */
export const purposeCodePattern = /^[a-z0-9][a-z0-9-]{0,79}$/;

/** Words people use for blanket consent; 99.30(b)(1) wants the records specified instead. */
const blanketWords = /^(\*|all|any|everything|other|any other information|all records|all data)$/i;

/**
 * Checks that a draft is a consent 34 CFR 99.30 accepts and that its dates and people make sense:
 * - the records are itemised by catalog field (99.30(b)(1)), never blanket wording;
 * - a purpose (99.30(b)(2)) and a recipient (99.30(b)(3)) are named; the agreement, if named,
 *   belongs to that partner and the purpose is the agreement's purpose code;
 * - signed and dated (99.30(a)): signed on or before today, expiry after signing, revocation on
 *   or after signing and not in the future;
 * - the signer is a guardian on record while the student is under 18, or the student themself
 *   from the 18th birthday (99.3 "eligible student", 99.5(a));
 * - evidence of the signature is attached; an electronic signature says how the signer was
 *   authenticated (99.30(d)).
 * Returns every problem found (empty: valid). Messages carry ids and field names, never names.
 */
export function validateConsentDraft(d: ConsentDraft, facts: ConsentFacts): ConsentIssue[] {
  const issues: ConsentIssue[] = [];
  const add = (field: string, code: string, message: string) => issues.push({ field, code, message });

  if (!facts.student) add('studentId', 'UNKNOWN_STUDENT', `No student with id '${d.studentId}' in this store. Check the id (students list).`);
  if (!facts.partnerExists) add('partnerId', 'UNKNOWN_PARTNER', `No partner with id '${d.partnerId}'. A consent must name its recipient (34 CFR 99.30(b)(3)).`);
  if (d.agreementId !== null) {
    if (!facts.agreement) add('agreementId', 'UNKNOWN_AGREEMENT', `No agreement with id '${d.agreementId}'. Check the id, or leave the agreement out to name the partner only.`);
    else if (facts.agreement.partnerId !== d.partnerId) add('agreementId', 'AGREEMENT_OTHER_PARTNER', `Agreement '${d.agreementId}' is with another partner than '${d.partnerId}'.`);
    else if (facts.agreement.purposeCode !== d.purpose) add('purpose', 'PURPOSE_NOT_AGREEMENT', `The purpose must be the agreement's purpose code '${facts.agreement.purposeCode}' (34 CFR 99.30(b)(2)).`);
  }
  if (!d.purpose.trim()) add('purpose', 'MISSING_PURPOSE', 'A consent must state the purpose of the disclosure (34 CFR 99.30(b)(2)).');
  else if (!purposeCodePattern.test(d.purpose)) add('purpose', 'BAD_PURPOSE', `Purpose '${d.purpose.slice(0, 80)}' is not a purpose code: use lower-case letters, digits and dashes, like the agreement's purpose code.`);

  checkFields(d, facts, add);
  checkDates(d, facts.today, add);
  checkSigner(d, facts, add);

  if (d.method === 'electronic' && !d.esignAuthentication?.trim()) {
    add('esignAuthentication', 'ESIGN_UNAUTHENTICATED', 'An electronic signature must say how the signer was authenticated (34 CFR 99.30(d)), e.g. "parent portal login + SMS code".');
  }
  if (d.method === 'paper-scan' && d.esignAuthentication) add('esignAuthentication', 'ESIGN_ON_PAPER', 'Authentication details belong to electronic signatures only; leave them out for a scanned paper form.');
  if (!d.evidence) add('evidence', 'MISSING_EVIDENCE', 'Attach the signed form (scan) or the e-signature record: a consent without evidence cannot be recorded.');
  else {
    if (d.evidence.byteSize <= 0) add('evidence', 'EMPTY_EVIDENCE', `The evidence file '${d.evidence.fileName}' is empty.`);
    if (!(evidenceMediaTypes as readonly string[]).includes(d.evidence.mediaType)) add('evidence', 'EVIDENCE_TYPE', `The evidence file must be PDF, PNG, JPEG or TIFF (got ${d.evidence.mediaType}).`);
    if (!/^[0-9a-f]{64}$/.test(d.evidence.sha256)) add('evidence', 'EVIDENCE_HASH', 'The evidence file has no valid SHA-256.');
  }
  return issues;
}

type Add = (field: string, code: string, message: string) => void;

function checkFields(d: ConsentDraft, facts: ConsentFacts, add: Add): void {
  if (d.fields.length === 0) add('fields', 'NO_FIELDS', 'List the records the consent covers, field by field (34 CFR 99.30(b)(1)).');
  const known = new Set(facts.catalog.map((f) => f.id));
  const seen = new Set<string>();
  for (const f of d.fields) {
    if (blanketWords.test(f.trim())) add('fields', 'BLANKET_CONSENT', `'${f}' is blanket wording; a consent must list each record (34 CFR 99.30(b)(1)). Name catalog fields instead.`);
    else if (!known.has(f)) add('fields', 'UNKNOWN_FIELD', `'${f}' is not a catalog field id (e.g. indicator.mealEligibility).`);
    else if (seen.has(f)) add('fields', 'DUPLICATE_FIELD', `Field '${f}' is listed twice.`);
    seen.add(f);
  }
}

function checkDates(d: ConsentDraft, today: IsoDate, add: Add): void {
  const signedOk = isIsoDate(d.signedOn);
  if (!signedOk) add('signedOn', 'BAD_DATE', `Signing date '${d.signedOn}' is not a date (yyyy-mm-dd). A consent must be dated (34 CFR 99.30(a)).`);
  else if (d.signedOn > today) add('signedOn', 'SIGNED_IN_FUTURE', `Signing date ${d.signedOn} is after today (${today}).`);
  if (d.expiresOn !== null) {
    if (!isIsoDate(d.expiresOn)) add('expiresOn', 'BAD_DATE', `Expiry '${d.expiresOn}' is not a date (yyyy-mm-dd).`);
    else if (signedOk && d.expiresOn <= d.signedOn) add('expiresOn', 'EXPIRES_BEFORE_SIGNED', `Expiry ${d.expiresOn} must be after the signing date ${d.signedOn}.`);
  }
  if (d.status === 'revoked') {
    if (d.revokedOn === null) add('revokedOn', 'MISSING_REVOCATION_DATE', 'A revoked consent needs the date the revocation was received.');
    else if (!isIsoDate(d.revokedOn)) add('revokedOn', 'BAD_DATE', `Revocation date '${d.revokedOn}' is not a date (yyyy-mm-dd).`);
    else if (signedOk && d.revokedOn < d.signedOn) add('revokedOn', 'REVOKED_BEFORE_SIGNED', `Revocation ${d.revokedOn} is before the signing date ${d.signedOn}.`);
    else if (d.revokedOn > today) add('revokedOn', 'REVOKED_IN_FUTURE', `Revocation date ${d.revokedOn} is after today (${today}); record it when it is received.`);
  } else if (d.revokedOn !== null || d.revocationReason !== null) {
    add('revokedOn', 'REVOCATION_ON_UNREVOKED', `A revocation date or reason belongs only to a revoked consent (status is ${d.status}).`);
  }
}

function checkSigner(d: ConsentDraft, facts: ConsentFacts, add: Add): void {
  const birthDate = facts.student?.birthDate ?? null;
  const adulthood = eighteenthBirthday(birthDate);
  const signedOk = isIsoDate(d.signedOn);
  if (d.signerRole === 'parent') {
    if (!d.guardianId) add('guardianId', 'MISSING_SIGNER', 'Name the guardian on record who signed (guardian id).');
    else if (facts.student && !facts.guardians.some((g) => g.guardianId === d.guardianId)) {
      add('guardianId', 'SIGNER_NOT_GUARDIAN', `Guardian '${d.guardianId}' is not on record for student '${d.studentId}'. Only a parent or guardian on record may sign; update the SIS first if this is a new guardian.`);
    }
    if (adulthood && signedOk && d.signedOn >= adulthood) {
      add('signerRole', 'STUDENT_IS_ELIGIBLE', `Student '${d.studentId}' was 18 or older on ${d.signedOn}: the rights have passed to the student, who must sign (34 CFR 99.3, 99.5(a)).`);
    }
  } else {
    if (d.guardianId) add('guardianId', 'GUARDIAN_FOR_STUDENT_SIGNER', 'A consent signed by the eligible student names no guardian.');
    if (facts.student && !birthDate) add('signerRole', 'AGE_UNKNOWN', `Student '${d.studentId}' has no birth date on record, so Steward cannot tell they are 18; a guardian must sign.`);
    else if (birthDate && signedOk && ageOn(birthDate, d.signedOn) < 18) {
      add('signerRole', 'STUDENT_UNDER_18', `Student '${d.studentId}' was under 18 on ${d.signedOn}: a parent or guardian on record must sign (34 CFR 99.3 "eligible student", 99.5(a)).`);
    }
  }
}
