import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import type { ColDef } from 'ag-grid-community';
import type { ScreenProps } from '../types';
import type { PartnerRecordsPage } from '../../../../shared/api/packages-api';
import { invoke, type ApiError } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { PagedGrid } from '../../components/PagedGrid';
import { hrefFor } from '../../app/routing';
import { Problem } from '../sharing/ui';
import '../../styles/records.css';
import './packages.css';

type Row = { rowIndex: number; cells: string[] };
const count = new Intl.NumberFormat('en-US');

/**
 * `#/partner-records[/<packageId>]` (partner workspace): one received package's records in
 * ag-grid (only the columns its role received, paged from the store), its data dictionary and
 * the district's notice (what may and may not be done, and the destroy-by date). Every page of
 * records the grid reads is logged in the workspace's audit log (the Audit log screen).
 */
export default function PartnerRecordsScreen({ params, navigate }: ScreenProps) {
  const received = useQuery('packages-list', {});
  const live = useMemo(() => (received.data ?? []).filter((p) => !p.destroyedAt), [received.data]);
  const packageId = params[0] ?? live[0]?.packageId ?? '';
  const id = useId();
  if (received.error) return <Problem error={received.error} title="The received packages could not be read" />;
  if (received.data && live.length === 0) return <div className="packages"><p className="empty">No records are held: import a package first, or every package was destroyed.</p></div>;
  return (
    <div className="packages records-layout">
      <form className="toolbar" aria-label="Which package" onSubmit={(e) => e.preventDefault()}>
        <div className="field field-grow">
          <label htmlFor={id}>Package</label>
          <select id={id} value={packageId} onChange={(e) => navigate(`partner-records/${e.target.value}`)}>
            {live.map((p) => <option key={p.packageId} value={p.packageId}>{p.agreementId} v{p.agreementVersion}, no. {p.sequence}, {p.role} ({count.format(p.recordCount)} records)</option>)}
          </select>
        </div>
      </form>
      {packageId && <PackageRecords key={packageId} packageId={packageId} />}
    </div>
  );
}

function PackageRecords({ packageId }: { packageId: string }) {
  const [first, setFirst] = useState<PartnerRecordsPage | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<ApiError | null>(null);
  const dictionary = useQuery('partner-dictionary-get', { packageId });
  const ids = { title: useId(), count: useId() };
  useEffect(() => {
    // The columns alone (limit 0): no record is read or logged until the grid asks for rows.
    invoke('partner-records-list', { packageId, offset: 0, limit: 0 }).then(setFirst, (e: ApiError) => setError(e));
  }, [packageId]);
  const columns = useMemo<ColDef<Row>[]>(
    () => [
      { headerName: '#', valueGetter: (p) => (p.data ? p.data.rowIndex + 1 : ''), width: 70 },
      ...(first?.columns ?? []).map((c, i): ColDef<Row> => ({ headerName: c.label, colId: c.column, valueGetter: (p) => p.data?.cells[i] ?? '', minWidth: 140, flex: 1 })),
    ],
    [first],
  );
  const fetchPage = useCallback(async (offset: number, limit: number) => {
    const page = await invoke('partner-records-list', { packageId, offset, limit });
    return { rows: page.rows, total: page.total };
  }, [packageId]);
  return (
    <>
      {error && <Problem error={error} title="The records could not be read" />}
      <section aria-labelledby={ids.title}>
        <h2 id={ids.title}>Records</h2>
        <p id={ids.count} className="row-count" role="status">{count.format(total)} records, role {dictionary.data?.role ?? '…'}</p>
        <p className="muted">Each page of records you read is recorded in this workspace&apos;s <a href={hrefFor('audit')}>audit log</a> (which package, columns and rows; never the values).</p>
        {first && <PagedGrid<Row> columns={columns} fetchPage={fetchPage} filterKey={packageId} rowId={(r) => String(r.rowIndex)} onTotal={setTotal} onError={setError} labelledBy={ids.title} describedBy={ids.count} />}
      </section>
      {dictionary.data && (
        <section aria-labelledby={`${ids.title}-d`}>
          <h2 id={`${ids.title}-d`}>Data dictionary</h2>
          <table className="table table-compact">
            <thead><tr><th scope="col">Column</th><th scope="col">Meaning</th><th scope="col">Exhibit B category</th><th scope="col">Transform</th><th scope="col">Type</th></tr></thead>
            <tbody>
              {dictionary.data.columns.map((c) => (
                <tr key={c.column}><th scope="row">{c.label}<div className="cell-note">{c.column}</div></th><td>{c.exhibitBElement}</td><td>{c.exhibitBCategory}</td><td>{c.transformDescription || c.transform}</td><td>{c.valueType}</td></tr>
              ))}
            </tbody>
          </table>
          <h2>Notice from the district</h2>
          <div className="notice-text">{dictionary.data.notice}</div>
        </section>
      )}
    </>
  );
}
