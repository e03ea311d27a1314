import type { ServiceContext } from './context';
import { appendAudit } from './audit-log';
import { completenessContext, loadVersionRow, toAgreementVersion, type VersionRow } from './agreement-store';
import { versionView } from './agreements-service';
import { inTransaction } from '../db/sql';
import { StewardError } from '../../shared/api/result';
import { toIsoDate } from '../../shared/util/dates';
import { checkCompleteness } from '../../shared/agreement/completeness';
import { nextStatus, type AgreementAction } from '../../shared/agreement/status';
import type { AgreementComment, AgreementVersionView } from '../../shared/api/agreements-api';

/**
 * Review and life cycle of a version: submit, return, comment, approve (bound to the content
 * hash, reviewer named), activate, terminate. Each step is one transaction with its audit row.
 */
interface Ref { agreementId: string; version: number }

const pastTense: Record<AgreementAction, string> = {
  submit: 'submitted for review', return: 'returned to draft', approve: 'approved', activate: 'put in force', expire: 'expired', terminate: 'terminated',
};

function transition(ctx: ServiceContext, ref: Ref, action: AgreementAction): VersionRow {
  const row = loadVersionRow(ctx, ref.agreementId, ref.version);
  const to = nextStatus(row.status, action);
  if (!to) {
    throw new StewardError('INVALID_STATE', `Version ${ref.version} is ${row.status}: it cannot be ${pastTense[action]} from that status.`);
  }
  return row;
}

/** Refuses (BAD_INPUT) while the content misses required elements, naming the first few and the rule of each. */
function assertComplete(ctx: ServiceContext, row: VersionRow, doing: string): void {
  const issues = checkCompleteness(toAgreementVersion(row).content, completenessContext(ctx));
  if (issues.length === 0) return;
  const shown = issues.slice(0, 8).map((i) => `  ${i.path}: ${i.message} (${i.rule})`).join('\n');
  const more = issues.length > 8 ? `\n  ... and ${issues.length - 8} more` : '';
  throw new StewardError('BAD_INPUT', `Version ${row.version} cannot be ${doing}: ${issues.length} required element${issues.length === 1 ? ' is' : 's are'} missing or invalid.\n${shown}${more}`, { field: issues[0]!.path });
}

function setStatus(ctx: ServiceContext, ref: Ref, status: string, extra: Record<string, string | null> = {}): void {
  const cols = Object.keys(extra);
  ctx.db.prepare(`UPDATE agreement_versions SET status = @status, updated_at = @now${cols.map((c) => `, ${c} = @${c}`).join('')} WHERE agreement_id = @agreementId AND version = @version`)
    .run({ ...extra, status, now: ctx.now().toISOString(), agreementId: ref.agreementId, version: ref.version });
}

const view = (ctx: ServiceContext, ref: Ref) => versionView(ctx, loadVersionRow(ctx, ref.agreementId, ref.version));

/** draft -> in-review, only when complete. */
export function submitAgreement(ctx: ServiceContext, ref: Ref): AgreementVersionView {
  return inTransaction(ctx.db, () => {
    const row = transition(ctx, ref, 'submit');
    assertComplete(ctx, row, 'submitted for review');
    setStatus(ctx, ref, 'in-review', { submitted_at: ctx.now().toISOString(), submitted_by: ctx.actor });
    appendAudit(ctx, { action: 'agreement.submit', objectType: 'agreement', objectId: ref.agreementId, summary: { version: ref.version, contentHash: row.contentHash } });
    return view(ctx, ref);
  });
}

/** The reviewer's name as recorded: trimmed, and refused when too short to name anyone. */
function reviewer(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 2) throw new StewardError('BAD_INPUT', 'Give the reviewer\'s full name: it is recorded with what they did.', { field: 'reviewerName' });
  return trimmed;
}

