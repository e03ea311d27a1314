import { useEffect, useId, useMemo, useState } from 'react';
import type { ScreenProps } from '../types';
import type { ProgressEvent } from '../../../../shared/api/events';
import type { PackageExportResult } from '../../../../shared/api/packages-api';
import { invoke } from '../../api/client';
import { useEvent, useQuery } from '../../api/hooks';
import { Problem, useAction } from '../sharing/ui';
import { RoleSelect } from '../sharing/RoleSelect';
import { Fingerprint } from './Fingerprint';
import '../../styles/records.css';
import './packages.css';

const count = new Intl.NumberFormat('en-US');

/**
 * `#/package-export`: the export dialog. Agreement (active versions only), role, destination
 * (a path typed in: the desktop shell may offer a save dialog later), progress while it runs,
 * then what was written: records, package id, and the file's fingerprint for the partner to
 * compare. Below, the packages sent, and recording a partner's destruction certificate.
 */
export default function ExportScreen(_props: ScreenProps) {
  const agreements = useQuery('agreements-list', {});
  const active = useMemo(() => (agreements.data ?? []).filter((a) => a.activeVersion !== null), [agreements.data]);
  const [agreementId, setAgreementId] = useState('');
  const [roleId, setRoleId] = useState('');
  const [destination, setDestination] = useState('');
  const [taskId, setTaskId] = useState('');
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const [result, setResult] = useState<PackageExportResult | null>(null);
  const action = useAction();
  const sent = useQuery('packages-list', {});
  const ids = { agreement: useId(), dest: useId(), destHint: useId() };

  useEffect(() => {
    if (!agreementId && active[0]) setAgreementId(active[0].id);
  }, [agreementId, active]);
  const chosen = active.find((a) => a.id === agreementId);
  const detail = useQuery('agreement-get', chosen ? { agreementId: chosen.id, version: chosen.activeVersion! } : { agreementId: '(none)' });
  const roles = chosen && detail.data?.id === chosen.id ? detail.data.current.content.roles : [];
  useEffect(() => {
    if (roles.length > 0 && !roles.some((r) => r.id === roleId)) setRoleId(roles[0]!.id);
  }, [roles, roleId]);
  useEvent('export-progress', (p) => {
    if (p.taskId === taskId) setProgress(p);
  });

  const start = () => {
    if (!chosen) return;
    const task = `export-${Date.now()}`;
    setTaskId(task);
    setProgress(null);
    setResult(null);
    void action.run(() => invoke('package-export', { agreementId: chosen.id, version: chosen.activeVersion!, roleId, destination: destination.trim(), taskId: task }), (r) => {
      setResult(r);
      sent.reload();
      return `Package written: ${count.format(r.recordCount)} records.`;
    });
  };

  if (agreements.data && active.length === 0) {
    return <div className="packages"><p className="empty">No agreement is active: a package can only be sent under an approved, active agreement version.</p></div>;
  }
  return (
    <div className="packages export-screen">
      <p className="lede">A package holds exactly the role preview&apos;s rows for today, signed by the district and encrypted so only the partner can open it. Sending it records the FERPA disclosures.</p>
      {agreements.error && <Problem error={agreements.error} title="The agreements could not be read" />}
      <form className="toolbar" aria-label="Package to send" onSubmit={(e) => { e.preventDefault(); start(); }}>
        <div className="field field-grow">
          <label htmlFor={ids.agreement}>Agreement (active version)</label>
          <select id={ids.agreement} value={agreementId} onChange={(e) => { setAgreementId(e.target.value); setRoleId(''); }}>
            {active.map((a) => <option key={a.id} value={a.id}>{a.partnerName}: {a.title} (version {a.activeVersion})</option>)}
          </select>
        </div>
        <RoleSelect roles={roles} value={roleId} onChange={setRoleId} />
        <div className="field field-grow">
          <label htmlFor={ids.dest}>Save to (file or folder)</label>
          <input id={ids.dest} type="text" value={destination} onChange={(e) => setDestination(e.target.value)} aria-describedby={ids.destHint} required spellCheck={false} placeholder="/path/to/folder" />
          <span id={ids.destHint} className="field-note">A folder gives the file its standard name (agreement_package.sdx).</span>
        </div>
        <button className="button-primary" type="submit" disabled={action.busy || !roleId || !destination.trim()}>{action.busy ? 'Exporting…' : 'Export package'}</button>
      </form>
      {action.busy && (
        <div className="export-progress" role="status" aria-live="polite">
          <span>{progress ? `${progress.phase}${progress.total ? ` (${count.format(progress.done)} of ${count.format(progress.total)})` : ''}` : 'Starting…'}</span>
          <progress max={progress?.total ?? undefined} value={progress?.total ? progress.done : undefined} aria-label="Export progress" />
        </div>
      )}
      {action.error && <Problem error={action.error} title="The package was not sent; nothing was recorded" />}
      {result && <ExportResult r={result} />}
      <SentPackages rows={sent.data ?? []} onRecorded={sent.reload} />
    </div>
  );
}

