import { useQuery } from '../../api/hooks';
import { hrefFor } from '../../app/routing';
import { Panel, Problem, StatusBadge } from '../sharing/ui';
import { basisShortLabels, longDate } from '../sharing/labels';

/** Every agreement with its partner, legal basis, latest version and the version in force. */
export function AgreementList({ navigate }: { navigate(to: string): void }) {
  const agreements = useQuery('agreements-list', {});
  const list = agreements.data ?? [];
  return (
    <>
      <p className="lede">
        Each agreement names a partner, the legal basis for sharing, its term, which students it covers, and exactly which fields each partner role
        receives. A legal reviewer approves one exact version; only an approved version in force lets data flow.
      </p>
      {agreements.error && <Problem error={agreements.error} title="The agreements could not be read" />}
      <Panel title="Agreements" id="agreements-heading" actions={<button type="button" className="button-primary" onClick={() => navigate('agreements/new')}>Draft an agreement</button>}>
        {agreements.data && list.length === 0 && <p>No agreements yet. Nothing is shared with any partner until an agreement is approved and put in force.</p>}
        {list.length > 0 && (
          <table className="data-table" aria-labelledby="agreements-heading">
            <thead>
              <tr>
                <th scope="col">Agreement</th>
                <th scope="col">Partner</th>
                <th scope="col">Legal basis</th>
                <th scope="col">Latest version</th>
                <th scope="col">In force</th>
                <th scope="col">Term</th>
              </tr>
            </thead>
            <tbody>
              {list.map((a) => (
                <tr key={a.id}>
                  <th scope="row"><a href={hrefFor(`agreements/${encodeURIComponent(a.id)}`)}>{a.title || 'Untitled agreement'}</a></th>
                  <td>{a.partnerName}</td>
                  <td>{basisShortLabels[a.legalBasis]}</td>
                  <td>v{a.latestVersion} <StatusBadge status={a.latestStatus} /></td>
                  <td>{a.activeVersion ? `Version ${a.activeVersion}` : <span className="muted">None</span>}</td>
                  <td>{a.effective && a.expires ? `${longDate(a.effective)} – ${longDate(a.expires)}` : <span className="muted">Not set</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </>
  );
}
