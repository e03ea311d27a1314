import { useId, useState, type FormEvent } from 'react';
import type { AgreementVersionView, CatalogInfo } from '../../../../../shared/api/agreements-api';
import { invoke } from '../../../api/client';
import { ActionOutcome, Panel, useAction } from '../../sharing/ui';
import { dateTime } from '../../sharing/labels';

/** The places a reviewer can point a comment at: the whole version, a section, a role or one grant. */
function commentTargets(v: AgreementVersionView, catalog: CatalogInfo): { path: string; label: string }[] {
  const label = (f: string) => catalog.fields.find((x) => x.id === f)?.label ?? f;
  return [
    { path: '', label: 'The whole version' },
    { path: 'purpose', label: 'Purpose' },
    { path: 'basisElements', label: 'Legal basis elements' },
    { path: 'term', label: 'Term and destruction' },
    { path: 'scope', label: 'Students covered' },
    ...v.content.roles.flatMap((r, ri) => [
      { path: `roles[${ri}]`, label: `Role ${r.label || r.id}` },
      ...r.fields.map((g, fi) => ({ path: `roles[${ri}].fields[${fi}]`, label: `Role ${r.label || r.id}: ${label(g.field)}` })),
    ]),
  ];
}

/** Reviewer comments on this version, each signed by the reviewer who wrote it, and a form to add one. */
export function Comments({ view: v, catalog, onChanged }: { view: AgreementVersionView; catalog: CatalogInfo; onChanged(): void }) {
  const [body, setBody] = useState('');
  const [path, setPath] = useState('');
  const [name, setName] = useState('');
  const action = useAction();
  const id = useId();
  const targets = commentTargets(v, catalog);
  const where = (p: string | null) => targets.find((t) => t.path === (p ?? ''))?.label ?? p ?? 'The whole version';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim() || name.trim().length < 2) return;
    void action.run(() => invoke('agreement-comment', { agreementId: v.agreementId, version: v.version, reviewerName: name.trim(), body: body.trim(), ...(path ? { path } : {}) }), () => {
      // The name stays for the reviewer's next comment; the text is cleared.
      setBody('');
      onChanged();
      return `Comment by ${name.trim()} added.`;
    });
  };

  return (
    <Panel title={`Reviewer comments on version ${v.version}`} id="comments-heading">
      {v.comments.length === 0 && <p className="muted">No comments on this version.</p>}
      {v.comments.length > 0 && (
        <ol className="comment-list">
          {v.comments.map((c) => (
            <li key={c.id} className="comment">
              <p className="comment-meta"><strong>{c.author}</strong> · {dateTime(c.at)} · about {where(c.path)}</p>
              <p className="comment-body">{c.body}</p>
            </li>
          ))}
        </ol>
      )}
      <form onSubmit={submit} className="comment-form" aria-label={`Comment on version ${v.version}`}>
        <div className="field">
          <label htmlFor={`${id}-about`}>About</label>
          <select id={`${id}-about`} value={path} onChange={(e) => setPath(e.target.value)}>
            {targets.map((t) => <option key={t.path} value={t.path}>{t.label}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>Reviewer’s name</label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoComplete="name" required />
        </div>
        <div className="field field-grow">
          <label htmlFor={`${id}-body`}>Comment</label>
          <textarea id={`${id}-body`} rows={2} value={body} onChange={(e) => setBody(e.target.value)} maxLength={10_000} />
        </div>
        <button type="submit" className="button-secondary" disabled={action.busy || !body.trim() || name.trim().length < 2}>Add comment</button>
      </form>
      <ActionOutcome action={action} errorTitle="The comment was not added" />
    </Panel>
  );
}
