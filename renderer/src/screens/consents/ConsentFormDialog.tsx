import { useId, useState, type FormEvent } from 'react';
import type { AgreementSummary } from '../../../../shared/api/agreements-api';
import { invoke, toApiError, type ApiError } from '../../api/client';
import { ErrorNotice } from '../../app/ErrorNotice';
import { Dialog } from '../../components/Dialog';
import { DocumentDialog } from '../../components/DocumentView';
import { recipientOptions } from './agreement-fields';

export const formLanguages = [
  { code: 'en', label: 'English' },
  { code: 'es', label: 'Spanish (Español)' },
] as const;

export interface ConsentFormDialogProps {
  agreements: AgreementSummary[];
  /** One student's form; omit for the agreement's students who still need one. */
  student?: { id: string; localId: string };
  onClose(): void;
}

/** Picks an agreement and a language, then opens the consent request form in a printable view. */
export function ConsentFormDialog({ agreements, student, onClose }: ConsentFormDialogProps) {
  const options = recipientOptions(agreements);
  const [agreementId, setAgreementId] = useState(options[0]?.id ?? '');
  const [language, setLanguage] = useState<'en' | 'es'>('en');
  const [doc, setDoc] = useState<{ html: string; title: string; fileName: string } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { agreement: useId(), language: useId() };

  const open = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await invoke('consent-form', { agreementId, language, ...(student ? { studentIds: [student.id] } : {}) });
      setDoc({ html: r.html, title: `Consent request form (${language === 'es' ? 'Spanish' : 'English'})`, fileName: `consent-form-${student?.localId ?? agreementId}-${language}.html` });
    } catch (err) {
      setError(toApiError(err, 'consent-form'));
    } finally {
      setBusy(false);
    }
  };

  if (doc) return <DocumentDialog {...doc} onClose={onClose} />;
  return (
    <Dialog title="Consent request form" description="The form lists the partner, the purpose and exactly the records each role would receive, with the right to refuse and to revoke." onClose={onClose}>
      <form className="form" onSubmit={open} noValidate>
        <div className="field">
          <label htmlFor={ids.agreement}>Agreement</label>
          <select id={ids.agreement} value={agreementId} onChange={(e) => setAgreementId(e.target.value)}>
            {options.map((a) => (
              <option key={a.id} value={a.id}>{a.partnerName} — {a.title}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.language}>Language</label>
          <select id={ids.language} value={language} onChange={(e) => setLanguage(e.target.value as 'en' | 'es')}>
            {formLanguages.map((l) => (
              <option key={l.code} value={l.code}>{l.label}</option>
            ))}
          </select>
        </div>
        {error && <ErrorNotice error={error} title="The form could not be made" />}
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={busy || !agreementId}>{busy ? 'Preparing…' : 'Open printable form'}</button>
          <button type="button" className="button-secondary" onClick={onClose}>Cancel</button>
        </div>
      </form>
    </Dialog>
  );
}
