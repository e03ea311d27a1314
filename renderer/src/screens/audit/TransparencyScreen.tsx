import { useId, useState } from 'react';
import type { ScreenProps } from '../types';
import { invoke, toApiError, type ApiError } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { ErrorNotice } from '../../app/ErrorNotice';
import { DocumentFrame } from '../../components/DocumentView';
import { saveText } from '../../components/files';
import '../../styles/records.css';

/**
 * The district transparency report (the list Illinois SOPPA requires districts to post): every
 * partner, purpose, legal basis, data categories (NDPA Exhibit B names), term and destroy-by date.
 * Shown as the printable page; the CSV is the same list for the district website.
 */
export default function TransparencyScreen(_props: ScreenProps) {
  const [asOf, setAsOf] = useState('');
  const report = useQuery('transparency-report', { format: 'html', ...(asOf ? { asOf } : {}) });
  const [error, setError] = useState<ApiError | null>(null);
  const [announce, setAnnounce] = useState('');
  const dateId = useId();

  const csv = async () => {
    setError(null);
    try {
      const r = await invoke('transparency-report', { format: 'csv', ...(asOf ? { asOf } : {}) });
      saveText(r.fileName, r.content, r.mimeType);
      setAnnounce(`Saved ${r.fileName}.`);
    } catch (e) {
      setError(toApiError(e, 'transparency-report'));
    }
  };

  return (
    <div className="transparency-screen">
      <form className="toolbar" aria-label="Report options" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={dateId}>As of</label>
          <input id={dateId} type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
        </div>
        <button type="button" className="button-secondary" onClick={() => void csv()}>Download CSV</button>
        <span className="live-note" role="status" aria-live="polite">{announce}</span>
      </form>
      {error && <ErrorNotice error={error} title="The CSV could not be made" />}
      {report.error && <ErrorNotice error={report.error} title="The report could not be made" />}
      {!report.data && !report.error && <p className="muted" role="status">Preparing the report…</p>}
      {report.data && <DocumentFrame html={report.data.content} title="District transparency report" fileName={report.data.fileName} className="document-inline" />}
    </div>
  );
}
