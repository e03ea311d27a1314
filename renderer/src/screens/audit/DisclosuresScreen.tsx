import { useCallback, useId, useMemo, useState } from 'react';
import { DateRangeFields } from '../../components/DateRangeFields';
import type { ColDef } from 'ag-grid-community';
import type { ScreenProps } from '../types';
import type { DisclosureListRow } from '../../../../shared/api/audit-api';
import type { StudentRow } from '../../../../shared/api/students-api';
import { invoke, type ApiError } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { ErrorNotice } from '../../app/ErrorNotice';
import { plural, usDate } from '../../components/format';
import { PagedGrid } from '../../components/PagedGrid';
import { StudentSearch } from '../../components/StudentSearch';
import { DisclosureHistory } from './DisclosureHistory';
import { basisShort, destructionLabel, destructionTone } from './labels';
import '../../styles/records.css';

const columns: ColDef<DisclosureListRow>[] = [
  { field: 'disclosedOn', headerName: 'Date', width: 112, valueFormatter: (p) => usDate(p.value as string) },
  { colId: 'student', headerName: 'Student', flex: 1.4, minWidth: 240, valueGetter: (p) => (p.data ? `${p.data.studentName ?? '(no longer on record)'}${p.data.studentLocalId ? ` · ${p.data.studentLocalId}` : ''}` : '') },
  { field: 'partnerName', headerName: 'Partner', flex: 1.2, minWidth: 210 },
  { colId: 'basis', headerName: 'Legal basis', width: 160, valueGetter: (p) => (p.data ? basisShort[p.data.legalBasis] : '') },
  { field: 'role', headerName: 'Role', width: 124 },
  { field: 'fieldCount', headerName: 'Fields', width: 76 },
  {
    field: 'destructionState', headerName: 'Now', width: 170,
    cellRenderer: (p: { data?: DisclosureListRow }) => (p.data ? <span className={`status status-${destructionTone[p.data.destructionState]}`}>{destructionLabel[p.data.destructionState]}</span> : null),
  },
  { field: 'destroyBy', headerName: 'Keep until', width: 114, valueFormatter: (p) => usDate(p.value as string) },
  { colId: 'record', headerName: '34 CFR 99.32', width: 124, valueGetter: (p) => (p.data ? (p.data.requiredBy9932 ? 'Required' : 'Voluntary') : '') },
  { colId: 'idea', headerName: 'IDEA fields', width: 120, valueGetter: (p) => (p.data ? (p.data.ideaCovered ? 'Yes (300.614)' : 'No') : '') },
  { colId: 'agreement', headerName: 'Agreement', width: 150, valueGetter: (p) => (p.data ? `v${p.data.agreementVersion} · ${p.data.agreementId}` : '') },
];

/**
 * The record of disclosures (34 CFR 99.32): one row per student per package, filtered by student,
 * partner and date; a row opens that student's history and the parent's report
 * (`#/disclosures/<studentId>`).
 */
export default function DisclosuresScreen({ params, navigate }: ScreenProps) {
  if (params[0]) return <DisclosureHistory key={params[0]} studentId={params[0]} />;
  return <DisclosureList navigate={navigate} />;
}

function DisclosureList({ navigate }: { navigate(to: string): void }) {
  const partners = useQuery('partners-list', {});
  const [student, setStudent] = useState<StudentRow | null>(null);
  const [partnerId, setPartnerId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const ids = { partner: useId(), count: useId() };
  const query = useMemo(() => ({ ...(student ? { studentId: student.id } : {}), ...(partnerId ? { partnerId } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) }), [student, partnerId, from, to]);
  const fetchPage = useCallback((offset: number, limit: number) => invoke('disclosures-list', { ...query, offset, limit }), [query]);
  const filtered = Object.keys(query).length > 0;

  return (
    <div className="disclosures-screen">
      <p className="lede">Every export records who received which student's data, when, why and until when. Parents may inspect this record (34 CFR 99.32).</p>
      <form className="toolbar" role="search" aria-label="Filter disclosures" onSubmit={(e) => e.preventDefault()}>
        <div className="filter-student">
          {student ? (
            <div className="field">
              <span className="field-label" id={`${ids.count}-st`}>Student</span>
              <span className="chip" aria-labelledby={`${ids.count}-st`}>
                {student.lastName}, {student.firstName} · {student.localId}
                <button type="button" className="chip-clear" onClick={() => setStudent(null)} aria-label="Clear the student filter">×</button>
              </span>
            </div>
          ) : (
            <StudentSearch label="Student" onPick={setStudent} limit={5} />
          )}
        </div>
        <div className="field">
          <label htmlFor={ids.partner}>Partner</label>
          <select id={ids.partner} value={partnerId} onChange={(e) => setPartnerId(e.target.value)}>
            <option value="">All partners</option>
            {partners.data?.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </div>
        <DateRangeFields from={from} to={to} onFrom={setFrom} onTo={setTo} />
      </form>
      {partners.error && <ErrorNotice error={partners.error} />}
      {error && <ErrorNotice error={error} />}
      <p id={ids.count} className="row-count" role="status" aria-live="polite" aria-atomic="true">
        {total === null ? 'Counting disclosures…' : `${plural(total, 'disclosure')}${filtered ? (total === 1 ? ' matches these filters' : ' match these filters') : ''}. Select a row for the student's history and the parent's report.`}
      </p>
      <PagedGrid<DisclosureListRow>
        columns={columns}
        fetchPage={fetchPage}
        filterKey={JSON.stringify(query)}
        rowId={(r) => `${r.packageId}:${r.studentId}`}
        onTotal={setTotal}
        onError={setError}
        onOpen={(r) => navigate(`disclosures/${r.studentId}`)}
        labelledBy="page-title"
        describedBy={ids.count}
      />
    </div>
  );
}
