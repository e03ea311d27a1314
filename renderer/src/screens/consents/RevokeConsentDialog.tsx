import { useId, useState, type FormEvent } from 'react';
import type { ConsentListRow } from '../../../../shared/api/consents-api';
import { revocationReasons, type RevocationReason } from '../../../../shared/consent/record';
import { invoke, toApiError, type ApiError } from '../../api/client';
import { ErrorNotice } from '../../app/ErrorNotice';
import { Dialog } from '../../components/Dialog';
import { usDate } from '../../components/format';
import { revocationReasonLabel } from './labels';

export interface RevokeConsentDialogProps {
  consent: ConsentListRow;
  /** The services' today: a revocation is recorded when it is received, never ahead. */
  today: string;
  onRevoked(row: ConsentListRow): void;
  onClose(): void;
}

/**
 * Revokes a granted consent from a date (34 CFR 99.30: effective from its date; what was
 * disclosed before stays lawful). The student drops out of the next preview and export, and the
 * next package tells the partner to delete their data.
 */
export function RevokeConsentDialog({ consent, today, onRevoked, onClose }: RevokeConsentDialogProps) {
  const [revokedOn, setRevokedOn] = useState(today);
  const [reason, setReason] = useState<RevocationReason>(consent.signerRole === 'eligible-student' ? 'student-request' : 'parent-request');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { date: useId(), reason: useId() };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onRevoked(await invoke('consent-revoke', { consentId: consent.id, revokedOn, reason }));
    } catch (err) {
      setError(toApiError(err, 'consent-revoke'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Revoke consent"
      description={`Consent to ${consent.partnerName} signed ${usDate(consent.signedOn)}. From the revocation date it authorises no new disclosure; the next package tells ${consent.partnerName} to delete this student's data.`}
      onClose={onClose}
    >
      <form className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={ids.date}>Revoked on (the day the request was received)</label>
          <input id={ids.date} type="date" value={revokedOn} min={consent.signedOn} max={today} onChange={(e) => setRevokedOn(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor={ids.reason}>Reason</label>
          <select id={ids.reason} value={reason} onChange={(e) => setReason(e.target.value as RevocationReason)}>
            {revocationReasons.map((r) => (
              <option key={r} value={r}>{revocationReasonLabel[r]}</option>
            ))}
          </select>
        </div>
        {error && <ErrorNotice error={error} title="The consent was not revoked" />}
        <div className="form-actions">
          <button type="submit" className="button-danger" disabled={busy}>{busy ? 'Revoking…' : 'Revoke consent'}</button>
          <button type="button" className="button-secondary" onClick={onClose}>Cancel</button>
        </div>
      </form>
    </Dialog>
  );
}
