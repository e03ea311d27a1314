import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { AgreementDetail, CatalogInfo } from '../../../../../shared/api/agreements-api';
import type { CompletenessIssue } from '../../../../../shared/agreement/completeness';
import type { MinimisationHint } from '../../../../../shared/agreement/hints';
import { editEffect } from '../../../../../shared/agreement/status';
import { useDebounced, useQuery } from '../../../api/hooks';
import { invoke } from '../../../api/client';
import { hrefFor } from '../../../app/routing';
import { ActionOutcome, Panel, useAction } from '../../sharing/ui';
import { slugify, statusLabels } from '../../sharing/labels';
import { controlIdFor, emptyDraft, emptyRole, followsSource, fromContent, localIssues, toContent, type EditorDraft } from './draft';
import { BasisChoice, BasisElements } from './BasisFields';
import { ScopeFields } from './ScopeFields';
import { RoleEditor } from './RoleEditor';
import { CompletenessPanel } from './CompletenessPanel';

interface Props {
  /** Editing the latest version of this agreement, or undefined to draft a new one. */
  existing?: AgreementDetail;
  catalog: CatalogInfo;
  partnerId?: string;
  navigate(to: string): void;
}

/**
 * The agreement editor: partner and basis, exactly the elements the basis requires, purpose, term,
 * student scope and roles with field grants. The completeness check and minimisation hints run
 * on the services as the steward types (the same check submit and approve enforce).
 */
