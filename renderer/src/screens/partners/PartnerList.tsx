import { useState } from 'react';
import { useQuery } from '../../api/hooks';
import { invoke } from '../../api/client';
import { hrefFor } from '../../app/routing';
import { ErrorNotice } from '../../app/ErrorNotice';
import { ActionOutcome, Panel, useAction } from '../sharing/ui';
import { partnerKindLabels, formatCount } from '../sharing/labels';
import { PartnerForm } from './PartnerForm';

/** Every partner with its programs and agreements, and the form to add one. */
export function PartnerList({ navigate }: { navigate(to: string): void }) {
  const partners = useQuery('partners-list', {});
  const [adding, setAdding] = useState(false);
  const add = useAction();

  return (
    <>
      <p className="lede">
        The organisations the district shares student data with, the programs they run, and which students each program serves.
        Agreements say what each partner role may receive.
      </p>
      {partners.error && <ErrorNotice error={partners.error} title="The partners could not be read" />}
      <Panel
        title="Partners"
        id="partners-heading"
        actions={!adding && (
          <button type="button" className="button-primary" onClick={() => setAdding(true)}>Add a partner</button>
        )}
      >
        {adding && (
          <div className="inset">
            <h3>Add a partner</h3>
            <PartnerForm
              busy={add.busy}
              submitLabel="Add partner"
              onCancel={() => setAdding(false)}
              onSubmit={(input) =>
                void add.run(() => invoke('partner-create', input), (p) => {
                  navigate(`partners/${encodeURIComponent(p.id)}`);
                })
              }
            />
            <ActionOutcome action={add} errorTitle="The partner was not added" />
          </div>
        )}
        {partners.loading && !partners.data && <p className="muted">Loading…</p>}
        {partners.data && partners.data.length === 0 && <p>No partners yet. Add the first one above.</p>}
        {partners.data && partners.data.length > 0 && (
          <table className="data-table" aria-labelledby="partners-heading">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Contact</th>
                <th scope="col" className="num">Programs</th>
                <th scope="col" className="num">Agreements</th>
              </tr>
            </thead>
            <tbody>
              {partners.data.map((p) => (
                <tr key={p.id}>
                  <th scope="row"><a href={hrefFor(`partners/${encodeURIComponent(p.id)}`)}>{p.name}</a></th>
                  <td>{partnerKindLabels[p.kind] ?? p.kind}</td>
                  <td>{[p.contactName, p.contactEmail].filter(Boolean).join(' · ') || <span className="muted">None given</span>}</td>
                  <td className="num">{formatCount(p.programCount)}</td>
                  <td className="num">{formatCount(p.agreementCount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </>
  );
}
