import { useId, useMemo, useState } from 'react';
import type { ScreenProps } from '../types';
import type { PackageCheckResult, PackageImportResult } from '../../../../shared/api/packages-api';
import { invoke } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { hrefFor } from '../../app/routing';
import { Problem, useAction } from '../sharing/ui';
import { Fingerprint } from './Fingerprint';
import '../../styles/records.css';
import './packages.css';

const count = new Intl.NumberFormat('en-US');

/**
 * `#/packages-received` (partner workspace): check or import a package file, see what was
 * received, and destroy an agreement's records with a signed certificate for the district. A
 * refused package shows the reason in plain words and nothing is stored.
 */
export default function ReceivedScreen({ navigate }: ScreenProps) {
  const received = useQuery('packages-list', {});
  const [file, setFile] = useState('');
  const [checked, setChecked] = useState<PackageCheckResult | PackageImportResult | null>(null);
  const action = useAction();
  const id = useId();
  const run = (kind: 'verify' | 'import') => {
    setChecked(null);
    void action.run(() => (kind === 'verify' ? invoke('package-verify', { filePath: file.trim() }) : invoke('package-import', { filePath: file.trim() })), (r) => {
      setChecked(r);
      if (kind === 'import') received.reload();
      return kind === 'import' ? `Imported ${count.format(r.recordCount)} records.` : 'Every check passed; nothing was imported.';
    });
  };
  return (
    <div className="packages received-screen">
      <p className="lede">Packages from the district open only here, with this workspace&apos;s key, and only if every check passes: addressed to you, signed by the district you trust, unaltered, not replayed, not older than the last one, not expired.</p>
      <form className="toolbar" aria-label="Open a package" onSubmit={(e) => { e.preventDefault(); run('import'); }}>
        <div className="field field-grow">
          <label htmlFor={id}>Package file (.sdx)</label>
          <input id={id} type="text" value={file} onChange={(e) => setFile(e.target.value)} required spellCheck={false} placeholder="/path/to/package.sdx" />
        </div>
        <button className="button-secondary" type="button" disabled={action.busy || !file.trim()} onClick={() => run('verify')}>Check only</button>
        <button className="button-primary" type="submit" disabled={action.busy || !file.trim()}>{action.busy ? 'Checking…' : 'Import package'}</button>
      </form>
      {action.error && <Problem error={action.error} title="The package was refused; nothing was imported" />}
      {checked && <CheckedPackage r={checked} imported={'revocationsApplied' in checked} onOpen={() => navigate(`partner-records/${checked.packageId}`)} />}
      {received.error && <Problem error={received.error} title="The received packages could not be read" />}
      <section aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`}>Received packages</h2>
        {(received.data ?? []).length === 0 ? <p className="empty">Nothing imported yet.</p> : (
          <table className="table table-compact">
            <thead><tr><th scope="col">Agreement</th><th scope="col">No.</th><th scope="col">Role</th><th scope="col" className="num">Records</th><th scope="col">Destroy by</th><th scope="col">Status</th></tr></thead>
            <tbody>
              {received.data!.map((p) => (
                <tr key={p.packageId}>
                  <td>{p.agreementId} v{p.agreementVersion}</td><td>{p.sequence}</td><td>{p.role}</td><td className="num">{count.format(p.recordCount)}</td><td>{p.destroyBy}</td>
                  <td>{p.destroyedAt ? `Destroyed ${p.destroyedAt.slice(0, 10)}` : <a href={hrefFor(`partner-records/${p.packageId}`)}>View records</a>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <DestroyRecords agreements={[...new Set((received.data ?? []).filter((p) => !p.destroyedAt).map((p) => p.agreementId))]} onDone={received.reload} />
    </div>
  );
}

function CheckedPackage({ r, imported, onOpen }: { r: PackageCheckResult | PackageImportResult; imported: boolean; onOpen(): void }) {
  return (
    <section className="card result-card" aria-label={imported ? 'Package imported' : 'Package checked'}>
      <h2><span className="check-ok">✓</span> {imported ? 'Imported' : 'Every check passed (nothing imported)'}</h2>
      <dl className="result-facts">
        <dt>Agreement</dt><dd>{r.agreementId}, version {r.agreementVersion}, package number {r.sequence}</dd>
        <dt>Role</dt><dd>{r.role}</dd>
        <dt>Purpose</dt><dd>{r.purpose}</dd>
        <dt>Records</dt><dd data-testid="imported-records">{count.format(r.recordCount)}</dd>
        <dt>Destroy by</dt><dd>{r.destroyBy}</dd>
        <dt>Signed by</dt><dd>{r.signer.subject}</dd>
        {'revocationsApplied' in r && <><dt>Revocations</dt><dd>{r.revocationsApplied} applied, {r.rowsDeleted} earlier row(s) deleted</dd></>}
      </dl>
      <p className="fingerprint-label">District certificate fingerprint</p>
      <Fingerprint value={r.signer.fingerprint} testId="signer-fingerprint" />
      {imported && <button className="button-primary" type="button" onClick={onOpen}>View the records</button>}
    </section>
  );
}

function DestroyRecords({ agreements, onDone }: { agreements: string[]; onDone(): void }) {
  const action = useAction();
  const [agreementId, setAgreementId] = useState('');
  const [signedBy, setSignedBy] = useState('');
  const [title, setTitle] = useState('');
  const [filePath, setFilePath] = useState('');
  const ids = { a: useId(), s: useId(), t: useId(), f: useId() };
  const chosen = useMemo(() => agreementId || agreements[0] || '', [agreementId, agreements]);
  if (agreements.length === 0) return null;
  return (
    <section className="card" aria-labelledby={`${ids.a}-h`}>
      <h2 id={`${ids.a}-h`}>Destroy an agreement&apos;s records</h2>
      <p>Deletes every record received under the agreement now and writes a signed destruction certificate (NDPA Exhibit D) to send to the district. Records are also destroyed automatically on their destroy-by date.</p>
      <form className="toolbar" onSubmit={(e) => { e.preventDefault(); void action.run(() => invoke('destruction-certificate-create', { agreementId: chosen, signedBy, title, filePath: filePath.trim() }), (r) => { onDone(); return `Destroyed ${count.format(r.rowsDeleted)} records; certificate written to ${r.path}.`; }); }}>
        <div className="field"><label htmlFor={ids.a}>Agreement</label><select id={ids.a} value={chosen} onChange={(e) => setAgreementId(e.target.value)}>{agreements.map((a) => <option key={a} value={a}>{a}</option>)}</select></div>
        <div className="field"><label htmlFor={ids.s}>Signed by (your name)</label><input id={ids.s} type="text" value={signedBy} onChange={(e) => setSignedBy(e.target.value)} required /></div>
        <div className="field"><label htmlFor={ids.t}>Title</label><input id={ids.t} type="text" value={title} onChange={(e) => setTitle(e.target.value)} /></div>
        <div className="field field-grow"><label htmlFor={ids.f}>Save the certificate to (file or folder)</label><input id={ids.f} type="text" value={filePath} onChange={(e) => setFilePath(e.target.value)} required spellCheck={false} /></div>
        <button className="button-danger" type="submit" disabled={action.busy || !signedBy.trim() || !filePath.trim()}>Destroy and sign</button>
      </form>
      {action.error && <Problem error={action.error} title="Nothing was destroyed" />}
      {action.message && <p className="notice notice-ok" role="status">{action.message}</p>}
    </section>
  );
}
