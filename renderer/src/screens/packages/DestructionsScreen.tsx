import type { ScreenProps } from '../types';
import { useQuery } from '../../api/hooks';
import { hrefFor } from '../../app/routing';
import { Problem } from '../sharing/ui';
import '../../styles/records.css';
import './packages.css';

const when = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/**
 * `#/destructions` (partner workspace): every destruction certificate this workspace signed, with
 * the fingerprint of the signed file the district checks when it records it (NDPA Exhibit D).
 */
export default function DestructionsScreen(_props: ScreenProps) {
  const list = useQuery('destructions-list', {});
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
          <thead><tr><th scope="col">Destroyed (UTC)</th><th scope="col">Agreement</th><th scope="col" className="num">Packages</th><th scope="col">Signed by</th><th scope="col">Certificate fingerprint (SHA-256)</th></tr></thead>
          <tbody>
            {list.data.map((d) => (
              <tr key={d.destructionId}>
                <td>{when.format(new Date(d.destroyedAt))}</td><td>{d.agreementId}</td><td className="num">{d.packageIds.length}</td><td>{d.signedBy}</td>
                <td><code className="hash" data-testid="destruction-fingerprint">{d.fingerprint}</code></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