/** A comment signed by the reviewer who wrote it (not the app's actor, who may be someone else at the same desk). */
export function commentAgreement(ctx: ServiceContext, input: Ref & { body: string; path?: string | undefined; reviewerName: string }): AgreementComment {
  return inTransaction(ctx.db, () => {
    loadVersionRow(ctx, input.agreementId, input.version);
    const comment: AgreementComment = { id: ctx.newId(), version: input.version, author: reviewer(input.reviewerName), at: ctx.now().toISOString(), path: input.path ?? null, body: input.body.trim() };
    ctx.db.prepare('INSERT INTO agreement_comments (id, agreement_id, version, author, at, path, body) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(comment.id, input.agreementId, input.version, comment.author, comment.at, comment.path, comment.body);
    // The audit row records who commented and where, not the words.
    appendAudit(ctx, { action: 'agreement.comment', objectType: 'agreement', objectId: input.agreementId, summary: { version: input.version, commentId: comment.id, path: comment.path, reviewer: comment.author } });
    return comment;
  });
}

/** in-review -> draft (changes requested) by the named reviewer; the optional comment is stored signed by them. */
export function returnAgreement(ctx: ServiceContext, input: Ref & { comment?: string | undefined; reviewerName: string }): AgreementVersionView {
  return inTransaction(ctx.db, () => {
    transition(ctx, input, 'return');
    const name = reviewer(input.reviewerName);
    if (input.comment?.trim()) commentAgreement(ctx, { ...input, body: input.comment });
    setStatus(ctx, input, 'draft');
    appendAudit(ctx, { action: 'agreement.return', objectType: 'agreement', objectId: input.agreementId, summary: { version: input.version, reviewer: name } });
    return view(ctx, input);
  });
}

/**
 * in-review -> approved. The approval is bound to `contentHash`, the hash of the text the reviewer
 * read: if the version's content hash differs, nothing is approved (CONFLICT). Completeness is
 * checked again. The reviewer's name is recorded on the version and in the audit log.
 */
export function approveAgreement(ctx: ServiceContext, input: Ref & { contentHash: string; reviewerName: string }): AgreementVersionView {
  return inTransaction(ctx.db, () => {
    const row = transition(ctx, input, 'approve');
    if (row.contentHash !== input.contentHash) {
      throw new StewardError('CONFLICT', `Version ${input.version} is not the text you reviewed (its content hash is ${row.contentHash.slice(0, 12)}..., you approved ${input.contentHash.slice(0, 12)}...). Reload it, review it again, then approve.`, { field: 'contentHash' });
    }
    assertComplete(ctx, row, 'approved');
    const name = reviewer(input.reviewerName);
    setStatus(ctx, input, 'approved', { approved_by: name, approved_at: ctx.now().toISOString(), approved_hash: row.contentHash });
    appendAudit(ctx, { action: 'agreement.approve', objectType: 'agreement', objectId: input.agreementId, summary: { version: input.version, contentHash: row.contentHash, reviewer: name } });
    return view(ctx, input);
  });
}

/** approved -> active; an earlier active version is terminated as superseded. Refused after expiry. */
export function activateAgreement(ctx: ServiceContext, ref: Ref): AgreementVersionView {
  return inTransaction(ctx.db, () => {
    const row = transition(ctx, ref, 'activate');
    if (row.approvedHash !== row.contentHash) throw new StewardError('INVALID_STATE', `Version ${ref.version} has no approval for its current content: it must be reviewed and approved again.`);
    const v = toAgreementVersion(row);
    if (toIsoDate(ctx.now()) > v.content.expires) throw new StewardError('INVALID_STATE', `Version ${ref.version} expired on ${v.content.expires}: it cannot be put in force. Draft a new version with a new term.`);
    const previous = ctx.db.prepare(`SELECT version FROM agreement_versions WHERE agreement_id = ? AND status = 'active'`).pluck().get(ref.agreementId) as number | undefined;
    if (previous !== undefined) {
      setStatus(ctx, { agreementId: ref.agreementId, version: previous }, 'terminated', { ended_at: ctx.now().toISOString(), end_reason: `superseded by version ${ref.version}` });
    }
    setStatus(ctx, ref, 'active', { activated_at: ctx.now().toISOString() });
    appendAudit(ctx, { action: 'agreement.activate', objectType: 'agreement', objectId: ref.agreementId, summary: { version: ref.version, supersedes: previous ?? null, contentHash: row.contentHash } });
    return view(ctx, ref);
  });
}

/** approved or active -> terminated, with the reason recorded. */
export function terminateAgreement(ctx: ServiceContext, input: Ref & { reason: string }): AgreementVersionView {
  return inTransaction(ctx.db, () => {
    transition(ctx, input, 'terminate');
    setStatus(ctx, input, 'terminated', { ended_at: ctx.now().toISOString(), end_reason: input.reason.trim() });
    appendAudit(ctx, { action: 'agreement.terminate', objectType: 'agreement', objectId: input.agreementId, summary: { version: input.version } });
    return view(ctx, input);
  });
}
