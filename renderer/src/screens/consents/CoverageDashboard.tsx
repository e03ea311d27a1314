import { useCallback, useId, useMemo, useState } from 'react';
import type { ColDef } from 'ag-grid-community';
import type { AgreementSummary } from '../../../../shared/api/agreements-api';
import { coverageFilters, type CoverageFilter, type CoverageReport, type CoverageRow } from '../../../../shared/api/consents-api';
import { reasons } from '../../../../shared/policy/reasons';
import { invoke, toApiError, type ApiError } from '../../api/client';
import { useDebounced, useQuery } from '../../api/hooks';
import { ErrorNotice } from '../../app/ErrorNotice';
import { DocumentDialog } from '../../components/DocumentView';
import { saveText } from '../../components/files';
import { formatCount, plural, usDate } from '../../components/format';
import { PagedGrid } from '../../components/PagedGrid';
import { gradeOptions, shortGrade } from '../students/student-query';
import { fieldLabel } from './agreement-fields';
import { formLanguages } from './ConsentFormDialog';
import { coverageFilterLabel, coverageStateLabel, signerLabel } from './labels';

const stateTone = { complete: 'ok', partial: 'warn', missing: 'stop' } as const;
const lastDayWhy = { expires: 'expires', revoked: 'revoked', 'turns-18': 'turns 18' } as const;

const columns: ColDef<CoverageRow>[] = [
  { field: 'localId', headerName: 'Student ID', width: 120 },
  { field: 'lastName', headerName: 'Last name', flex: 1, minWidth: 120 },
  { field: 'firstName', headerName: 'First name', flex: 1, minWidth: 120 },
  { field: 'grade', headerName: 'Grade', width: 84, valueFormatter: (p) => shortGrade(p.value ?? '') },
  {
    field: 'state', headerName: 'Coverage', width: 120,
    cellRenderer: (p: { data?: CoverageRow }) => (p.data ? <span className={`status status-${stateTone[p.data.state]}`}>{coverageStateLabel[p.data.state]}</span> : null),
  },
  { colId: 'missing', headerName: 'Missing fields', flex: 1.6, minWidth: 200, valueGetter: (p) => p.data?.missingFields.map(fieldLabel).join(', ') ?? '' },
  { colId: 'reason', headerName: 'Why', flex: 1.6, minWidth: 200, valueGetter: (p) => (p.data?.reason ? reasons[p.data.reason].label : '') },
  {
    colId: 'ends', headerName: 'Coverage ends', width: 170,
    valueGetter: (p) => (p.data?.lastDay ? `${usDate(p.data.lastDay)}${p.data.lastDayWhy ? ` (${lastDayWhy[p.data.lastDayWhy]})` : ''}` : ''),
  },
  {
    colId: 'flags', headerName: 'Attention', width: 190,
    valueGetter: (p) => [p.data?.expiringSoon ? 'Expiring soon' : '', p.data?.turned18 ? 'Turned 18' : '', p.data?.needsForm ? 'Needs a form' : ''].filter(Boolean).join(' · '),
  },
  { colId: 'signer', headerName: 'Next signer', width: 180, valueGetter: (p) => (p.data ? signerLabel[p.data.signer] : '') },
];

type Summary = CoverageReport['summary'];
const summaryCards: { key: keyof Summary; label: string; filter: CoverageFilter }[] = [
  { key: 'inScope', label: 'Students in scope', filter: 'all' },
  { key: 'complete', label: 'Complete consent', filter: 'complete' },
  { key: 'partial', label: 'Partial consent', filter: 'partial' },
  { key: 'missing', label: 'No consent', filter: 'missing' },
  { key: 'needsForm', label: 'Need a form', filter: 'needs-form' },
  { key: 'expiring', label: 'Expiring soon', filter: 'expiring' },
  { key: 'turned18', label: 'Turned 18', filter: 'turned-18' },
  { key: 'declined', label: 'Declined', filter: 'declined' },
  { key: 'revoked', label: 'Revoked', filter: 'revoked' },
];

export interface CoverageDashboardProps {
  agreement: AgreementSummary;
  navigate(to: string): void;
}

