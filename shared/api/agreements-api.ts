import { z } from 'zod';
import { channel } from './channel';
import { legalBases, type AgreementContent, type AgreementStatus, type LegalBasis } from '../agreement/types';
import type { CompletenessIssue } from '../agreement/completeness';
import type { MinimisationHint } from '../agreement/hints';
import type { AgreementAction } from '../agreement/status';
import type { AgreementDiff } from '../agreement/diff';
import type { BasisElement } from '../agreement/requirements';
import type { CatalogField, TransformKind } from '../catalog/types';
import type { ReasonInfo } from '../policy/reasons';

const id = z.string().min(1).max(200);
const transformKinds = ['asIs', 'age', 'birthYear', 'zip3', 'chronicFlag', 'mask', 'pseudonym'] as const satisfies readonly TransformKind[];
/** Dates are checked by the completeness check (a draft may be saved half-filled); here only their size. */
const date = z.string().max(10);

/**
 * The versioned content of an agreement (docs/agreement-format.md). Unknown keys are refused, so a
 * misspelt key in an agreement.json file is an error rather than silently ignored.
 */
export const AgreementContentSchema = z.strictObject({
  title: z.string().max(300),
  partnerId: z.string().max(200),
  legalBasis: z.enum(legalBases as [LegalBasis, ...LegalBasis[]]),
  purpose: z.string().max(5000),
  purposeCode: z.string().max(80),
  basisElements: z.record(z.string().max(100), z.union([z.string().max(10_000), z.boolean()])),
  effective: date,
  expires: date,
  destroyBy: date,
  scope: z.strictObject({
    programIds: z.array(z.string().max(200)).max(1000),
    schoolIds: z.array(z.string().max(200)).max(1000),
    grades: z.array(z.string().max(4)).max(20),
  }),
  roles: z.array(z.strictObject({
    id: z.string().max(60),
    label: z.string().max(200),
    legitimateInterest: z.string().max(5000),
    fields: z.array(z.strictObject({ field: z.string().max(100), transform: z.enum(transformKinds) })).max(500),
  })).max(50),
}) satisfies z.ZodType<AgreementContent>;

const versionRef = { agreementId: id, version: z.number().int().min(1) };
/** The legal reviewer's name as they give it: recorded on approvals, returns and comments, and in their audit rows. */
const reviewerName = z.string().trim().min(2).max(200);

export interface AgreementSummary {
  id: string;
  partnerId: string;
  partnerName: string;
  title: string;
  legalBasis: LegalBasis;
  latestVersion: number;
  /** The latest version's status as of today (an approved/active version past expiry shows expired). */
  latestStatus: AgreementStatus;
  /** The version in force (active), if any. */
  activeVersion: number | null;
  effective: string;
  expires: string;
}

export interface AgreementComment {
  id: string;
  version: number;
  /** The reviewer who wrote it, as they gave their name (older comments: the app's actor). */
  author: string;
  at: string;
  path: string | null;
  body: string;
}

export interface AgreementVersionView {
  agreementId: string;
  version: number;
  /** Stored status. */
  status: AgreementStatus;
  /** Status as of today (expiry applied). */
  effectiveStatus: AgreementStatus;
  content: AgreementContent;
  contentHash: string;
  createdAt: string;
  createdBy: string;
  submittedAt: string | null;
  approval: { by: string; at: string; contentHash: string } | null;
  activatedAt: string | null;
  endedAt: string | null;
  endReason: string | null;
  /** Missing or invalid elements; submit and approve refuse while any remain. */
  issues: CompletenessIssue[];
  hints: MinimisationHint[];
  allowedActions: AgreementAction[];
  comments: AgreementComment[];
}

export interface AgreementDetail {
  id: string;
  partnerId: string;
  partnerName: string;
  versions: { version: number; status: AgreementStatus; contentHash: string; createdAt: string; approvedBy: string | null }[];
  /** The version asked for (default: the latest). */
  current: AgreementVersionView;
}

/** The result of an edit: the version now holding the content (a new one when the edited one was under review or later). */
export interface AgreementEditResult {
  agreementId: string;
  version: number;
  contentHash: string;
  createdNewVersion: boolean;
}

