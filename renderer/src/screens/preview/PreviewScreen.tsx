import { useEffect, useId, useMemo, useState } from 'react';
import type { ScreenProps } from '../types';
import type { PreviewTarget } from '../../../../shared/api/preview-api';
import type { AgreementDetail, CatalogInfo } from '../../../../shared/api/agreements-api';
import { useQuery } from '../../api/hooks';
import { hrefFor } from '../../app/routing';
import { Problem, StatusBadge } from '../sharing/ui';
import { RoleSelect } from '../sharing/RoleSelect';
import { basisShortLabels, longDate, statusLabels } from '../sharing/labels';
import { InclusionCounts } from './InclusionCounts';
import { FieldDecisions } from './FieldDecisions';
import { PreviewRows } from './PreviewRows';
import { PreviewCompare } from './PreviewCompare';
import '../sharing/sharing.css';

/**
 * The role preview (`#/preview[/<agreementId>[/<version>[/<roleId>]]]`): for one agreement
 * version, one role and one as-of date, exactly what the role would receive — the field list with
 * decisions, the rows (the export's rows), who is included and excluded and why, differences to
 * another role or version, and a reviewer mode over synthetic values.
 */
export default function PreviewScreen({ params }: ScreenProps) {
  const agreements = useQuery('agreements-list', {});
  const catalog = useQuery('catalog-list', {});
  const [agreementId, setAgreementId] = useState(params[0] ?? '');
  const [version, setVersion] = useState<number | null>(params[1] && /^\d+$/.test(params[1]) ? Number(params[1]) : null);
  const [roleId, setRoleId] = useState(params[2] ?? '');
  const [asOf, setAsOf] = useState('');
  const [reviewer, setReviewer] = useState(false);
  const ids = { agreement: useId(), version: useId(), asOf: useId(), asOfHint: useId() };

  // Without a choice yet, take the first agreement; its version in force, else its latest.
  const list = agreements.data ?? [];
  const chosen = list.find((a) => a.id === agreementId);
  useEffect(() => {
    if (!agreementId && list[0]) setAgreementId(list[0].id);
  }, [agreementId, list]);
  useEffect(() => {
    if (chosen && version === null) setVersion(chosen.activeVersion ?? chosen.latestVersion);
  }, [chosen, version]);

  const detail = useQuery('agreement-get', agreementId && version ? { agreementId, version } : { agreementId: agreementId || '(none)' });
  const roles = agreementId && detail.data?.id === agreementId ? detail.data.current.content.roles : [];
  useEffect(() => {
    if (roles.length > 0 && !roles.some((r) => r.id === roleId)) setRoleId(roles[0]!.id);
  }, [roles, roleId]);

  const ready = Boolean(agreementId && version && roleId && roles.some((r) => r.id === roleId));
  const target = useMemo<PreviewTarget | null>(
    () => (ready ? { agreementId, version: version!, roleId, reviewer, ...(asOf ? { asOf } : {}) } : null),
    [ready, agreementId, version, roleId, reviewer, asOf],
  );
  if (agreements.data && list.length === 0) {
    return (
      <div className="sharing">
        <p>There is no agreement to preview yet. <a href={hrefFor('agreements/new')}>Draft an agreement</a> first.</p>
      </div>
    );
  }

  return (
    <div className="sharing preview-screen">
      <p className="lede">
        Exactly what one partner role would receive: the same rows the export writes, with the reason for every withheld cell and every student left out.
      </p>
      {agreements.error && <Problem error={agreements.error} title="The agreements could not be read" />}
      <form className="toolbar preview-toolbar" aria-label="What to preview" onSubmit={(e) => e.preventDefault()}>
        <div className="field field-grow">
          <label htmlFor={ids.agreement}>Agreement</label>
          <select id={ids.agreement} value={agreementId} onChange={(e) => { setAgreementId(e.target.value); setVersion(null); setRoleId(''); setAsOf(''); }}>
            {list.map((a) => <option key={a.id} value={a.id}>{a.partnerName}: {a.title || 'Untitled'} ({basisShortLabels[a.legalBasis]})</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.version}>Version</label>
          <select id={ids.version} value={version ?? ''} onChange={(e) => setVersion(Number(e.target.value))}>
            {detail.data?.versions.map((v) => <option key={v.version} value={v.version}>Version {v.version} ({statusLabels[v.status].toLowerCase()})</option>)}
          </select>
        </div>
        <RoleSelect roles={roles} value={roleId} onChange={setRoleId} />
        <div className="field">
          <label htmlFor={ids.asOf}>As of</label>
          <input id={ids.asOf} type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} aria-describedby={ids.asOfHint} />
          <span id={ids.asOfHint} className="visually-hidden">The day the disclosure would happen: enrolments, consents, opt-outs and ages on that day decide.</span>
        </div>
        <div className="field reviewer-toggle">
          <span className="field-label" aria-hidden="true">Mode</span>
          <label className="check">
            <input type="checkbox" checked={reviewer} onChange={(e) => setReviewer(e.target.checked)} />
            Reviewer mode (synthetic values)
          </label>
        </div>
      </form>

      {reviewer && (
        <div className="reviewer-banner" role="note" aria-label="Reviewer mode">
          <p className="banner-title"><span aria-hidden="true">◆</span> Reviewer mode: no real student data on this screen</p>
          <p>Every value below is synthetic sample data (names like “Sample Student”), generated from the row number only. The decisions — which fields are shown, transformed or withheld and why, and which students are included — are the real ones.</p>
        </div>
      )}

      {target && detail.data && <PreviewBody target={target} detail={detail.data} catalog={catalog.data} onAsOf={(d) => !asOf && setAsOf(d)} />}
    </div>
  );
}

/** Everything computed for one target: summary, field list, counts, rows and comparison. */
function PreviewBody({ target, detail, catalog, onAsOf }: { target: PreviewTarget; detail: AgreementDetail; catalog: CatalogInfo | undefined; onAsOf(date: string): void }) {
  const summary = useQuery('preview-summary', target);
  const s = summary.data;
  // Once the services picked the date (today, moved into the term), show it in the date box.
  useEffect(() => {
    if (s?.asOf) onAsOf(s.asOf);
  }, [s?.asOf, onAsOf]);
  if (summary.error) return <Problem error={summary.error} title="The preview could not be computed" />;
  if (!s) return <p className="muted" role="status">Computing the preview…</p>;
  return (
    <>
      <div className="preview-heading">
        <h2 id="preview-title">
          {s.roleLabel} <span className="muted">· {detail.partnerName} · version {s.version}</span>
        </h2>
        <p>
          <StatusBadge status={s.status} /> {basisShortLabels[s.legalBasis]} · as of {longDate(s.asOf)}
        </p>
      </div>
      {s.notInForce && (
        <div className="notice notice-warn" role="note">
          <p className="notice-title">Not in force: this preview shows the version as it would operate once approved and put in force</p>
          <p>{s.notInForce.label}. Nothing is exported under it until then. <span className="rule">{s.notInForce.citation}</span></p>
        </div>
      )}
      <div className="preview-summary">
        <InclusionCounts summary={s} />
        <FieldDecisions summary={s} catalog={catalog} />
      </div>
      <PreviewRows key={JSON.stringify(target)} target={target} summary={s} reasons={catalog?.reasons ?? {}} />
      <PreviewCompare target={target} detail={detail} />
    </>
  );
}
