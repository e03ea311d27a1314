import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ScreenProps } from '../types';
import type { DirectoryView } from '../../../../shared/api/consents-api';
import { invoke, toApiError, type ApiError } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { ErrorNotice } from '../../app/ErrorNotice';
import { usDate, usDateTime } from '../../components/format';
import { OptOutList } from './OptOutList';
import '../../styles/records.css';

/**
 * Directory information (34 CFR 99.37): the district's designation from its annual notice, and
 * each student's opt-out (which survives the student leaving the district).
 */
export default function DirectoryScreen(_props: ScreenProps) {
  const dir = useQuery('directory-get', {});
  return (
    <div className="directory-screen">
      <p className="lede">
        Directory information may be shared without consent only when the district designated it in its annual public notice, and never
        for a student whose parent (or who, at 18) opted out.
      </p>
      {dir.error && <ErrorNotice error={dir.error} title="The directory designation could not be read" />}
      {dir.data && <Designation view={dir.data} onSaved={dir.reload} />}
      <OptOutList onChange={dir.reload} />
    </div>
  );
}

function Designation({ view, onSaved }: { view: DirectoryView; onSaved(): void }) {
  const [fields, setFields] = useState<Set<string>>(new Set(view.designation.fields));
  const [noticeDate, setNoticeDate] = useState(view.designation.noticeDate ?? '');
  const [error, setError] = useState<ApiError | null>(null);
  const [announce, setAnnounce] = useState('');
  const [busy, setBusy] = useState(false);
  const ids = { notice: useId(), noticeHint: useId() };
  useEffect(() => {
    setFields(new Set(view.designation.fields));
    setNoticeDate(view.designation.noticeDate ?? '');
  }, [view]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await invoke('directory-designate', { fields: [...fields], noticeDate: noticeDate || null });
      setAnnounce(`Designation saved: ${r.designation.fields.length} fields${r.designation.noticeDate ? `, notice given ${usDate(r.designation.noticeDate)}` : ', notice not yet given'}.`);
      onSaved();
    } catch (err) {
      setError(toApiError(err, 'directory-designate'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card section" aria-labelledby="designation-heading">
      <h2 id="designation-heading">District designation</h2>
      <p className="muted">
        {view.designatedAt ? `Recorded ${usDateTime(view.designatedAt)} by ${view.designatedBy ?? 'unknown'}.` : 'No designation recorded yet: nothing flows as directory information.'}{' '}
        {view.activeOptOuts} active opt-out{view.activeOptOuts === 1 ? '' : 's'}.
      </p>
      <form className="form" onSubmit={save} noValidate>
        <fieldset className="fieldset">
          <legend>Fields designated as directory information</legend>
          <div className="check-columns">
            {view.eligibleFields.map((f) => (
              <label key={f.id} className="choice">
                <input
                  type="checkbox"
                  checked={fields.has(f.id)}
                  onChange={(e) => setFields((s) => {
                    const next = new Set(s);
                    if (e.target.checked) next.add(f.id);
                    else next.delete(f.id);
                    return next;
                  })}
                />
                {f.label} <span className="muted">({f.category})</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor={ids.notice}>Date of the annual public notice</label>
          <input id={ids.notice} type="date" value={noticeDate} onChange={(e) => setNoticeDate(e.target.value)} aria-describedby={ids.noticeHint} />
          <span id={ids.noticeHint} className="field-note">Leave empty while the notice has not been given (34 CFR 99.37(a)(1)).</span>
        </div>
        {error && <ErrorNotice error={error} title="The designation was not saved" />}
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={busy}>{busy ? 'Saving…' : 'Save designation'}</button>
          <span className="live-note" role="status" aria-live="polite">{announce}</span>
        </div>
      </form>
    </section>
  );
}
