import { createHmac } from 'node:crypto';
import type { AgreementContent, AgreementStatus, AgreementVersion, FieldGrant, LegalBasis } from '../../../shared/agreement/types';
import { catalogFields } from '../../../shared/catalog';
import type { ConsentGrant, DirectoryDesignation } from '../../../shared/consent/types';
import { compilePlan } from '../../../shared/policy/compile';
import type { PolicyPurpose, StudentFacts } from '../../../shared/policy/types';
import type { TransformContext } from '../../../shared/policy/transforms';

/** Builders for engine tests: one complete, in-force agreement, changed per test. */
export const PARTNER = 'partner-readwell';
export const AGREEMENT = 'agr-1';
export const PROGRAM = 'prog-tutoring';

export const basisElementsFor: Record<LegalBasis, Record<string, string | boolean>> = {
  'school-official': {
    institutionalFunction: 'After-school reading tutoring the district would otherwise staff itself.',
    directControl: true, redisclosureLimits: true,
    annualNoticeCriteria: 'Contracted tutors serving enrolled students are school officials (annual notice, section 4).',
  },
  studies: {
    studyPurpose: 'improve-instruction', studyScope: 'Grade 3-5 reading intervention outcomes', studyDuration: 'Two school years',
    useLimitation: true, noReidentification: true, destruction: true,
  },
  'audit-evaluation': {
    representativeDesignation: 'Evaluation Partners LLC is designated as authorized representative.',
    programEvaluated: 'Title I reading program', programSupport: 'federal', notOwnProgram: true,
    activityDescription: 'Compare reading growth of Title I participants with non-participants over one year.',
    destruction: true, protectionPolicies: 'Encrypted storage, named analysts only, no linking with other data sets.',
    complianceCheckMethod: 'Annual attestation and a district audit of access logs.',
  },
  consent: {
    consentFormWording: 'I allow the district to share the records listed below with ReadWell for reading tutoring.',
    consentRecipient: 'ReadWell Tutoring', consentPurpose: 'Reading tutoring',
  },
  directory: {},
};

export function content(over: Partial<AgreementContent> & { fields?: FieldGrant[] } = {}): AgreementContent {
  const { fields, ...rest } = over;
  const basis = rest.legalBasis ?? 'school-official';
  return {
    title: 'ReadWell reading tutoring',
    partnerId: PARTNER,
    legalBasis: basis,
    purpose: 'After-school reading tutoring for enrolled students',
    purposeCode: 'reading-tutoring',
    basisElements: basisElementsFor[basis],
    effective: '2026-08-01',
    expires: '2027-07-31',
    destroyBy: '2027-08-31',
    scope: { programIds: [PROGRAM], schoolIds: [], grades: [] },
    roles: [{ id: 'tutor', label: 'Tutor', legitimateInterest: 'Plans each student\'s reading sessions.', fields: fields ?? [{ field: 'student.firstName', transform: 'asIs' }] }],
    ...rest,
  };
}

export function version(c: AgreementContent, status: AgreementStatus = 'active'): AgreementVersion {
  return { agreementId: AGREEMENT, version: 1, status, content: c, contentHash: 'x'.repeat(64), createdAt: '2026-07-01T00:00:00Z', approval: null };
}

export const designation: DirectoryDesignation = {
  fields: ['student.firstName', 'student.lastName', 'student.grade', 'student.school', 'indicator.homeless'],
  noticeDate: '2026-08-15',
};

export function plan(c: AgreementContent, opts: { status?: AgreementStatus; asOf?: string; purpose?: PolicyPurpose; designation?: DirectoryDesignation } = {}) {
  return compilePlan({
    version: version(c, opts.status ?? 'active'), roleId: c.roles[0]!.id, catalog: catalogFields,
    designation: opts.designation ?? designation, asOf: opts.asOf ?? '2026-09-15', purpose: opts.purpose ?? 'disclose',
  });
}

export function student(over: Partial<StudentFacts> = {}): StudentFacts {
  return {
    id: 's1', birthDate: '2016-03-10', schoolId: 'sch-lincoln', grade: '04', status: 'active',
    programs: [{ programId: PROGRAM, beginDate: '2026-08-20', endDate: null }], directoryOptOut: false, ...over,
  };
}

export function consent(over: Partial<ConsentGrant> = {}): ConsentGrant {
  return {
    id: 'c1', studentId: 's1', signerRole: 'parent', status: 'granted', signedOn: '2026-08-25', revokedOn: null, expiresOn: null,
    partnerId: PARTNER, agreementId: AGREEMENT, purpose: 'reading-tutoring', fields: ['student.firstName'], ...over,
  };
}

/** A real keyed pseudonym, as main computes it (HMAC-SHA-256 with a per-partner key). */
export function tctx(key = 'partner-key-1', asOf = '2026-09-15'): TransformContext {
  return { asOf, pseudonym: (subject) => createHmac('sha256', key).update(subject).digest('hex').slice(0, 16) };
}
