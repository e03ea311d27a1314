import { useId, useState, type FormEvent } from 'react';
import { partnerKinds, type Partner, type PartnerInput, type PartnerKind } from '../../../../shared/api/partners-api';
import { partnerKindLabels } from '../sharing/labels';

export interface PartnerFormProps {
  /** The partner being edited, or undefined to add one. */
  initial?: Partner;
  busy: boolean;
  submitLabel: string;
  onSubmit(input: PartnerInput): void;
  onCancel?(): void;
}

/** Name, kind of organisation, contacts and the subprocessor question (feeds the COPPA hint). */
export function PartnerForm({ initial, busy, submitLabel, onSubmit, onCancel }: PartnerFormProps) {
  const [name, setName] = useState(initial?.name ?? '');
  const [kind, setKind] = useState<PartnerKind | ''>((initial?.kind as PartnerKind | undefined) ?? '');
  const [contactName, setContactName] = useState(initial?.contactName ?? '');
  const [contactEmail, setContactEmail] = useState(initial?.contactEmail ?? '');
  const [contactPhone, setContactPhone] = useState(initial?.contactPhone ?? '');
  const [subprocessors, setSubprocessors] = useState(initial?.commercialSubprocessors ?? false);
  const [tried, setTried] = useState(false);
  const id = useId();
  const nameMissing = !name.trim();
  const kindMissing = !kind;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (nameMissing || kindMissing) return;
    onSubmit({ name: name.trim(), kind: kind as PartnerKind, contactName, contactEmail, contactPhone, commercialSubprocessors: subprocessors });
  };

  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={submitLabel}>
      <div className="field">
        <label htmlFor={`${id}-name`}>Organisation name</label>
        <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required aria-invalid={tried && nameMissing} aria-describedby={tried && nameMissing ? `${id}-name-err` : undefined} autoComplete="off" />
        {tried && nameMissing && <span id={`${id}-name-err`} className="field-error">Give the partner a name.</span>}
      </div>
      <div className="field">
        <label htmlFor={`${id}-kind`}>Kind of organisation</label>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as PartnerKind)} required aria-invalid={tried && kindMissing} aria-describedby={tried && kindMissing ? `${id}-kind-err` : undefined}>
          <option value="">Choose…</option>
          {partnerKinds.map((k) => (
            <option key={k} value={k}>{partnerKindLabels[k] ?? k}</option>
          ))}
        </select>
        {tried && kindMissing && <span id={`${id}-kind-err`} className="field-error">Choose the kind of organisation.</span>}
      </div>
      <div className="field">
        <label htmlFor={`${id}-cname`}>Contact person <span className="optional">(optional)</span></label>
        <input id={`${id}-cname`} value={contactName} onChange={(e) => setContactName(e.target.value)} maxLength={200} autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-email`}>Contact e-mail <span className="optional">(optional)</span></label>
        <input id={`${id}-email`} type="email" value={contactEmail} onChange={(e) => setContactEmail(e.target.value)} maxLength={200} autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-phone`}>Contact phone <span className="optional">(optional)</span></label>
        <input id={`${id}-phone`} type="tel" value={contactPhone} onChange={(e) => setContactPhone(e.target.value)} maxLength={50} autoComplete="off" />
      </div>
      <div className="field field-wide">
        <label className="check">
          <input type="checkbox" checked={subprocessors} onChange={(e) => setSubprocessors(e.target.checked)} aria-describedby={`${id}-sub-hint`} />
          The partner passes student data to commercial subprocessors (for example a hosted app)
        </label>
        <span id={`${id}-sub-hint`} className="hint">Steward then checks COPPA obligations when an agreement may cover children under 13.</span>
      </div>
      <div className="form-actions field-wide">
        <button type="submit" className="button-primary" disabled={busy}>{busy ? 'Saving…' : submitLabel}</button>
        {onCancel && <button type="button" className="button-secondary" onClick={onCancel}>Cancel</button>}
      </div>
    </form>
  );
}
