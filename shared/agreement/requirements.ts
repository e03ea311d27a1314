import type { LegalBasis } from './types';

/**
 * The elements each legal basis requires the written agreement to contain, each with the rule it
 * comes from (DOMAIN.md; PTAC Written Agreement Checklist). They are stored in
 * `AgreementContent.basisElements` under `id`. The completeness check, the editor and the
 * agreement document all read this table.
 *
 * - text: a non-empty statement (at least `minLength` characters, so "n/a" does not pass)
 * - affirm: a clause the partner accepts; must be `true`
 * - choice: one of `choices`
 */
export interface BasisElement {
  id: string;
  label: string;
  kind: 'text' | 'affirm' | 'choice';
  choices?: readonly { value: string; label: string }[];
  minLength?: number;
  rule: string;
  /** The clause as it appears in the agreement document (affirm) or the question the editor asks (text/choice). */
  clause: string;
}

/** Studies may only be for these purposes (99.31(a)(6)(i)). */
export const studyPurposes = [
  { value: 'develop-tests', label: 'Develop, validate, or administer predictive tests' },
  { value: 'administer-student-aid', label: 'Administer student aid programs' },
  { value: 'improve-instruction', label: 'Improve instruction' },
] as const;

const text = (id: string, label: string, rule: string, clause: string, minLength = 10): BasisElement => ({ id, label, kind: 'text', minLength, rule, clause });
const affirm = (id: string, label: string, rule: string, clause: string): BasisElement => ({ id, label, kind: 'affirm', rule, clause });

export const basisRequirements: Record<LegalBasis, readonly BasisElement[]> = {
  studies: [
    { id: 'studyPurpose', label: 'Purpose of the study', kind: 'choice', choices: studyPurposes, rule: '34 CFR 99.31(a)(6)(i)', clause: 'The study is conducted for, or on behalf of, the district to:' },
    text('studyScope', 'Scope of the study', '34 CFR 99.31(a)(6)(iii)(C)(1)', 'The scope of the study:'),
    text('studyDuration', 'Duration of the study', '34 CFR 99.31(a)(6)(iii)(C)(1)', 'The duration of the study:', 3),
    affirm('useLimitation', 'Use limited to the study\'s purpose', '34 CFR 99.31(a)(6)(iii)(C)(2)', 'The organization uses personally identifiable information only to meet the purpose or purposes of the study stated in this agreement.'),
    affirm('noReidentification', 'No identification outside the study\'s representatives', '34 CFR 99.31(a)(6)(iii)(A), (C)(3)', 'The organization conducts the study so that parents and students cannot be personally identified by anyone other than its representatives with legitimate interests in the information.'),
    affirm('destruction', 'Destruction when no longer needed, by the destroy-by date', '34 CFR 99.31(a)(6)(iii)(C)(4)', 'The organization destroys all personally identifiable information when it is no longer needed for the purposes of the study, and no later than the destroy-by date of this agreement.'),
  ],
  'audit-evaluation': [
    text('representativeDesignation', 'Designation of the authorized representative', '34 CFR 99.35(a)(3)(i)', 'The district designates as its authorized representative:'),
    text('programEvaluated', 'Education program evaluated', '34 CFR 99.35(a)(3)(ii)(B)', 'The Federal- or State-supported education program audited or evaluated:'),
    { id: 'programSupport', label: 'How the program is supported', kind: 'choice', choices: [
      { value: 'federal', label: 'Federally supported' }, { value: 'state', label: 'State supported' }, { value: 'federal-and-state', label: 'Federally and State supported' },
    ], rule: '34 CFR 99.35(a)(1)', clause: 'The program is:' },
    affirm('notOwnProgram', 'Not the partner evaluating its own program', '34 CFR 99.35(a)(1); 99.3 (authorized representative)', 'The authorized representative evaluates the district\'s program, not a program of its own.'),
    text('activityDescription', 'Description of the activity', '34 CFR 99.35(a)(3)(ii)(C)', 'The audit or evaluation activity, and how the information disclosed is used for it:', 20),
    affirm('destruction', 'Destruction when no longer needed, by the destroy-by date', '34 CFR 99.35(a)(3)(iii), (iv)', 'The authorized representative destroys the personally identifiable information when it is no longer needed for the purpose specified, and no later than the destroy-by date of this agreement.'),
    text('protectionPolicies', 'Policies that protect the information', '34 CFR 99.35(a)(3)(v)', 'Policies and procedures that protect the information from further disclosure and unauthorized use, limiting use to representatives with legitimate interests:', 20),
    text('complianceCheckMethod', 'How the district checks compliance', '34 CFR 99.35(a)(2)', 'The reasonable methods the district uses to ensure the authorized representative complies:', 20),
  ],
  'school-official': [
    text('institutionalFunction', 'Institutional service or function', '34 CFR 99.31(a)(1)(i)(B)(1)', 'The institutional service or function the partner performs, for which the district would otherwise use its own employees:', 20),
    affirm('directControl', 'Under the district\'s direct control', '34 CFR 99.31(a)(1)(i)(B)(2)', 'The partner is under the district\'s direct control with respect to the use and maintenance of the education records.'),
    affirm('redisclosureLimits', 'Bound by the redisclosure limits', '34 CFR 99.31(a)(1)(i)(B)(3), 99.33(a)', 'The partner is subject to 34 CFR 99.33(a): it uses the information only for the purposes of the disclosure and does not disclose it to any other party.'),
    text('annualNoticeCriteria', 'School-official criteria in the annual notice', '34 CFR 99.7(a)(3)(iii)', 'The criteria in the district\'s annual FERPA notice under which this partner is a school official with a legitimate educational interest:', 20),
  ],
  consent: [
    text('consentFormWording', 'Consent form wording', '34 CFR 99.30(a), (b)', 'The wording of the consent form parents (or eligible students) sign:', 40),
    text('consentRecipient', 'Recipient named on the form', '34 CFR 99.30(b)(3)', 'The party or class of parties named on the form as the recipient:', 3),
    text('consentPurpose', 'Purpose stated on the form', '34 CFR 99.30(b)(2)', 'The purpose of the disclosure as stated on the form:'),
  ],
  directory: [],
};

/** Plain words for each basis, with its rule, for the editor and the document. */
export const basisLabels: Record<LegalBasis, { label: string; rule: string }> = {
  consent: { label: 'Written consent of the parent or eligible student', rule: '34 CFR 99.30' },
  'school-official': { label: 'School official with a legitimate educational interest', rule: '34 CFR 99.31(a)(1)(i)(B)' },
  studies: { label: 'Studies for, or on behalf of, the district', rule: '34 CFR 99.31(a)(6)' },
  'audit-evaluation': { label: 'Audit or evaluation of an education program', rule: '34 CFR 99.31(a)(3), 99.35' },
  directory: { label: 'Directory information', rule: '34 CFR 99.31(a)(11), 99.37' },
};
