import { useId } from 'react';
import type { ScreenProps } from '../types';
import { useQuery } from '../../api/hooks';
import { ErrorNotice } from '../../app/ErrorNotice';
import { recipientOptions } from './agreement-fields';
import { CoverageDashboard } from './CoverageDashboard';
import '../../styles/records.css';

/**
 * Consent coverage per agreement (`#/consent-coverage/<agreementId>`): which students in the
 * agreement's scope have consent for which fields, who is missing, whose consent ends soon, who
 * turned 18; export who still needs a form, and print the forms.
 */
export default function CoverageScreen({ params, navigate }: ScreenProps) {
  const agreements = useQuery('agreements-list', {});
  const pickId = useId();
  const options = recipientOptions(agreements.data ?? []);
  const agreementId = params[0] ?? '';
  const chosen = options.find((a) => a.id === agreementId);

  return (
    <div className="coverage-screen">
      <form className="toolbar" aria-label="Choose an agreement" onSubmit={(e) => e.preventDefault()}>
        <div className="field field-grow">
          <label htmlFor={pickId}>Agreement</label>
          <select id={pickId} value={agreementId} onChange={(e) => navigate(e.target.value ? `consent-coverage/${e.target.value}` : 'consent-coverage')} disabled={!agreements.data}>
            <option value="">Choose an agreement…</option>
            {options.map((a) => (
              <option key={a.id} value={a.id}>
                {a.partnerName} — {a.title} ({a.activeVersion !== null ? 'in force' : a.latestStatus})
              </option>
            ))}
          </select>
        </div>
      </form>
      {agreements.error && <ErrorNotice error={agreements.error} title="The agreements could not be read" />}
      {agreements.data && agreements.data.length === 0 && <p className="empty">No agreements yet. Coverage is counted per agreement, once one exists.</p>}
      {!agreementId && agreements.data && agreements.data.length > 0 && <p className="muted">Choose an agreement to see its students' consent coverage.</p>}
      {agreementId && agreements.data && !chosen && <p className="empty" role="alert">There is no agreement '{agreementId}' in this store.</p>}
      {chosen && <CoverageDashboard key={chosen.id} agreement={chosen} navigate={navigate} />}
    </div>
  );
}
