/**
 * The one table of reasons the policy engine gives for excluding a student or withholding a
 * field, each with plain words and the rule it comes from. The preview, the export's dictionary,
 * the CLI and the tests all read it; a code missing here cannot be produced (the type forbids it).
 * Citations are what a district's counsel checks; DOMAIN.md explains each rule.
 */
export interface ReasonInfo {
  /** Whether it excludes a whole student (no row at all), withholds one cell, or either (a refusal of the whole disclosure or of one record). */
  scope: 'student' | 'field' | 'student-or-field';
  label: string;
  citation: string;
}

export const reasons = {
  // Agreement status and term: nothing flows without an agreement in force.
  AGREEMENT_NOT_APPROVED: { scope: 'student', label: 'The agreement version is not approved yet, so nothing may be disclosed under it', citation: '34 CFR 99.31(a)(1)(i)(B), 99.31(a)(6)(iii)(C), 99.35(a)(3): disclosure only under the approved written agreement' },
  AGREEMENT_ENDED: { scope: 'student', label: 'The agreement version was terminated, superseded or has expired', citation: '34 CFR 99.31(a)(6)(iii)(C)(1), 99.35(a)(3): the agreement\'s duration' },
  AGREEMENT_NOT_YET_EFFECTIVE: { scope: 'student', label: 'The as-of date is before the agreement takes effect', citation: '34 CFR 99.31(a)(6)(iii)(C)(1): the agreement\'s term (duration)' },
  AGREEMENT_EXPIRED: { scope: 'student', label: 'The as-of date is after the agreement expires', citation: '34 CFR 99.31(a)(6)(iii)(C)(1): the agreement\'s term (duration)' },
  // Student scope: only the students the partner serves.
  STUDENT_NOT_IN_PROGRAM: { scope: 'student', label: 'Not enrolled in a program the agreement covers on the as-of date', citation: 'Agreement student scope; 34 CFR 99.31(a)(1)(ii) (only records the partner has a legitimate interest in)' },
  STUDENT_OUTSIDE_SCHOOL_SCOPE: { scope: 'student', label: 'Attends a school the agreement does not cover', citation: 'Agreement student scope; 34 CFR 99.31(a)(1)(ii)' },
  STUDENT_OUTSIDE_GRADE_SCOPE: { scope: 'student', label: 'In a grade the agreement does not cover', citation: 'Agreement student scope; 34 CFR 99.31(a)(1)(ii)' },
  STUDENT_WITHDRAWN: { scope: 'student', label: 'No longer enrolled in the district', citation: 'Agreement student scope (current students only); 34 CFR 99.31(a)(1)(ii)' },
  // Consent (34 CFR 99.30) and the transfer of rights at 18 (99.5).
  NO_CONSENT: { scope: 'student', label: 'No signed consent naming this partner is in force on the as-of date', citation: '34 CFR 99.30(a)' },
  CONSENT_DECLINED: { scope: 'student-or-field', label: 'The parent or eligible student declined consent (to this disclosure, or to this record)', citation: '34 CFR 99.30(a)' },
  CONSENT_REVOKED: { scope: 'student', label: 'Consent was revoked; it stops authorising disclosures from the revocation date', citation: '34 CFR 99.30(a) (revocation effective from its date)' },
  CONSENT_EXPIRED: { scope: 'student', label: 'The consent has expired', citation: '34 CFR 99.30(a); the consent\'s stated duration' },
  CONSENT_OTHER_AGREEMENT: { scope: 'student', label: 'The consent names another agreement with this partner', citation: '34 CFR 99.30(b)(3): the party to whom disclosure may be made' },
  CONSENT_WRONG_PURPOSE: { scope: 'student', label: 'The consent was given for a different purpose', citation: '34 CFR 99.30(b)(2): the purpose of the disclosure' },
  CONSENT_AGE_OF_MAJORITY: { scope: 'student', label: 'The student is 18: a parent\'s consent no longer authorises new disclosures, the student\'s own is needed', citation: '34 CFR 99.5(a), 99.3 (eligible student)' },
  CONSENT_SIGNER_NOT_ELIGIBLE: { scope: 'student', label: 'Signed as an eligible student before the student turned 18', citation: '34 CFR 99.3 (eligible student), 99.5(a)' },
  // Directory information (99.31(a)(11), 99.37).
  DIRECTORY_OPT_OUT: { scope: 'student', label: 'The parent or eligible student opted out of directory information', citation: '34 CFR 99.37(a)(2), 99.37(b)' },
  DIRECTORY_NO_NOTICE: { scope: 'student', label: 'The district has not given public notice of its directory designation as of this date', citation: '34 CFR 99.37(a)(1)' },
  // Field-level: default deny and the catalog.
  NOT_GRANTED: { scope: 'field', label: 'Not in this role\'s schedule of data (nothing is shared unless granted)', citation: 'Agreement schedule of data (NDPA Exhibit B); 34 CFR 99.31(a)(1)(ii)' },
  UNKNOWN_FIELD: { scope: 'field', label: 'The grant names a field the catalog does not know', citation: 'Field catalog (default deny)' },
  TRANSFORM_NOT_ALLOWED: { scope: 'field', label: 'The grant asks for a transform this field does not allow', citation: 'Field catalog: allowed transforms (default deny)' },
  CONSENT_FIELD_NOT_COVERED: { scope: 'field', label: 'The consent in force does not list this record', citation: '34 CFR 99.30(b)(1): the records that may be disclosed' },
  NOT_DIRECTORY_DESIGNATED: { scope: 'field', label: 'Not designated as directory information in the district\'s annual notice', citation: '34 CFR 99.37(a)(1)' },
  NOT_DIRECTORY_ELIGIBLE: { scope: 'field', label: 'This field can never be directory information', citation: '34 CFR 99.3 (directory information), 99.31(a)(11); 42 U.S.C. 11432(g)(3)(G) for living situation' },
  // Field-level: restricted regimes that need consent whatever the FERPA basis.
  NSLA_RESTRICTED: { scope: 'field', label: 'Meal eligibility: needs a consent covering it', citation: '42 U.S.C. 1758(b)(6); 7 CFR 245.6' },
  IDEA_RESTRICTED: { scope: 'field', label: 'Special education / disability: needs a consent covering it', citation: '34 CFR 300.622 (IDEA)' },
  SECTION_504_RESTRICTED: { scope: 'field', label: 'Section 504 plan: needs a consent covering it', citation: '29 U.S.C. 794; 34 CFR 104.36; 34 CFR 99.30 (district rule: consent)' },
  MCKINNEY_VENTO_RESTRICTED: { scope: 'field', label: 'Homeless status: needs a consent covering it', citation: '42 U.S.C. 11432(g)(3)(G)' },
  FOSTER_CARE_RESTRICTED: { scope: 'field', label: 'Foster care status: needs a consent covering it', citation: '34 CFR 99.30 (living situation; never directory information, 99.3)' },
  HEALTH_RESTRICTED: { scope: 'field', label: 'Health data: needs a consent covering it', citation: 'State health-privacy law; 34 CFR 99.30' },
  PPRA_RESTRICTED: { scope: 'field', label: 'Survey responses in PPRA-protected areas: needs a consent covering them', citation: '20 U.S.C. 1232h(b)' },
} as const satisfies Record<string, ReasonInfo>;

export type ReasonCode = keyof typeof reasons;
export const reasonCodes = Object.keys(reasons) as ReasonCode[];

/** The table entry of a code (label and citation for the preview and the dictionary). */
export function reasonInfo(code: ReasonCode): ReasonInfo {
  return reasons[code];
}
