import { useId, useState } from 'react';
import type { AgreementDetail } from '../../../../shared/api/agreements-api';
import type { PreviewComparison, PreviewTarget } from '../../../../shared/api/preview-api';
import { useQuery } from '../../api/hooks';
import { Panel, Problem } from '../sharing/ui';
import { formatCount, transformShortLabels } from '../sharing/labels';

type Side = PreviewComparison['columns'][number]['a'];
const changeWords: Record<PreviewComparison['columns'][number]['change'], string> = {
  added: 'Only the other', removed: 'Only this one', 'transform-changed': 'Sent differently', 'decision-changed': 'Decided differently', same: 'Same',
};
const decisionWords = { shown: 'shown', transformed: 'transformed', withheld: 'withheld', conditional: 'only with consent' } as const;

function sideText(s: Side): string {
  if (!s) return 'Not sent';
  return `${transformShortLabels[s.transform]}, ${decisionWords[s.decision]} (${formatCount(s.disclosedCount)})`;
}

/** Role versus role (same version) or version versus version (same role): which fields and students differ. */
export function PreviewCompare({ target, detail }: { target: PreviewTarget; detail: AgreementDetail }) {
  const roles = detail.current.content.roles.filter((r) => r.id !== target.roleId);
  const versions = detail.versions.map((v) => v.version).filter((v) => v !== target.version);
  const [mode, setMode] = useState<'role' | 'version'>(roles.length > 0 ? 'role' : 'version');
  const [otherRole, setOtherRole] = useState(roles[0]?.id ?? '');
  const [otherVersion, setOtherVersion] = useState(versions[versions.length - 1] ?? 0);
  const [onlyDifferences, setOnlyDifferences] = useState(true);
  const id = useId();
  const role = roles.some((r) => r.id === otherRole) ? otherRole : roles[0]?.id;
  const version = versions.includes(otherVersion) ? otherVersion : versions[versions.length - 1];
  const b: PreviewTarget | null = mode === 'role' ? (role ? { ...target, roleId: role } : null) : version ? { ...target, version } : null;
  if (!b) {
    return (
      <Panel title="Compare" id="compare-heading">
        <p className="muted">This version has one role and the agreement one version: there is nothing to compare with yet.</p>
      </Panel>
    );
  }
  return (
    <Panel title="Compare" id="compare-heading">
      <div className="toolbar-inline">
        <fieldset className="choice-inline">
          <legend>Compare this preview with</legend>
          <label className="check"><input type="radio" name={`${id}-mode`} checked={mode === 'role'} disabled={roles.length === 0} onChange={() => setMode('role')} /> another role of version {target.version}</label>
          <label className="check"><input type="radio" name={`${id}-mode`} checked={mode === 'version'} disabled={versions.length === 0} onChange={() => setMode('version')} /> another version, same role</label>
        </fieldset>
        {mode === 'role' ? (
          <div className="field">
            <label htmlFor={`${id}-role`}>Other role</label>
            <select id={`${id}-role`} value={role} onChange={(e) => setOtherRole(e.target.value)}>
              {roles.map((r) => <option key={r.id} value={r.id}>{r.label || r.id}</option>)}
            </select>
          </div>
        ) : (
          <div className="field">
            <label htmlFor={`${id}-version`}>Other version</label>
            <select id={`${id}-version`} value={version} onChange={(e) => setOtherVersion(Number(e.target.value))}>
              {versions.map((v) => <option key={v} value={v}>Version {v}</option>)}
            </select>
          </div>
        )}
        <label className="check"><input type="checkbox" checked={onlyDifferences} onChange={(e) => setOnlyDifferences(e.target.checked)} /> Only fields that differ</label>
      </div>
      <Comparison a={target} b={b} onlyDifferences={onlyDifferences} aName={mode === 'role' ? roleName(detail, target.roleId) : `Version ${target.version}`} bName={mode === 'role' ? roleName(detail, b.roleId) : `Version ${b.version}`} />
    </Panel>
  );
}

const roleName = (d: AgreementDetail, id: string) => d.current.content.roles.find((r) => r.id === id)?.label || id;

function Comparison({ a, b, aName, bName, onlyDifferences }: { a: PreviewTarget; b: PreviewTarget; aName: string; bName: string; onlyDifferences: boolean }) {
  const cmp = useQuery('preview-compare', { a, b });
  if (cmp.error) return <Problem error={cmp.error} title="The comparison could not be computed" />;
  const c = cmp.data;
  if (!c) return <p className="muted" role="status">Comparing…</p>;
  const cols = onlyDifferences ? c.columns.filter((x) => x.change !== 'same') : c.columns;
  return (
    <div aria-live="polite" className="comparison">
      <p>
        <strong>{aName}</strong>: {formatCount(c.a.included)} students · <strong>{bName}</strong>: {formatCount(c.b.included)} students ·{' '}
        {formatCount(c.students.both)} in both, {formatCount(c.students.onlyA)} only in {aName}, {formatCount(c.students.onlyB)} only in {bName}.
      </p>
      {cols.length === 0 ? (
        <p>Both receive the same fields, sent the same way.</p>
      ) : (
        <table className="data-table compact" data-testid="compare-fields">
          <caption>Fields{onlyDifferences ? ' that differ' : ''}</caption>
          <thead><tr><th scope="col">Field</th><th scope="col">{aName}</th><th scope="col">{bName}</th><th scope="col">Difference</th></tr></thead>
          <tbody>
            {cols.map((x) => (
              <tr key={x.field} data-change={x.change}>
                <th scope="row">{x.label}</th>
                <td>{sideText(x.a)}</td>
                <td>{sideText(x.b)}</td>
                <td>{x.change === 'added' ? `Only ${bName}` : x.change === 'removed' ? `Only ${aName}` : changeWords[x.change]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {c.excluded.some((e) => e.a !== e.b) && (
        <table className="data-table compact">
          <caption>Students excluded, by reason</caption>
          <thead><tr><th scope="col">Reason</th><th scope="col" className="num">{aName}</th><th scope="col" className="num">{bName}</th></tr></thead>
          <tbody>
            {c.excluded.map((e) => <tr key={e.code}><th scope="row">{e.label} <code className="reason-code">{e.code}</code></th><td className="num">{formatCount(e.a)}</td><td className="num">{formatCount(e.b)}</td></tr>)}
          </tbody>
        </table>
      )}
    </div>
  );
}