function ExportResult({ r }: { r: PackageExportResult }) {
  return (
    <section className="card result-card" aria-label="Package written">
      <h2>Package written</h2>
      <dl className="result-facts">
        <dt>Records</dt><dd data-testid="export-records">{count.format(r.recordCount)}</dd>
        <dt>Package</dt><dd>{r.packageId} (number {r.sequence} under this agreement)</dd>
        <dt>File</dt><dd>{r.path} ({count.format(r.size)} bytes)</dd>
        <dt>Revocations</dt><dd>{r.revocationCount}</dd>
        <dt>Import by</dt><dd>{r.expires.slice(0, 10)}</dd>
        <dt>Destroy by</dt><dd>{r.destroyBy}</dd>
      </dl>
      <p className="fingerprint-label">SHA-256 of the file (the partner can compare it before opening)</p>
      <Fingerprint value={r.fingerprint} testId="export-fingerprint" />
    </section>
  );
}

function SentPackages({ rows, onRecorded }: { rows: { packageId: string; agreementId: string; agreementVersion: number; role: string; sequence: number; recordCount: number; createdAt: string; destroyBy: string; destroyedAt: string | null; fileName: string | null }[]; onRecorded(): void }) {
  const action = useAction();
  const [file, setFile] = useState('');
  const id = useId();
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Packages sent</h2>
      {rows.length === 0 ? <p className="empty">No package sent yet.</p> : (
        <table className="table table-compact">
          <thead><tr><th scope="col">Sent</th><th scope="col">Agreement</th><th scope="col">No.</th><th scope="col">Role</th><th scope="col" className="num">Records</th><th scope="col">Destroy by</th><th scope="col">Destroyed</th></tr></thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.packageId}>
                <td>{p.createdAt.slice(0, 10)}</td><td>{p.agreementId} v{p.agreementVersion}</td><td>{p.sequence}</td><td>{p.role}</td>
                <td className="num">{count.format(p.recordCount)}</td><td>{p.destroyBy}</td><td>{p.destroyedAt ? `certified ${p.destroyedAt.slice(0, 10)}` : 'not yet'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="toolbar" aria-label="Record a destruction certificate" onSubmit={(e) => { e.preventDefault(); void action.run(() => invoke('destruction-import', { filePath: file.trim() }), (r) => { onRecorded(); return `Recorded: ${r.signedBy} destroyed ${r.packageIds.length} package(s) on ${r.destroyedOn}.`; }); }}>
        <div className="field field-grow">
          <label htmlFor={id}>A partner&apos;s destruction certificate (.p7s file)</label>
          <input id={id} type="text" value={file} onChange={(e) => setFile(e.target.value)} required spellCheck={false} />
        </div>
        <button className="button-secondary" type="submit" disabled={action.busy || !file.trim()}>Record destruction</button>
      </form>
      {action.error && <Problem error={action.error} title="The destruction certificate was not recorded" />}
      {action.message && <p className="notice notice-ok" role="status">{action.message}</p>}
    </section>
  );
}
