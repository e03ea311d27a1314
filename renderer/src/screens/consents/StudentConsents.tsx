import { useState } from 'react';
import type { ConsentListRow } from '../../../../shared/api/consents-api';
import { invoke, toApiError, type ApiError } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { ErrorNotice } from '../../app/ErrorNotice';
import { hrefFor } from '../../app/routing';
import { saveBase64 } from '../../components/files';
import { usDate } from '../../components/format';
import { fieldLabel, inCatalogOrder, isRestricted } from './agreement-fields';
import { ConsentFormDialog } from './ConsentFormDialog';
import { consentStateLabel, consentStateTone, methodLabel, revocationReasonLabel, signerLabel } from './labels';
import { RecordConsentDialog } from './RecordConsentDialog';
import { RevokeConsentDialog } from './RevokeConsentDialog';

type Open = { kind: 'record' } | { kind: 'revoke'; consent: ConsentListRow } | { kind: 'form' } | null;

/** One student's consents: who they are, who may sign, every consent with its state today, and the record/revoke actions. */
export function StudentConsents({ studentId }: { studentId: string }) {
  const view = useQuery('consent-student', { studentId });
  const consents = useQuery('consents-list', { studentId, offset: 0, limit: 500 });
  const agreements = useQuery('agreements-list', {});
  const [open, setOpen] = useState<Open>(null);
  const [announce, setAnnounce] = useState('');
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const titles = new Map((agreements.data ?? []).map((a) => [a.id, a.title]));

  const v = view.data;
  if (view.error) return <ErrorNotice error={view.error} title="The student could not be opened" />;
  if (!v) return <p className="muted" role="status">Loading the student…</p>;
  const s = v.student;
  const name = `${s.firstName} ${s.lastName}`;

  const evidence = async (c: ConsentListRow) => {
    setActionError(null);
    try {
      const e = await invoke('consent-evidence-get', { consentId: c.id });
      saveBase64(e.fileName, e.contentBase64, e.mediaType);
      setAnnounce(`Saved the signed form ${e.fileName}.`);
    } catch (err) {
      setActionError(toApiError(err, 'consent-evidence-get'));
    }
  };

  return (
    <div className="consents-student">
      <p className="nav-links">
        <a href={hrefFor('consents')}>← Find another student</a>
        <a href={hrefFor(`disclosures/${s.id}`)}>Disclosure history and parent report</a>
      </p>
      <section className="card" aria-labelledby="student-name">
        <h2 id="student-name">{name}</h2>
        <dl className="facts">
          <div><dt>Student ID</dt><dd>{s.localId}</dd></div>
          <div><dt>School</dt><dd>{s.schoolName ?? '—'}</dd></div>
          <div><dt>Grade</dt><dd>{s.grade}</dd></div>
          <div><dt>Age</dt><dd>{s.age ?? 'Birth date not on record'}</dd></div>
          <div><dt>18th birthday</dt><dd>{s.eighteenOn ? usDate(s.eighteenOn) : '—'}{s.eligible ? ' (rights have passed to the student)' : ''}</dd></div>
          <div><dt>Enrollment</dt><dd>{s.status === 'active' ? 'Enrolled' : 'Left the district'}</dd></div>
          <div>
            <dt>Directory information</dt>
            <dd>{v.optOut ? `Opted out on ${usDate(v.optOut.requestedOn)} (by ${v.optOut.requestedBy === 'parent' ? 'a parent' : 'the student'})` : 'No opt-out'}</dd>
          </div>
        </dl>
        <h3>Guardians on record</h3>
        {v.guardians.length === 0 ? (
          <p className="muted">None on record.</p>
        ) : (
          <ul className="plain-list">
            {v.guardians.map((g) => (
              <li key={g.id}>{g.firstName} {g.lastName} <span className="muted">— {g.relationship}{g.isPrimary ? ', primary contact' : ''}</span></li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="consents-heading" className="section">
        <div className="section-head">
          <h2 id="consents-heading">Consent records</h2>
          <div className="button-row">
            <button type="button" className="button-primary" onClick={() => setOpen({ kind: 'record' })} disabled={!agreements.data}>Record a consent</button>
            <button type="button" className="button-secondary" onClick={() => setOpen({ kind: 'form' })} disabled={!agreements.data?.length}>Consent request form</button>
          </div>
        </div>
        <p className="live-note" role="status" aria-live="polite">{announce}</p>
        {actionError && <ErrorNotice error={actionError} />}
        {consents.error && <ErrorNotice error={consents.error} title="The consents could not be read" />}
        {agreements.error && <ErrorNotice error={agreements.error} title="The agreements could not be read" />}
        {consents.data && consents.data.rows.length === 0 && <p className="empty">No consent is on record for {s.firstName}.</p>}
        {consents.data && consents.data.rows.length > 0 && (
          <table className="table">
            <caption className="visually-hidden">Consents of {name}, newest first</caption>
            <thead>
              <tr>
                <th scope="col">State today</th>
                <th scope="col">Recipient and purpose</th>
                <th scope="col">Records covered</th>
                <th scope="col">Signed</th>
                <th scope="col">Ends</th>
                <th scope="col"><span className="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {consents.data.rows.map((c) => (
                <tr key={c.id} data-consent-id={c.id}>
                  <td>
                    <span className={`status status-${consentStateTone[c.state]}`}>{consentStateLabel[c.state]}</span>
                    {c.status === 'revoked' && c.revocationReason && <div className="cell-note">{revocationReasonLabel[c.revocationReason]}</div>}
                  </td>
                  <td>
                    <div className="cell-strong">{c.partnerName}</div>
                    <div className="cell-note">{c.agreementId ? (titles.get(c.agreementId) ?? c.agreementId) : 'No agreement named'} · purpose {c.purpose}</div>
                  </td>
                  <td>
                    <ul className="field-chips" aria-label={`${c.fields.length} records`}>
                      {inCatalogOrder(c.fields).map((f) => (
                        <li key={f} className={isRestricted(f) ? 'chip-restricted' : undefined}>
                          {fieldLabel(f)}{isRestricted(f) && <span className="visually-hidden"> (restricted)</span>}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    {usDate(c.signedOn)}
                    <div className="cell-note">{signerLabel[c.signerRole]} ({c.signerRelationship}) · {methodLabel[c.method]}{c.esignAuthentication ? `: ${c.esignAuthentication}` : ''}</div>
                  </td>
                  <td>{c.revokedOn ? `Revoked ${usDate(c.revokedOn)}` : c.expiresOn ? `Expires ${usDate(c.expiresOn)}` : 'No expiry'}</td>
                  <td className="cell-actions">
                    {c.status === 'granted' && (
                      <button type="button" className="button-small" onClick={() => setOpen({ kind: 'revoke', consent: c })} aria-label={`Revoke consent to ${c.partnerName} signed ${usDate(c.signedOn)}`}>Revoke…</button>
                    )}
                    <button type="button" className="button-small button-quiet" onClick={() => void evidence(c)} aria-label={`Save the signed form of the consent to ${c.partnerName} signed ${usDate(c.signedOn)}`}>Signed form</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {consents.data && consents.data.rows.length > 0 && <p className="cell-note"><span aria-hidden="true">⚑</span> marks a restricted record (meal eligibility, disability, living situation, health): it needs consent whatever the agreement's basis.</p>}
      </section>

      {open?.kind === 'record' && agreements.data && (
        <RecordConsentDialog
          view={v}
          agreements={agreements.data}
          onClose={() => setOpen(null)}
          onRecorded={(row) => {
            setOpen(null);
            setAnnounce(`Consent to ${row.partnerName} recorded (${consentStateLabel[row.state].toLowerCase()}).`);
            consents.reload();
          }}
        />
      )}
      {open?.kind === 'revoke' && (
        <RevokeConsentDialog
          consent={open.consent}
          today={v.today}
          onClose={() => setOpen(null)}
          onRevoked={(row) => {
            setOpen(null);
            setAnnounce(`Consent to ${row.partnerName} revoked from ${usDate(row.revokedOn)}.`);
            consents.reload();
          }}
        />
      )}
      {open?.kind === 'form' && agreements.data && <ConsentFormDialog agreements={agreements.data} student={{ id: s.id, localId: s.localId }} onClose={() => setOpen(null)} />}
    </div>
  );
}
