import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import type { AgreementSummary } from '../../../../shared/api/agreements-api';
import type { ConsentListRow, ConsentStudentView } from '../../../../shared/api/consents-api';
import { consentMethods, type ConsentMethod } from '../../../../shared/consent/record';
import { invoke, toApiError, type ApiError } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { ErrorNotice } from '../../app/ErrorNotice';
import { Dialog } from '../../components/Dialog';
import { fileToBase64 } from '../../components/files';
import { usDate } from '../../components/format';
import { agreementFieldGroups, recipientOptions } from './agreement-fields';
import { methodLabel } from './labels';

export interface RecordConsentDialogProps {
  view: ConsentStudentView;
  agreements: AgreementSummary[];
  onRecorded(row: ConsentListRow): void;
  onClose(): void;
}

const EVIDENCE_ACCEPT = '.pdf,.png,.jpg,.jpeg,.tif,.tiff,application/pdf,image/png,image/jpeg,image/tiff';

/**
 * Records one consent decision as 34 CFR 99.30 requires it: who signed (a guardian on record, or
 * the student from 18) and their relationship, the itemised records (the agreement's fields by
 * Exhibit B category), the purpose and recipient (the agreement), the date, how it was signed,
 * the signed form itself and the expiry. The services check it all again; their refusal is shown.
 */
