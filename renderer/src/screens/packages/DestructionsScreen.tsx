import type { ScreenProps } from '../types';
import type { DestructionSummary } from '../../../../shared/api/packages-api';
import { invoke } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { hrefFor } from '../../app/routing';
import { Problem, useAction } from '../sharing/ui';
import '../../styles/records.css';
import './packages.css';

const when = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const count = new Intl.NumberFormat('en-US');

/**
 * `#/destructions` (partner workspace): every destruction certificate this workspace signed, with
 * the fingerprint of the signed file the district checks when it records it (NDPA Exhibit D).
 * "Save certificate…" writes a signed certificate again, byte for byte, to the file chosen in the
 * save dialog (the shell shows it; the window never names a path).
 */
export default function DestructionsScreen(_props: ScreenProps) {
  const list = useQuery('destructions-list', {});
  const save = useAction();
  const saveCertificate = (d: DestructionSummary) =>
    void save.run(() => invoke('destruction-certificate-save', { destructionId: d.destructionId, agreementId: d.agreementId, destroyedOn: d.destroyedAt.slice(0, 10) }), (r) => (r.saved
      ? `Saved ${r.fileName} (${count.format(r.bytes)} bytes) to ${r.filePath}: the certificate signed on ${d.destroyedAt.slice(0, 10)}, fingerprint as listed.`
      : 'Not saved: no file was chosen.'));
  if (list.error) return <Problem error={list.error} title="The destruction certificates could not be read" />;
  if (!list.data) return <p className="muted" role="status">Reading destruction certificates…</p>;
  return (
    <div className="packages destructions-screen">
      <p className="lede">
        When records are destroyed (on request or on their destroy-by date) this workspace signs a destruction certificate for the district. Send them the file and read them its fingerprint.
        Destroy an agreement&apos;s records on <a href={hrefFor('packages-received')}>Received packages</a>.
      </p>
      {list.data.length === 0 ? <p className="empty">No records have been destroyed yet.</p> : (
        <table className="table table-compact">
          <caption className="visually-hidden">Destruction certificates, newest first</caption>
          <thead><tr><th scope="col">Destroyed (UTC)</th><th scope="col">Agreement</th><th scope="col" className="num">Packages</th><th scope="col">Signed by</th><th scope="col">Certificate fingerprint (SHA-256)</th><th scope="col">File</th></tr></thead>
          <tbody>
            {list.data.map((d) => (
              <tr key={d.destructionId}>
                <td>{when.format(new Date(d.destroyedAt))}</td><td>{d.agreementId}</td><td className="num">{d.packageIds.length}</td><td>{d.signedBy}</td>
                <td><code className="hash" data-testid="destruction-fingerprint">{d.fingerprint}</code></td>
                <td>
                  <button type="button" className="button-secondary" onClick={() => saveCertificate(d)} disabled={save.busy} aria-label={`Save certificate… (${d.agreementId}, destroyed ${d.destroyedAt.slice(0, 10)})`}>
                    Save certificate…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="action-message" role="status" aria-live="polite">{save.message}</p>
      {save.error && <Problem error={save.error} title="The certificate was not saved" />}
    </div>
  );
}