export function AgreementEditor({ existing, catalog, partnerId, navigate }: Props) {
  const [draft, setDraft] = useState<EditorDraft>(() => (existing ? fromContent(existing.current.content) : emptyDraft(partnerId ?? '')));
  const partners = useQuery('partners-list', {});
  const schools = useQuery('schools-list', {});
  const directory = useQuery('directory-get', {});
  const programs = useQuery('programs-list', draft.partnerId ? { partnerId: draft.partnerId } : { partnerId: '(none)' });
  const [check, setCheck] = useState<{ issues: CompletenessIssue[]; hints: MinimisationHint[] } | null>(null);
  const [checking, setChecking] = useState(false);
  const save = useAction();

  const content = useMemo(() => toContent(draft, catalog.basisRequirements), [draft, catalog]);
  const settled = useDebounced(content ? JSON.stringify(content) : '', 300);
  useEffect(() => {
    if (!settled) {
      setCheck(null);
      return;
    }
    let live = true;
    setChecking(true);
    invoke('agreement-check', { content: JSON.parse(settled) as NonNullable<typeof content> }).then(
      (r) => live && (setCheck(r), setChecking(false)),
      () => live && setChecking(false),
    );
    return () => {
      live = false;
    };
  }, [settled]);

  const issues = [...localIssues(draft), ...(check?.issues ?? [])];
  const hints = check?.hints ?? [];
  const update = (patch: Partial<EditorDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const current = existing?.current;
  const effect = current ? editEffect(current.status) : 'in-place';
  const nextVersion = current && effect === 'new-version' ? current.version + 1 : null;

  const goTo = (issue: CompletenessIssue) => {
    const el = document.getElementById(controlIdFor(issue.path, draft));
    const closed = el?.closest('details');
    if (closed && !closed.open) closed.open = true;
    el?.focus();
    el?.scrollIntoView({ block: 'center' });
  };

  const saveDraft = async (): Promise<{ agreementId: string; version: number } | undefined> => {
    if (!content) return undefined;
    return save.run(() =>
      existing && current ? invoke('agreement-update', { agreementId: existing.id, version: current.version, content }) : invoke('agreement-create', { content }),
    );
  };
  const onSave = (e: FormEvent) => {
    e.preventDefault();
    void saveDraft().then((r) => r && navigate(`agreements/${encodeURIComponent(r.agreementId)}/v/${r.version}`));
  };
  const onSaveAndSubmit = () => {
    void saveDraft().then(async (r) => {
      if (!r) return;
      await save.run(() => invoke('agreement-submit', { agreementId: r.agreementId, version: r.version }));
      navigate(`agreements/${encodeURIComponent(r.agreementId)}/v/${r.version}`);
    });
  };

  if (current && effect === 'refused') {
    return <p>Version {current.version} is {statusLabels[current.status].toLowerCase()} and can no longer be edited. Draft a new agreement instead.</p>;
  }

  return (
    <div className="editor-layout">
      <form id="agreement-form" className="editor-form" onSubmit={onSave} noValidate aria-label={existing ? `Edit ${existing.current.content.title}` : 'New agreement'}>
        {current && nextVersion && (
          <div className="notice notice-info">
            <p className="notice-title">Saving creates version {nextVersion}</p>
            <p>
              Version {current.version} is {statusLabels[current.status].toLowerCase()}; it keeps its status{current.approval ? ' and its approval' : ''}. Version {nextVersion} starts as a draft and needs its own review and approval before it can be put in force.
            </p>
          </div>
        )}
        <Panel title="1. Partner and legal basis" id="ed-sec-basis">
          <div className="form-grid">
            <div className="field">
              <label htmlFor="ed-partnerId">Partner</label>
              <select id="ed-partnerId" value={draft.partnerId} disabled={!!existing} aria-describedby={existing ? 'ed-partner-fixed' : undefined}
                onChange={(e) => update({ partnerId: e.target.value, scope: { ...draft.scope, programIds: [] } })}>
                <option value="">Choose…</option>
                {partners.data?.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
              </select>
              {existing && <span id="ed-partner-fixed" className="hint">An agreement never changes partner.</span>}
            </div>
            <div className="field field-wide">
              <label htmlFor="ed-title">Title</label>
              <input id="ed-title" value={draft.title} maxLength={300} autoComplete="off" placeholder="After-school tutoring 2026-27"
                onChange={(e) => update({ title: e.target.value })} />
            </div>
          </div>
          <BasisChoice draft={draft} catalog={catalog} onBasis={(legalBasis) => update({ legalBasis })} />
        </Panel>

        <Panel title="2. What the legal basis requires" id="ed-sec-elements">
          <BasisElements draft={draft} catalog={catalog} onElement={(id, v) => update({ basisElements: { ...draft.basisElements, [id]: v } })} />
        </Panel>

        <Panel title="3. Purpose" id="ed-sec-purpose">
          <div className="form-grid">
            <div className="field field-wide">
              <label htmlFor="ed-purpose">Purpose, in plain words</label>
              <textarea id="ed-purpose" rows={3} value={draft.purpose} maxLength={5000} aria-describedby="ed-purpose-rule"
                onChange={(e) => update({ purpose: e.target.value, purposeCode: followsSource(draft.purposeCode, draft.purpose, purposeSlug) ? purposeSlug(e.target.value) : draft.purposeCode })} />
              <span id="ed-purpose-rule" className="rule">The data may be used only for this purpose: 34 CFR 99.33(a)(2). Shown on consent forms and the agreement document.</span>
            </div>
            <div className="field">
              <label htmlFor="ed-purposeCode">Purpose code</label>
              <input id="ed-purposeCode" value={draft.purposeCode} maxLength={80} spellCheck={false} autoComplete="off" aria-describedby="ed-purposeCode-hint"
                onChange={(e) => update({ purposeCode: e.target.value })} />
              <span id="ed-purposeCode-hint" className="hint">A short code such as reading-tutoring. Consent forms record it: a consent covers this agreement only for this purpose (99.30(b)(2)).</span>
            </div>
          </div>
        </Panel>

        <Panel title="4. Term and destruction" id="ed-sec-term">
          <div className="form-grid form-grid-3">
            <div className="field">
              <label htmlFor="ed-effective">Takes effect</label>
              <input id="ed-effective" type="date" value={draft.effective} onChange={(e) => update({ effective: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor="ed-expires">Expires</label>
              <input id="ed-expires" type="date" value={draft.expires} onChange={(e) => update({ expires: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor="ed-destroyBy">Partner destroys the data by</label>
              <input id="ed-destroyBy" type="date" value={draft.destroyBy} aria-describedby="ed-destroyBy-rule" onChange={(e) => update({ destroyBy: e.target.value })} />
              <span id="ed-destroyBy-rule" className="rule">Not before it expires. 34 CFR 99.31(a)(6)(iii)(C)(4), 99.35(a)(3)(iv); NDPA Exhibit D</span>
            </div>
          </div>
        </Panel>

        <Panel title="5. Students covered" id="ed-sec-scope">
          <ScopeFields scope={draft.scope} programs={draft.partnerId ? programs.data ?? [] : []} schools={schools.data ?? []} partnerChosen={!!draft.partnerId} onChange={(scope) => update({ scope })} />
        </Panel>

        <Panel title="6. Roles and the data each receives" id="ed-sec-roles">
          <p className="hint">Grants are include-only: a role receives exactly the fields granted here, in the form chosen, and nothing else. A field added to the catalog later is never sent until granted.</p>
          {draft.roles.map((role, i) => (
            <RoleEditor
              key={i}
              index={i}
              role={role}
              catalog={catalog}
              basis={draft.legalBasis}
              designated={directory.data?.designation.fields ?? []}
              hints={hints}
              canRemove={draft.roles.length > 1}
              onChange={(r) => update({ roles: draft.roles.map((x, j) => (j === i ? r : x)) })}
              onRemove={() => update({ roles: draft.roles.filter((_, j) => j !== i) })}
            />
          ))}
          <button type="button" id="ed-add-role" className="button-secondary" onClick={() => update({ roles: [...draft.roles, emptyRole()] })}>Add a role</button>
        </Panel>
      </form>

      <aside className="editor-side" aria-label="Check and save">
        <CompletenessPanel issues={issues} hints={hints} checking={checking} onGoTo={goTo} />
        <div className="save-box">
          <button type="submit" form="agreement-form" className="button-primary" disabled={save.busy || !content || !draft.partnerId}>
            {save.busy ? 'Saving…' : nextVersion ? `Save as version ${nextVersion} (draft)` : 'Save draft'}
          </button>
          <button type="button" className="button-secondary" disabled={save.busy || issues.length > 0} aria-describedby="ed-submit-why" onClick={onSaveAndSubmit}>
            Save and submit for review
          </button>
          <span id="ed-submit-why" className="hint">{issues.length > 0 ? 'Submitting needs a complete agreement; a draft can be saved at any time.' : 'The legal reviewer then reads and approves this exact text.'}</span>
          <a href={existing ? hrefFor(`agreements/${encodeURIComponent(existing.id)}`) : hrefFor('agreements')}>Cancel</a>
          <ActionOutcome action={save} errorTitle="The agreement was not saved" />
        </div>
      </aside>
    </div>
  );
}

const purposeSlug = (s: string) => slugify(s.split(/\s+/).slice(0, 5).join(' '), 50);