/** The dashboard of one agreement: summary cards (each a filter), coverage per field, the filterable grid and the form actions. */
export function CoverageDashboard({ agreement, navigate }: CoverageDashboardProps) {
  const schools = useQuery('schools-list', {});
  const [filter, setFilter] = useState<CoverageFilter>('all');
  const [field, setField] = useState('');
  const [schoolId, setSchoolId] = useState('');
  const [grade, setGrade] = useState('');
  const [searchText, setSearchText] = useState('');
  const search = useDebounced(searchText.trim(), 250);
  const [daysText, setDaysText] = useState('30');
  const days = useDebounced(Math.min(366, Math.max(1, Number.parseInt(daysText, 10) || 30)), 300);
  const [report, setReport] = useState<CoverageReport | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [announce, setAnnounce] = useState('');
  const [language, setLanguage] = useState<'en' | 'es'>('en');
  const [busy, setBusy] = useState('');
  const [doc, setDoc] = useState<{ html: string; title: string; fileName: string } | null>(null);
  const ids = { days: useId(), filter: useId(), field: useId(), school: useId(), grade: useId(), search: useId(), count: useId(), lang: useId(), gridTitle: useId() };

  const query = useMemo(() => ({ agreementId: agreement.id, expiringWithinDays: days, filter, ...(field ? { field } : {}), ...(schoolId ? { schoolId } : {}), ...(grade ? { grade } : {}), ...(search ? { search } : {}) }), [agreement.id, days, filter, field, schoolId, grade, search]);
  const fetchPage = useCallback(async (offset: number, limit: number) => {
    const r = await invoke('consent-coverage', { ...query, offset, limit });
    setReport(r);
    return { rows: r.rows, total: r.total };
  }, [query]);

  const run = async (what: string, fn: () => Promise<void>) => {
    setBusy(what);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy('');
    }
  };
  const exportCsv = () => run('export', async () => {
    const r = await invoke('consent-needs-form-export', { agreementId: agreement.id, expiringWithinDays: days });
    saveText(r.fileName, r.csv, 'text/csv');
    setAnnounce(`Saved ${plural(r.count, 'student')} who still need a form to ${r.fileName}.`);
  });
  const openForms = (blank: boolean) => run('forms', async () => {
    const r = await invoke('consent-form', { agreementId: agreement.id, language, ...(blank ? { studentIds: [] } : {}) });
    const lang = language === 'es' ? 'Spanish' : 'English';
    setDoc({ html: r.html, title: blank ? `Blank consent form (${lang})` : `Consent request forms, ${plural(r.pages, 'page')} (${lang})`, fileName: `consent-forms-${agreement.id}-${blank ? 'blank-' : ''}${language}.html` });
  });

  const s = report?.summary;
  return (
    <div className="coverage-dashboard">
      <p className="muted">
        {agreement.partnerName} · {report ? `coverage as of ${usDate(report.asOf)}` : 'Counting…'} · fields needing consent under this agreement:{' '}
        {report ? (report.consentFields.length ? report.consentFields.map(fieldLabel).join(', ') : 'none') : '…'}
      </p>

      <section aria-labelledby="cov-summary" className="section">
        <h2 id="cov-summary" className="visually-hidden">Summary</h2>
        <ul className="stat-buttons" aria-label="Summary: choose one to filter the list">
          {summaryCards.map((c) => (
            <li key={c.key}>
              <button type="button" className="stat-button" aria-pressed={filter === c.filter} onClick={() => setFilter(c.filter)}>
                <span className="stat-value">{s ? formatCount(s[c.key]) : '…'}</span>
                <span className="stat-label">{c.key === 'expiring' ? `Expiring within ${days} days` : c.label}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>

      {report && report.perField.length > 0 && (
        <section aria-labelledby="cov-fields" className="section">
          <h2 id="cov-fields">Coverage by field</h2>
          <table className="table table-compact">
            <thead>
              <tr><th scope="col">Field</th><th scope="col">Exhibit B category</th><th scope="col" className="num">Covered</th><th scope="col" className="num">Missing</th><th scope="col">Share covered</th></tr>
            </thead>
            <tbody>
              {report.perField.map((f) => {
                const all = f.covered + f.missing;
                const pct = all ? Math.round((100 * f.covered) / all) : 0;
                return (
                  <tr key={f.field}>
                    <th scope="row">{f.label}</th>
                    <td>{f.category}</td>
                    <td className="num">{formatCount(f.covered)}</td>
                    <td className="num">{formatCount(f.missing)}</td>
                    <td><span className="meter" aria-hidden="true"><span style={{ width: `${pct}%` }} /></span> {pct}%</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}

      <section aria-labelledby="cov-actions" className="section">
        <h2 id="cov-actions">Consent forms</h2>
        <div className="toolbar toolbar-actions">
          <button type="button" className="button-secondary" onClick={() => void exportCsv()} disabled={busy !== ''}>{busy === 'export' ? 'Exporting…' : 'Export students who need a form (CSV)'}</button>
          <div className="field">
            <label htmlFor={ids.lang}>Form language</label>
            <select id={ids.lang} value={language} onChange={(e) => setLanguage(e.target.value as 'en' | 'es')}>
              {formLanguages.map((l) => <option key={l.code} value={l.code}>{l.label}</option>)}
            </select>
          </div>
          <button type="button" className="button-primary" onClick={() => void openForms(false)} disabled={busy !== ''}>{busy === 'forms' ? 'Preparing…' : 'Forms for students who need one'}</button>
          <button type="button" className="button-secondary" onClick={() => void openForms(true)} disabled={busy !== ''}>Blank form</button>
        </div>
        <p className="live-note" role="status" aria-live="polite">{announce}</p>
        {error && <ErrorNotice error={error} />}
      </section>

      <section aria-labelledby={ids.gridTitle} className="section section-grid">
        <h2 id={ids.gridTitle}>Students in scope</h2>
        <form className="toolbar" role="search" aria-label="Filter students in scope" onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label htmlFor={ids.filter}>Show</label>
            <select id={ids.filter} value={filter} onChange={(e) => setFilter(e.target.value as CoverageFilter)}>
              {coverageFilters.map((f) => <option key={f} value={f}>{coverageFilterLabel[f]}</option>)}
            </select>
          </div>
          <div className="field field-narrow">
            <label htmlFor={ids.days}>Expiring within (days)</label>
            <input id={ids.days} type="number" min={1} max={366} value={daysText} onChange={(e) => setDaysText(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={ids.field}>Missing field</label>
            <select id={ids.field} value={field} onChange={(e) => setField(e.target.value)}>
              <option value="">Any field</option>
              {report?.consentFields.map((f) => <option key={f} value={f}>{fieldLabel(f)}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.school}>School</label>
            <select id={ids.school} value={schoolId} onChange={(e) => setSchoolId(e.target.value)}>
              <option value="">All schools</option>
              {schools.data?.map((sc) => <option key={sc.id} value={sc.id}>{sc.name}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.grade}>Grade</label>
            <select id={ids.grade} value={grade} onChange={(e) => setGrade(e.target.value)}>
              <option value="">All grades</option>
              {gradeOptions.map((g) => <option key={g.code} value={g.code}>{g.label}</option>)}
            </select>
          </div>
          <div className="field field-grow">
            <label htmlFor={ids.search}>Name or student ID</label>
            <input id={ids.search} type="search" value={searchText} onChange={(e) => setSearchText(e.target.value)} autoComplete="off" spellCheck={false} maxLength={100} />
          </div>
        </form>
        <p id={ids.count} className="row-count" role="status" aria-live="polite" aria-atomic="true">
          {total === null ? 'Counting students…' : `${plural(total, 'student')} · ${coverageFilterLabel[filter]}. Select a row to open the student's consents.`}
        </p>
        <PagedGrid<CoverageRow>
          columns={columns}
          fetchPage={fetchPage}
          filterKey={JSON.stringify(query)}
          rowId={(r) => r.studentId}
          onTotal={setTotal}
          onError={setError}
          onOpen={(r) => navigate(`consents/${r.studentId}`)}
          labelledBy={ids.gridTitle}
          describedBy={ids.count}
        />
      </section>

      {doc && <DocumentDialog {...doc} onClose={() => setDoc(null)} />}
    </div>
  );
}
