import { useId, useState } from 'react';
import type { CatalogInfo } from '../../../../../shared/api/agreements-api';
import { useQuery } from '../../../api/hooks';
import { Panel, Problem } from '../../sharing/ui';
import { transformShortLabels } from '../../sharing/labels';

const termLabels: Record<string, string> = {
  title: 'Title', partnerId: 'Partner', legalBasis: 'Legal basis', purpose: 'Purpose', purposeCode: 'Purpose code',
  effective: 'Takes effect', expires: 'Expires', destroyBy: 'Destroy by',
};
const scopeLabels = { programIds: 'Programs', schoolIds: 'Schools', grades: 'Grades' } as const;

const show = (v: unknown) => (v === null || v === undefined || v === '' ? '(none)' : v === true ? 'Yes (clause included)' : v === false ? 'No' : String(v));

/** What changed between two versions: terms, basis elements, scope, and per role the fields added, removed or sent differently. */
export function VersionDiff({ agreementId, versions, current, catalog, partnerId }: { agreementId: string; versions: number[]; current: number; catalog: CatalogInfo; partnerId: string }) {
  const sorted = [...versions].sort((a, b) => a - b);
  const [to, setTo] = useState(current);
  const [from, setFrom] = useState(() => sorted.filter((n) => n < current).pop() ?? sorted[0]!);
  const diff = useQuery('agreement-diff', { agreementId, from, to });
  const programs = useQuery('programs-list', { partnerId });
  const schools = useQuery('schools-list', {});
  const id = useId();
  const fieldLabel = (f: string) => catalog.fields.find((x) => x.id === f)?.label ?? f;
  const scopeName = (key: keyof typeof scopeLabels, v: string) =>
    key === 'programIds' ? programs.data?.find((p) => p.id === v)?.name ?? v : key === 'schoolIds' ? schools.data?.find((s) => s.id === v)?.name ?? v : v;
  const d = diff.data;

  return (
    <Panel title="Differences between versions" id="diff-heading">
      <div className="toolbar-inline">
        <div className="field">
          <label htmlFor={`${id}-from`}>From version</label>
          <select id={`${id}-from`} value={from} onChange={(e) => setFrom(Number(e.target.value))}>
            {sorted.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>To version</label>
          <select id={`${id}-to`} value={to} onChange={(e) => setTo(Number(e.target.value))}>
            {sorted.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </div>
      </div>
      {diff.error && <Problem error={diff.error} title="The differences could not be computed" />}
      <div aria-live="polite">
        {d && d.same && <p>Versions {from} and {to} have the same content.</p>}
        {d && !d.same && (
          <div className="diff">
            {d.terms.length + d.basisElements.length > 0 && (
              <table className="data-table compact">
                <caption>Changed terms</caption>
                <thead><tr><th scope="col">Term</th><th scope="col">Version {from}</th><th scope="col">Version {to}</th></tr></thead>
                <tbody>
                  {d.terms.map((t) => <tr key={t.key}><th scope="row">{termLabels[t.key] ?? t.key}</th><td><del>{show(t.from)}</del></td><td><ins>{show(t.to)}</ins></td></tr>)}
                  {d.basisElements.map((t) => (
                    <tr key={t.key}>
                      <th scope="row">{Object.values(catalog.basisRequirements).flat().find((e) => e.id === t.key)?.label ?? t.key}</th>
                      <td><del>{show(t.from)}</del></td><td><ins>{show(t.to)}</ins></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {d.scope.map((s) => (
              <p key={s.key}>
                <strong>{scopeLabels[s.key]}:</strong>{' '}
                {s.added.length > 0 && <span className="diff-added">added {s.added.map((v) => scopeName(s.key, v)).join(', ')}</span>}
                {s.added.length > 0 && s.removed.length > 0 && '; '}
                {s.removed.length > 0 && <span className="diff-removed">removed {s.removed.map((v) => scopeName(s.key, v)).join(', ')}</span>}
              </p>
            ))}
            {d.roles.map((r) => (
              <section key={r.roleId} className="diff-role" aria-label={`Role ${r.roleId}`}>
                <h3>Role {r.roleId} <span className="muted">({r.change === 'added' ? 'new role' : r.change === 'removed' ? 'role removed' : 'changed'})</span></h3>
                <ul>
                  {r.fieldsAdded.map((f) => <li key={`a${f.field}`} className="diff-added"><span className="diff-sign" aria-hidden="true">+</span> Added {fieldLabel(f.field)} <span className="muted">({transformShortLabels[f.transform]})</span></li>)}
                  {r.fieldsRemoved.map((f) => <li key={`r${f.field}`} className="diff-removed"><span className="diff-sign" aria-hidden="true">−</span> Removed {fieldLabel(f.field)} <span className="muted">({transformShortLabels[f.transform]})</span></li>)}
                  {r.transformsChanged.map((f) => <li key={`t${f.field}`}><span className="diff-sign" aria-hidden="true">~</span> {fieldLabel(f.field)}: sent as {transformShortLabels[f.to].toLowerCase()} instead of {transformShortLabels[f.from].toLowerCase()}</li>)}
                  {r.propertiesChanged.map((p) => <li key={`p${p.key}`}><span className="diff-sign" aria-hidden="true">~</span> {p.key === 'label' ? 'Name' : 'Legitimate interest'} changed from “{p.from}” to “{p.to}”</li>)}
                </ul>
              </section>
            ))}
          </div>
        )}
      </div>
    </Panel>
  );
}