/** What the editor needs to build an agreement: catalog, basis requirements, transforms, reasons. */
export interface CatalogInfo {
  fields: CatalogField[];
  categories: string[];
  basisRequirements: Record<LegalBasis, readonly BasisElement[]>;
  basisLabels: Record<LegalBasis, { label: string; rule: string }>;
  transforms: Record<TransformKind, string>;
  reasons: Record<string, ReasonInfo>;
}

export const agreementsApi = {
  /** Agreements (optionally of one partner) with their latest and active versions. */
  'agreements-list': channel('Agreements with their latest and active versions.', z.object({ partnerId: id.optional() })).returns<AgreementSummary[]>(),
  /** One agreement: its versions, and one version (default the latest) with completeness issues, hints, allowed actions and comments. */
  'agreement-get': channel('One agreement and one of its versions, with issues, hints and comments.', z.object({ agreementId: id, version: z.number().int().min(1).optional() })).returns<AgreementDetail>(),
  /** Creates an agreement as version 1, a draft (it may be incomplete). Audited. */
  'agreement-create': channel('Create an agreement (version 1, draft).', z.object({ content: AgreementContentSchema })).returns<AgreementEditResult>(),
  /**
   * Saves new content for the latest version: a draft changes in place; an in-review, approved or
   * active version gets a new draft version (the old keeps its status and approval). Audited.
   */
  'agreement-update': channel('Edit the latest version (a new draft version after review).', z.object({ ...versionRef, content: AgreementContentSchema })).returns<AgreementEditResult>(),
  /** Checks content without saving: completeness issues and minimisation hints, for the editor as it types. */
  'agreement-check': channel('Completeness issues and minimisation hints for unsaved content.', z.object({ content: AgreementContentSchema })).returns<{ issues: CompletenessIssue[]; hints: MinimisationHint[] }>(),
  /** draft -> in-review; refused (BAD_INPUT, listing them) while completeness issues remain. Audited. */
  'agreement-submit': channel('Submit a draft for legal review.', z.object(versionRef)).returns<AgreementVersionView>(),
  /** in-review -> draft (changes requested) by the named reviewer, with an optional comment signed by them. Audited. */
  'agreement-return': channel('Return a version under review to draft.', z.object({ ...versionRef, reviewerName, comment: z.string().max(10_000).optional() })).returns<AgreementVersionView>(),
  /** Adds a comment by the named reviewer to a version (optionally at a path like roles[0].fields[2]). Audited with the reviewer's name. */
  'agreement-comment': channel('Comment on a version.', z.object({ ...versionRef, reviewerName, body: z.string().trim().min(1).max(10_000), path: z.string().max(200).optional() })).returns<AgreementComment>(),
  /**
   * in-review -> approved, bound to `contentHash` (the hash the reviewer read): CONFLICT if the
   * version's content differs. The reviewer's name is recorded. Audited.
   */
  'agreement-approve': channel('Approve a version, bound to its content hash.', z.object({ ...versionRef, contentHash: z.string().regex(/^[0-9a-f]{64}$/), reviewerName })).returns<AgreementVersionView>(),
  /** approved -> active; an earlier active version is terminated as superseded. Audited. */
  'agreement-activate': channel('Put an approved version in force.', z.object(versionRef)).returns<AgreementVersionView>(),
  /** approved or active -> terminated, with a reason. Audited. */
  'agreement-terminate': channel('Terminate a version.', z.object({ ...versionRef, reason: z.string().trim().min(3).max(1000) })).returns<AgreementVersionView>(),
  /** What changed between two versions of an agreement. */
  'agreement-diff': channel('Differences between two versions.', z.object({ agreementId: id, from: z.number().int().min(1), to: z.number().int().min(1) })).returns<AgreementDiff>(),
  /** The agreement document (HTML with print CSS) and its SHA-256. */
  'agreement-document': channel('The agreement document as printable HTML.', z.object(versionRef)).returns<{ html: string; sha256: string }>(),
  /** The field catalog and the rules the editor shows. */
  'catalog-list': channel('Field catalog, basis requirements, transforms and reason codes.', z.object({})).returns<CatalogInfo>(),
};
