import type { AgreementDetail } from '../../../../../shared/api/agreements-api';
import { hrefFor } from '../../../app/routing';
import { Panel, StatusBadge } from '../../sharing/ui';
import { dateTime } from '../../sharing/labels';

/** Every version with its status, approval and content hash; the one on screen is marked. */
export function VersionsPanel({ detail, base }: { detail: AgreementDetail; base: string }) {
  const shown = detail.current.version;
  return (
    <Panel title="Versions" id="versions-heading">
      <table className="data-table" aria-labelledby="versions-heading">
        <thead>
          <tr><th scope="col">Version</th><th scope="col">Status</th><th scope="col">Created</th><th scope="col">Approved by</th><th scope="col">Content hash</th></tr>
        </thead>
        <tbody>
          {[...detail.versions].sort((a, b) => b.version - a.version).map((x) => (
            <tr key={x.version} aria-current={x.version === shown ? 'true' : undefined} className={x.version === shown ? 'current-row' : undefined}>
              <th scope="row">
                {x.version === shown ? <>Version {x.version} <span className="muted">(shown)</span></> : <a href={hrefFor(`${base}/v/${x.version}`)}>Version {x.version}</a>}
              </th>
              <td><StatusBadge status={x.status} /></td>
              <td>{dateTime(x.createdAt)}</td>
              <td>{x.approvedBy ?? <span className="muted">Not approved</span>}</td>
              <td><code>{x.contentHash.slice(0, 16)}…</code></td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
