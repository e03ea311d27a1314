import { useQuery } from '../../../api/hooks';
import { hrefFor } from '../../../app/routing';
import { Panel, Problem, StatusBadge } from '../../sharing/ui';
import { basisShortLabels, dateTime, statusLabels } from '../../sharing/labels';
import { editEffect } from '../../../../../shared/agreement/status';
import { ReviewActions } from './ReviewActions';
import { VersionsPanel } from './VersionsPanel';
import { VersionDiff } from './VersionDiff';
import { Comments } from './Comments';
import { ContentSummary } from './ContentSummary';

/**
 * One agreement's versions and review: the version's status and approval (bound to its content
 * hash), what still blocks it, the actions its status allows, the diff between versions,
 * reviewer comments, and the content itself.
 */
export function AgreementReview({ agreementId, version, navigate }: { agreementId: string; version: number | undefined; navigate(to: string): void }) {
  const detail = useQuery('agreement-get', version ? { agreementId, version } : { agreementId });
  const catalog = useQuery('catalog-list', {});
  const d = detail.data;
  if (detail.error) {
    return (
      <>
        <p className="breadcrumb"><a href={hrefFor('agreements')}>All agreements</a></p>
        <Problem error={detail.error} title="This agreement could not be opened" />
      </>
    );
  }
  if (!d || !catalog.data) return <p className="muted">Loading…</p>;
  const v = d.current;
  const latest = Math.max(...d.versions.map((x) => x.version));
  const isLatest = v.version === latest;
  const approvalMatches = v.approval !== null && v.approval.contentHash === v.contentHash;
  // The newest earlier version that was approved (for "this draft changes an approved version").
  const earlierApproved = d.versions.filter((x) => x.version < v.version && x.approvedBy).sort((a, b) => b.version - a.version)[0];
  const canEdit = isLatest && editEffect(v.status) !== 'refused';
  const base = `agreements/${encodeURIComponent(d.id)}`;

  return (
    <>
      <p className="breadcrumb">
        <a href={hrefFor('agreements')}>All agreements</a> <span aria-hidden="true">›</span> <a href={hrefFor(`partners/${encodeURIComponent(d.partnerId)}`)}>{d.partnerName}</a>
      </p>
      <Panel
        title={v.content.title || 'Untitled agreement'}
        id="agreement-heading"
        className="agreement-head"
        actions={
          <>
            {canEdit && (
              <button type="button" className="button-secondary" onClick={() => navigate(`${base}/edit`)}>
                {editEffect(v.status) === 'new-version' ? `Edit (creates version ${latest + 1})` : 'Edit draft'}
              </button>
            )}
            <a className="button-secondary" href={hrefFor(`agreement-document/${encodeURIComponent(d.id)}/${v.version}`)}>Agreement document</a>
            <a className="button-secondary" href={hrefFor(`preview/${encodeURIComponent(d.id)}/${v.version}`)}>Preview what each role sees</a>
          </>
        }
      >
        <dl className="facts">
          <div><dt>Partner</dt><dd>{d.partnerName}</dd></div>
          <div><dt>Legal basis</dt><dd>{basisShortLabels[v.content.legalBasis]} <span className="rule">{catalog.data.basisLabels[v.content.legalBasis].rule}</span></dd></div>
          <div><dt>Version</dt><dd>{v.version} of {latest}{!isLatest && <> · <a href={hrefFor(`${base}/v/${latest}`)}>Go to the latest</a></>}</dd></div>
          <div><dt>Status</dt><dd><StatusBadge status={v.effectiveStatus} withMeaning /></dd></div>
          <div className="fact-wide"><dt>Content hash</dt><dd><code className="hash">{v.contentHash}</code></dd></div>
        </dl>
        {v.approval && approvalMatches && (
          <p className="notice notice-ok" data-testid="approval">
            <span className="mark" aria-hidden="true">✓</span> Approved by <strong>{v.approval.by}</strong> on {dateTime(v.approval.at)} for exactly this text (content hash <code>{v.approval.contentHash.slice(0, 16)}…</code>).
          </p>
        )}
        {v.approval && !approvalMatches && (
          <p className="notice notice-warn">
            The approval by {v.approval.by} was given for other content (hash <code>{v.approval.contentHash.slice(0, 16)}…</code>). This version needs a new approval.
          </p>
        )}
        {!v.approval && (v.status === 'draft' || v.status === 'in-review') && earlierApproved && (
          <p className="notice notice-warn" data-testid="needs-approval">
            This version changes version {earlierApproved.version}, which {earlierApproved.approvedBy} approved. The changes need their own review and approval: version {earlierApproved.version} stays{' '}
            {statusLabels[d.versions.find((x) => x.version === earlierApproved.version)!.status].toLowerCase()} until then.
          </p>
        )}
        {v.endReason && <p className="muted">Ended {dateTime(v.endedAt)}: {v.endReason}.</p>}
      </Panel>

      <ReviewActions view={v} isLatest={isLatest} onChanged={detail.reload} />
      <VersionsPanel detail={d} base={base} />
      {d.versions.length > 1 && <VersionDiff agreementId={d.id} versions={d.versions.map((x) => x.version)} current={v.version} catalog={catalog.data} partnerId={d.partnerId} />}
      <Comments view={v} catalog={catalog.data} onChanged={detail.reload} />
      <ContentSummary view={v} catalog={catalog.data} />
    </>
  );
}
