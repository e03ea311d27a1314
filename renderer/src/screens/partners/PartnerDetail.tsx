import { useState } from 'react';
import { useQuery } from '../../api/hooks';
import { invoke } from '../../api/client';
import { hrefFor } from '../../app/routing';
import { ActionOutcome, Panel, Problem, StatusBadge, useAction } from '../sharing/ui';
import { basisShortLabels, longDate, partnerKindLabels } from '../sharing/labels';
import { PartnerForm } from './PartnerForm';
import { ProgramsPanel } from './ProgramsPanel';

/** One partner: details (editable), programs with enrolments, and its agreements. */
export function PartnerDetail({ partnerId, navigate }: { partnerId: string; navigate(to: string): void }) {
  const partner = useQuery('partner-get', { partnerId });
  const agreements = useQuery('agreements-list', { partnerId });
  const [editing, setEditing] = useState(false);
  const save = useAction();
  const p = partner.data;

  return (
    <>
      <p className="breadcrumb"><a href={hrefFor('partners')}>All partners</a></p>
      {partner.error && <Problem error={partner.error} title="This partner could not be opened" />}
      {p && (
        <>
          <Panel
            title={p.name}
            id="partner-heading"
            actions={!editing && <button type="button" className="button-secondary" onClick={() => { save.clear(); setEditing(true); }}>Edit details</button>}
          >
            {editing ? (
              <PartnerForm
                initial={p}
                busy={save.busy}
                submitLabel="Save details"
                onCancel={() => setEditing(false)}
                onSubmit={(input) =>
                  void save.run(() => invoke('partner-update', { ...input, partnerId }), (updated) => {
                    setEditing(false);
                    partner.reload();
                    return `Saved the details of ${updated.name}.`;
                  })
                }
              />
            ) : (
              <dl className="facts">
                <div><dt>Kind</dt><dd>{partnerKindLabels[p.kind] ?? p.kind}</dd></div>
                <div><dt>Contact</dt><dd>{p.contactName ?? <span className="muted">None given</span>}</dd></div>
                <div><dt>E-mail</dt><dd>{p.contactEmail ?? <span className="muted">None given</span>}</dd></div>
                <div><dt>Phone</dt><dd>{p.contactPhone ?? <span className="muted">None given</span>}</dd></div>
                <div><dt>Commercial subprocessors</dt><dd>{p.commercialSubprocessors ? 'Yes' : 'No'}</dd></div>
              </dl>
            )}
            <ActionOutcome action={save} errorTitle="The details were not saved" />
          </Panel>

          <ProgramsPanel partnerId={partnerId} onChanged={partner.reload} />

          <Panel
            title="Agreements"
            id="partner-agreements-heading"
            actions={<button type="button" className="button-primary" onClick={() => navigate(`agreements/new/${encodeURIComponent(partnerId)}`)}>Draft an agreement</button>}
          >
            {agreements.error && <Problem error={agreements.error} title="The agreements could not be read" />}
            {agreements.data && agreements.data.length === 0 && <p>No agreement with {p.name} yet: nothing is shared with them.</p>}
            {agreements.data && agreements.data.length > 0 && (
              <table className="data-table" aria-labelledby="partner-agreements-heading">
                <thead>
                  <tr><th scope="col">Agreement</th><th scope="col">Legal basis</th><th scope="col">Latest version</th><th scope="col">Term</th></tr>
                </thead>
                <tbody>
                  {agreements.data.map((a) => (
                    <tr key={a.id}>
                      <th scope="row"><a href={hrefFor(`agreements/${encodeURIComponent(a.id)}`)}>{a.title || 'Untitled agreement'}</a></th>
                      <td>{basisShortLabels[a.legalBasis]}</td>
                      <td>Version {a.latestVersion} <StatusBadge status={a.latestStatus} /></td>
                      <td>{a.effective && a.expires ? `${longDate(a.effective)} to ${longDate(a.expires)}` : <span className="muted">Not set</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Panel>
        </>
      )}
    </>
  );
}
