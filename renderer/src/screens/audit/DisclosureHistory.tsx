import { useState } from 'react';
import { basisLabels } from '../../../../shared/agreement/requirements';
import { invoke, toApiError, type ApiError } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { ErrorNotice } from '../../app/ErrorNotice';
import { hrefFor } from '../../app/routing';
import { DocumentDialog } from '../../components/DocumentView';
import { usDate } from '../../components/format';
import { fieldLabel, inCatalogOrder, isRestricted } from '../consents/agreement-fields';
import { destructionLabel, destructionTone } from './labels';

const reportLanguages = [
  { code: 'en', label: 'English', title: 'Parent report (English)' },
  { code: 'es', label: 'Spanish', title: 'Informe para la familia (español)' },
] as const;

/**
 * One student's disclosures, newest first: the parent's question "who has received my child's
 * data — what, when and why?", with the printable report in English or Spanish.
 */
export function DisclosureHistory({ studentId }: { studentId: string }) {
  const history = useQuery('disclosure-history', { studentId });
  const [doc, setDoc] = useState<{ html: string; title: string; fileName: string } | null>(null);
  const [busy, setBusy] = useState('');
  const [error, setError] = useState<ApiError | null>(null);

  const openReport = async (lang: 'en' | 'es', title: string) => {
    setBusy(lang);
    setError(null);
    try {
      const r = await invoke('disclosure-report', { studentId, lang });
      setDoc({ html: r.content, title, fileName: r.fileName });
    } catch (e) {
      setError(toApiError(e, 'disclosure-report'));
    } finally {
      setBusy('');
    }
  };

  if (history.error) return <ErrorNotice error={history.error} title="The disclosure history could not be read" />;
  const h = history.data;
  if (!h) return <p className="muted" role="status">Loading the disclosure history…</p>;
  const s = h.student;

  return (
    <div className="disclosure-history">
      <p><a href={hrefFor('disclosures')}>← All disclosures</a></p>
      <section className="card" aria-labelledby="history-student">
        <h2 id="history-student">{s.firstName} {s.lastName}</h2>
        <p className="muted">Student ID {s.localId}{s.schoolName ? ` · ${s.schoolName}` : ''} · <a href={hrefFor(`consents/${s.id}`)}>Consents</a></p>
        <div className="button-row">
          {reportLanguages.map((l) => (
            <button key={l.code} type="button" className={l.code === 'en' ? 'button-primary' : 'button-secondary'} onClick={() => void openReport(l.code, l.title)} disabled={busy !== ''}>
              {busy === l.code ? 'Preparing…' : `Parent report — ${l.label}`}
            </button>
          ))}
        </div>
        {error && <ErrorNotice error={error} title="The report could not be made" />}
      </section>

      <section className="section" aria-labelledby="history-heading">
        <h2 id="history-heading">What was shared, with whom</h2>
        {h.events.length === 0 && <p className="empty">No data about {s.firstName} has been disclosed to a partner.</p>}
        {h.events.length > 0 && (
          <table className="table">
            <caption className="visually-hidden">Disclosures of {s.firstName} {s.lastName}'s records, newest first</caption>
            <thead>
              <tr><th scope="col">Date</th><th scope="col">Recipient</th><th scope="col">Records</th><th scope="col">Legal basis and purpose</th><th scope="col">Keep until</th><th scope="col">Now</th></tr>
            </thead>
            <tbody>
              {h.events.map((e) => (
                <tr key={e.packageId}>
                  <td>{usDate(e.disclosedOn)}</td>
                  <td>
                    <div className="cell-strong">{e.partnerName}</div>
                    <div className="cell-note">Role {e.role} · agreement {e.agreementId} v{e.agreementVersion} · package {e.packageId}</div>
                  </td>
                  <td>
                    <ul className="field-chips" aria-label={`${e.fields.length} records`}>
                      {inCatalogOrder(e.fields).map((f) => (
                        <li key={f} className={isRestricted(f) ? 'chip-restricted' : undefined}>
                          {fieldLabel(f)}{isRestricted(f) && <span className="visually-hidden"> (restricted)</span>}{e.ideaFields.includes(f) && ' · IDEA'}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    <div>{basisLabels[e.legalBasis].label} <span className="muted">({basisLabels[e.legalBasis].rule})</span></div>
                    <div className="cell-note">{e.purpose}</div>
                    {e.legitimateInterest && <div className="cell-note">Legitimate interest: {e.legitimateInterest}</div>}
                    <div className="cell-note">{e.requiredBy9932 ? 'Record required by 34 CFR 99.32' : 'Recorded voluntarily (not required by 99.32)'}</div>
                  </td>
                  <td>{usDate(e.destroyBy)}</td>
                  <td>
                    <span className={`status status-${destructionTone[e.destructionState]}`}>{destructionLabel[e.destructionState]}</span>
                    {e.destructions.map((d) => <div key={d.id} className="cell-note">Destroyed {usDate(d.destroyedOn)} ({d.method})</div>)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {doc && <DocumentDialog {...doc} onClose={() => setDoc(null)} />}
    </div>
  );
}
