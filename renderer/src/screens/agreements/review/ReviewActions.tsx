import { useId, useState, type FormEvent } from 'react';
import type { AgreementVersionView } from '../../../../../shared/api/agreements-api';
import { invoke } from '../../../api/client';
import { ActionOutcome, Panel, useAction } from '../../sharing/ui';
import { dateTime, longDate, plural } from '../../sharing/labels';

interface Props {
  view: AgreementVersionView;
  isLatest: boolean;
  onChanged(): void;
}

/**
 * What can happen to this version now, from its status: submit (only when complete), return or
 * approve (the reviewer names themselves; the approval carries the content hash shown here, so
 * text changed since loading is refused), put in force, terminate.
 */
export function ReviewActions({ view: v, isLatest, onChanged }: Props) {
  const action = useAction();
  const ref = { agreementId: v.agreementId, version: v.version };
  const done = (what: string) => () => {
    onChanged();
    return what;
  };
  const can = (a: string) => v.allowedActions.includes(a as never);
  const blocked = v.issues.length > 0;

  return (
    <Panel title="Review" id="review-heading" className="review-panel">
      {v.status === 'draft' && (
        <div className="review-step">
          <p>
            {blocked
              ? <>This draft cannot go to the legal reviewer yet: {plural(v.issues.length, 'required element')} {v.issues.length === 1 ? 'is' : 'are'} missing or invalid.</>
              : <>The draft is complete. Submitting sends this exact text (content hash <code>{v.contentHash.slice(0, 12)}…</code>) to the legal reviewer.</>}
          </p>
          {blocked && (
            <ol className="issue-list" aria-label="What blocks submission">
              {v.issues.map((i) => (
                <li key={`${i.path}|${i.message}`}>{i.message} <span className="rule">{i.rule}</span></li>
              ))}
            </ol>
          )}
          <button type="button" className="button-primary" disabled={blocked || action.busy || !isLatest} onClick={() => void action.run(() => invoke('agreement-submit', ref), done(`Version ${v.version} was submitted for legal review.`))}>
            Submit for legal review
          </button>
        </div>
      )}
      {v.status === 'in-review' && <ApproveForm view={v} busy={action.busy} onApprove={(reviewerName) => void action.run(() => invoke('agreement-approve', { ...ref, contentHash: v.contentHash, reviewerName }), done(`Version ${v.version} was approved by ${reviewerName}.`))} onReturn={(reviewerName, comment) => void action.run(() => invoke('agreement-return', { ...ref, reviewerName, ...(comment ? { comment } : {}) }), done(`Version ${v.version} was returned to draft by ${reviewerName}.`))} />}
      {can('activate') && (
        <div className="review-step">
          <p>Approved. Putting it in force lets packages for its roles be exported{v.version > 1 ? '; a version in force before it is ended as superseded' : ''}.</p>
          <button type="button" className="button-primary" disabled={action.busy} onClick={() => void action.run(() => invoke('agreement-activate', ref), done(`Version ${v.version} is now in force.`))}>
            Put version {v.version} in force
          </button>
        </div>
      )}
      {v.status === 'active' && (
        <p>
          In force since {dateTime(v.activatedAt)}, until it expires on {longDate(v.content.expires)}. Packages for its roles may be exported; the partner destroys the data by {longDate(v.content.destroyBy)}.
        </p>
      )}
      {can('terminate') && <TerminateForm busy={action.busy} onTerminate={(reason) => void action.run(() => invoke('agreement-terminate', { ...ref, reason }), done(`Version ${v.version} was terminated.`))} />}
      {(v.status === 'expired' || v.status === 'terminated') && <p>This version has ended; nothing flows under it. Its record stays for the audit trail.</p>}
      <ActionOutcome action={action} errorTitle="That was not done" />
    </Panel>
  );
}

/** Approve or return: either way the reviewer names themselves once, above both (recorded with the approval, the return and its comment). */
function ApproveForm({ view: v, busy, onApprove, onReturn }: { view: AgreementVersionView; busy: boolean; onApprove(name: string): void; onReturn(name: string, comment: string): void }) {
  const [name, setName] = useState('');
  const [comment, setComment] = useState('');
  const id = useId();
  const named = name.trim().length >= 2;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (named) onApprove(name.trim());
  };
  return (
    <div className="review-step">
      <div className="field reviewer-name">
        <label htmlFor={`${id}-name`}>Reviewer’s full name</label>
        <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoComplete="name" required aria-describedby={`${id}-name-why`} />
        <p id={`${id}-name-why`} className="field-note">Recorded with your approval, or with the return and its comment.</p>
      </div>
      <div className="review-columns">
        <form onSubmit={submit} aria-labelledby={`${id}-approve`} className="review-box">
          <h3 id={`${id}-approve`}>Approve as the legal reviewer</h3>
          <p>
            You approve exactly the text of version {v.version} as it is now: content hash <code className="hash">{v.contentHash}</code>. If anyone changes it, it becomes a new version that needs its own approval.
          </p>
          <button type="submit" className="button-primary" disabled={busy || !named}>Approve version {v.version}</button>
        </form>
        <form onSubmit={(e) => { e.preventDefault(); if (named) onReturn(name.trim(), comment.trim()); }} aria-labelledby={`${id}-return`} className="review-box">
          <h3 id={`${id}-return`}>Or return it for changes</h3>
          <div className="field">
            <label htmlFor={`${id}-why`}>What needs to change <span className="optional">(optional, kept as a comment)</span></label>
            <textarea id={`${id}-why`} rows={3} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={10_000} />
          </div>
          <button type="submit" className="button-secondary" disabled={busy || !named}>Return to draft</button>
        </form>
      </div>
    </div>
  );
}

function TerminateForm({ busy, onTerminate }: { busy: boolean; onTerminate(reason: string): void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const id = useId();
  if (!open) {
    return (
      <div className="review-step">
        <button type="button" className="button-danger-outline" onClick={() => setOpen(true)}>Terminate this version…</button>
      </div>
    );
  }
  return (
    <form className="review-step review-box" aria-labelledby={`${id}-t`} onSubmit={(e) => { e.preventDefault(); if (reason.trim().length >= 3) onTerminate(reason.trim()); }}>
      <h3 id={`${id}-t`}>Terminate this version</h3>
      <p>Nothing flows under a terminated version, and it cannot be revived. The partner must destroy the data it holds by the destroy-by date.</p>
      <div className="field">
        <label htmlFor={`${id}-r`}>Reason</label>
        <input id={`${id}-r`} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} required autoComplete="off" />
      </div>
      <div className="form-actions">
        <button type="submit" className="button-danger" disabled={busy || reason.trim().length < 3}>Terminate</button>
        <button type="button" className="button-secondary" onClick={() => setOpen(false)}>Cancel</button>
      </div>
    </form>
  );
}