export function RecordConsentDialog({ view, agreements, onRecorded, onClose }: RecordConsentDialogProps) {
  const options = useMemo(() => recipientOptions(agreements), [agreements]);
  const [agreementId, setAgreementId] = useState(options[0]?.id ?? '');
  const chosen = options.find((a) => a.id === agreementId);
  const detail = useQuery('agreement-get', chosen ? { agreementId: chosen.id, ...(chosen.activeVersion ? { version: chosen.activeVersion } : {}) } : { agreementId: '-' });
  const content = chosen && detail.data?.id === chosen.id ? detail.data.current.content : null;
  const groups = useMemo(() => (content ? agreementFieldGroups(content) : []), [content]);

  const signers = [
    ...view.guardians.map((g) => ({ key: `g:${g.id}`, label: `${g.firstName} ${g.lastName}`, relationship: g.relationship, enabled: !view.student.eligible })),
    { key: 'student', label: `${view.student.firstName} ${view.student.lastName} (the student)`, relationship: 'self (eligible student)', enabled: view.student.eligible },
  ];
  const [signer, setSigner] = useState(signers.find((s) => s.enabled)?.key ?? '');
  const [fields, setFields] = useState<Set<string>>(new Set());
  const [decision, setDecision] = useState<'granted' | 'declined'>('granted');
  const [signedOn, setSignedOn] = useState(view.today);
  const [expiresOn, setExpiresOn] = useState('');
  const [method, setMethod] = useState<ConsentMethod>('paper-scan');
  const [auth, setAuth] = useState('');
  const [evidence, setEvidence] = useState<File | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { agreement: useId(), signed: useId(), expires: useId(), expiresHint: useId(), auth: useId(), evidence: useId(), evidenceHint: useId(), signerHint: useId() };

  // A new agreement: its fields all ticked (a form lists exactly what the roles receive), its expiry as the default.
  useEffect(() => {
    setFields(new Set(groups.flatMap((g) => g.fields.map((f) => f.id))));
    if (content?.expires && content.expires > view.today) setExpiresOn(content.expires);
  }, [groups, content, view.today]);

  const toggle = (id: string, on: boolean) => setFields((s) => {
    const next = new Set(s);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      const guardianId = signer.startsWith('g:') ? signer.slice(2) : null;
      const row = await invoke('consent-record', {
        studentId: view.student.id,
        signerRole: guardianId ? 'parent' : 'eligible-student',
        guardianId,
        partnerId: chosen.partnerId,
        agreementId: chosen.id,
        fields: [...fields],
        status: decision,
        signedOn,
        expiresOn: expiresOn || null,
        method,
        esignAuthentication: method === 'electronic' ? auth : null,
        evidence: evidence ? { fileName: evidence.name, contentBase64: await fileToBase64(evidence) } : null,
      });
      onRecorded(row);
    } catch (err) {
      setError(toApiError(err, 'consent-record'));
    } finally {
      setBusy(false);
    }
  };

  const eighteenNote = view.student.eligible
    ? `${view.student.firstName} turned 18 on ${usDate(view.student.eighteenOn)}: only the student may sign now (34 CFR 99.5(a)).`
    : view.student.eighteenOn
      ? `A parent or guardian on record signs until ${view.student.firstName} turns 18 on ${usDate(view.student.eighteenOn)}.`
      : 'The student\'s birth date is not on record: a parent or guardian on record signs.';

  return (
    <Dialog title="Record a consent" description={`For ${view.student.firstName} ${view.student.lastName} (ID ${view.student.localId}). Every part is required by 34 CFR 99.30 unless marked optional.`} onClose={onClose} size="wide">
      <form className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={ids.agreement}>Recipient and purpose (agreement)</label>
          <select id={ids.agreement} value={agreementId} onChange={(e) => setAgreementId(e.target.value)} required>
            {options.length === 0 && <option value="">No agreements yet</option>}
            {options.map((a) => (
              <option key={a.id} value={a.id}>
                {a.partnerName} — {a.title}{a.activeVersion === null ? ` (${a.latestStatus})` : ''}
              </option>
            ))}
          </select>
          {content && <p className="field-note">Purpose: {content.purpose} <span className="muted">(code {content.purposeCode})</span></p>}
        </div>

        <fieldset className="fieldset">
          <legend>Decision</legend>
          <div className="choice-row">
            <label className="choice"><input type="radio" name="decision" checked={decision === 'granted'} onChange={() => setDecision('granted')} /> Consent given</label>
            <label className="choice"><input type="radio" name="decision" checked={decision === 'declined'} onChange={() => setDecision('declined')} /> Consent refused</label>
          </div>
        </fieldset>

        <fieldset className="fieldset" aria-describedby={ids.signerHint}>
          <legend>Who signed</legend>
          <p id={ids.signerHint} className="field-note">{eighteenNote}</p>
          {signers.map((s) => (
            <label key={s.key} className={`choice ${s.enabled ? '' : 'choice-disabled'}`}>
              <input type="radio" name="signer" value={s.key} checked={signer === s.key} disabled={!s.enabled} onChange={() => setSigner(s.key)} />
              {s.label} <span className="muted">— relationship: {s.relationship}</span>
            </label>
          ))}
          {view.guardians.length === 0 && <p className="field-note">No guardian is on record for this student. Import the guardian from the student information system first.</p>}
        </fieldset>

        <fieldset className="fieldset">
          <legend>Records covered, by NDPA Exhibit B category</legend>
          {chosen && !content && !detail.error && <p className="muted">Loading the agreement's fields…</p>}
          {detail.error && chosen && <ErrorNotice error={detail.error} title="The agreement could not be read" />}
          <div className="field-groups">
            {groups.map((g) => (
              <fieldset key={g.category} className="field-group">
                <legend>{g.category}</legend>
                {g.fields.map((f) => (
                  <label key={f.id} className="choice">
                    <input type="checkbox" checked={fields.has(f.id)} onChange={(e) => toggle(f.id, e.target.checked)} />
                    {f.label}
                    {f.sensitivity === 'restricted' && <span className="tag tag-restricted">Restricted</span>}
                  </label>
                ))}
              </fieldset>
            ))}
          </div>
        </fieldset>

        <div className="form-row">
          <div className="field">
            <label htmlFor={ids.signed}>Date signed</label>
            <input id={ids.signed} type="date" value={signedOn} max={view.today} onChange={(e) => setSignedOn(e.target.value)} required />
          </div>
          <div className="field">
            <label htmlFor={ids.expires}>Expires (optional)</label>
            <input id={ids.expires} type="date" value={expiresOn} min={signedOn} onChange={(e) => setExpiresOn(e.target.value)} aria-describedby={ids.expiresHint} />
            <span id={ids.expiresHint} className="field-note">Last day it authorises disclosures. Defaults to the agreement's end.</span>
          </div>
        </div>

        <fieldset className="fieldset">
          <legend>How it was signed</legend>
          <div className="choice-row">
            {consentMethods.map((m) => (
              <label key={m} className="choice"><input type="radio" name="method" checked={method === m} onChange={() => setMethod(m)} /> {methodLabel[m]}</label>
            ))}
          </div>
          {method === 'electronic' && (
            <div className="field">
              <label htmlFor={ids.auth}>How the signer was authenticated</label>
              <input id={ids.auth} type="text" value={auth} onChange={(e) => setAuth(e.target.value)} placeholder="e.g. parent portal login + SMS code" maxLength={500} required />
            </div>
          )}
        </fieldset>

        <div className="field">
          <label htmlFor={ids.evidence}>Signed form or e-signature record</label>
          <input id={ids.evidence} type="file" accept={EVIDENCE_ACCEPT} onChange={(e) => setEvidence(e.target.files?.[0] ?? null)} aria-describedby={ids.evidenceHint} required />
          <span id={ids.evidenceHint} className="field-note">PDF, PNG, JPEG or TIFF, up to 25 MB. Stored encrypted in the district store with its SHA-256.</span>
        </div>

        {error && <ErrorNotice error={error} title="The consent was not recorded" />}

        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={busy || !chosen}>{busy ? 'Recording…' : 'Record consent'}</button>
          <button type="button" className="button-secondary" onClick={onClose}>Cancel</button>
        </div>
      </form>
    </Dialog>
  );
}
