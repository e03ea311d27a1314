import type { ServiceContext } from '../../../main/services/context';
import { createAgreement } from '../../../main/services/agreements-service';
import { activateAgreement, approveAgreement, submitAgreement } from '../../../main/services/agreement-review';
import type { AgreementContent } from '../../../shared/agreement/types';

/**
 * The benchmark's agreement, the worst case for the preview and the export: an audit/evaluation
 * covering every school, so every student of the district is a candidate, with a restricted
 * field (consent-dependent cells), a pseudonym, generalised and derived fields. `variant` swaps
 * the last granted field: each variant is a grant change, which makes the preview recompute.
 */
export const BENCH_AS_OF = '2026-11-20';
export const BENCH_ROLE = 'evaluator';
const OPTIONAL_FIELDS = ['assessment.readingLevel', 'assessment.mathLevel', 'transcript.gpa', 'student.homeLanguage'];

export function benchAgreement(ctx: ServiceContext, variant = 0): AgreementContent {
  const schools = ctx.db.prepare(`SELECT id FROM orgs WHERE type = 'school' ORDER BY id`).pluck().all() as string[];
  const partnerId = (ctx.db.prepare('SELECT id FROM partners ORDER BY id LIMIT 1').pluck().get() as string | undefined) ?? 'missing';
  return {
    title: 'Benchmark: district-wide attendance evaluation', partnerId, legalBasis: 'audit-evaluation',
    purpose: 'Evaluate the state attendance initiative across every school of the district.', purposeCode: 'bench-evaluation',
    basisElements: {
      representativeDesignation: 'The partner is designated as the district\'s authorized representative.', programEvaluated: 'State attendance initiative',
      programSupport: 'state', notOwnProgram: true, activityDescription: 'Compare attendance before and after the initiative, by school and grade.',
      destruction: true, protectionPolicies: 'Encrypted storage, two named analysts, aggregates only leave.', complianceCheckMethod: 'Quarterly access-log review and a destruction certificate.',
    },
    effective: '2026-08-01', expires: '2027-07-31', destroyBy: '2027-09-30',
    scope: { programIds: [], schoolIds: schools, grades: [] },
    roles: [{ id: BENCH_ROLE, label: 'Evaluator', legitimateInterest: 'Measures attendance change.', fields: [
      { field: 'student.localId', transform: 'pseudonym' }, { field: 'student.lastName', transform: 'asIs' }, { field: 'student.school', transform: 'asIs' },
      { field: 'student.grade', transform: 'asIs' }, { field: 'student.birthDate', transform: 'age' }, { field: 'attendance.rate', transform: 'chronicFlag' },
      { field: 'attendance.daysAbsent', transform: 'asIs' }, { field: 'indicator.iep', transform: 'asIs' },
      { field: OPTIONAL_FIELDS[variant % OPTIONAL_FIELDS.length]!, transform: 'asIs' },
    ] }],
  };
}

/** Creates the agreement and takes version 1 through review to active; returns its id. */
export function activeBenchAgreement(ctx: ServiceContext): string {
  const created = createAgreement(ctx, { content: benchAgreement(ctx, 0) });
  const ref = { agreementId: created.agreementId, version: 1 };
  submitAgreement(ctx, ref);
  approveAgreement(ctx, { ...ref, contentHash: created.contentHash, reviewerName: 'Bench Reviewer' });
  activateAgreement(ctx, ref);
  return created.agreementId;
}
