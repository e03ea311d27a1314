import { useCallback, useId, useMemo, useState } from 'react';
import { DateRangeFields } from '../../components/DateRangeFields';
import type { ColDef } from 'ag-grid-community';
import type { ScreenProps } from '../types';
import type { AuditListRow, AuditVerifyResult } from '../../../../shared/api/audit-api';
import type { AuditEntryKind } from '../../../../shared/audit/describe';
import { invoke, toApiError, type ApiError } from '../../api/client';
import { useDebounced, useQuery } from '../../api/hooks';
import { ErrorNotice } from '../../app/ErrorNotice';
import { formatCount, plural, usDateTime } from '../../components/format';
import { PagedGrid } from '../../components/PagedGrid';
import '../../styles/records.css';

const kindLabel: Record<AuditEntryKind, string> = {
  'restricted-view': 'Restricted view',
  export: 'Export',
  import: 'Import',
  disclosure: 'Disclosure',
  report: 'Report',
  change: 'Change',
};
const kindTone: Record<AuditEntryKind, string> = { 'restricted-view': 'warn', export: 'info', import: 'info', disclosure: 'info', report: 'neutral', change: 'neutral' };

const columns: ColDef<AuditListRow>[] = [
  { field: 'seq', headerName: 'Row', width: 84, valueFormatter: (p) => (p.value === undefined ? '' : formatCount(p.value as number)) },
  { field: 'at', headerName: 'When', width: 180, valueFormatter: (p) => usDateTime(p.value as string) },
  { field: 'actor', headerName: 'Who', width: 140 },
  {
    field: 'kind', headerName: 'Kind', width: 160,
    cellRenderer: (p: { data?: AuditListRow }) => (p.data ? <span className={`status status-${kindTone[p.data.kind]}`}>{kindLabel[p.data.kind]}</span> : null),
  },
  { field: 'description', headerName: 'What happened', flex: 1, minWidth: 360 },
  { field: 'action', headerName: 'Action', width: 180 },
  { colId: 'object', headerName: 'Object', width: 200, valueGetter: (p) => (p.data ? `${p.data.objectType}${p.data.objectId ? ` ${p.data.objectId}` : ''}` : '') },
];

/**
 * The tamper-evident audit log: every change, export, import and view of restricted fields,
 * filtered by who, what, which object and when; and the check that walks the hash chain and names
 * the first row edited, deleted, inserted or reordered directly in the database file.
 */
export default function AuditScreen(_props: ScreenProps) {
  const facets = useQuery('audit-facets', {});
  const [actor, setActor] = useState('');
  const [action, setAction] = useState('');
  const [objectType, setObjectType] = useState('');
  const [objectIdText, setObjectIdText] = useState('');
  const objectId = useDebounced(objectIdText.trim(), 300);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [order, setOrder] = useState<'newest' | 'oldest'>('newest');
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const ids = { actor: useId(), action: useId(), type: useId(), object: useId(), order: useId(), count: useId() };

  const nouns = useMemo(() => [...new Set((facets.data?.actions ?? []).filter((a) => a.includes('.')).map((a) => a.slice(0, a.lastIndexOf('.'))))].sort(), [facets.data]);
  const query = useMemo(() => ({
    order, ...(actor ? { actor } : {}), ...(action ? { action } : {}), ...(objectType ? { objectType } : {}), ...(objectId ? { objectId } : {}),
    ...(from ? { from } : {}), ...(to ? { to } : {}),
  }), [actor, action, objectType, objectId, from, to, order]);
  const fetchPage = useCallback((offset: number, limit: number) => invoke('audit-list', { ...query, offset, limit }), [query]);
  const filtered = Boolean(actor || action || objectType || objectId || from || to);
  const clear = () => {
    setActor(''); setAction(''); setObjectType(''); setObjectIdText(''); setFrom(''); setTo('');
  };

  return (
    <div className="audit-screen">
      <VerifyPanel />
      <form className="toolbar" role="search" aria-label="Filter the audit log" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={ids.actor}>Who</label>
          <select id={ids.actor} value={actor} onChange={(e) => setActor(e.target.value)}>
            <option value="">Anyone</option>
            {facets.data?.actors.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.action}>Action</label>
          <select id={ids.action} value={action} onChange={(e) => setAction(e.target.value)}>
            <option value="">Any action</option>
            <optgroup label="Everything about">
              {nouns.map((n) => <option key={`n:${n}`} value={n}>{n} (all)</option>)}
            </optgroup>
            <optgroup label="Exactly">
              {facets.data?.actions.map((a) => <option key={a} value={a}>{a}</option>)}
            </optgroup>
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.type}>Object type</label>
          <select id={ids.type} value={objectType} onChange={(e) => setObjectType(e.target.value)}>
            <option value="">Any object</option>
            {facets.data?.objectTypes.map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.object}>Object id</label>
          <input id={ids.object} type="search" value={objectIdText} onChange={(e) => setObjectIdText(e.target.value)} autoComplete="off" spellCheck={false} maxLength={200} />
        </div>
        <DateRangeFields from={from} to={to} onFrom={setFrom} onTo={setTo} />
        <div className="field">
          <label htmlFor={ids.order}>Order</label>
          <select id={ids.order} value={order} onChange={(e) => setOrder(e.target.value as 'newest' | 'oldest')}>
            <option value="newest">Newest first</option>
            <option value="oldest">Oldest first</option>
          </select>
        </div>
        {filtered && <button type="button" className="button-secondary" onClick={clear}>Clear filters</button>}
      </form>
      {facets.error && <ErrorNotice error={facets.error} />}
      {error && <ErrorNotice error={error} />}
      <p id={ids.count} className="row-count" role="status" aria-live="polite" aria-atomic="true">
        {total === null ? 'Counting audit rows…' : filtered ? `${plural(total, 'audit row')} ${total === 1 ? 'matches' : 'match'} these filters` : plural(total, 'audit row')}
      </p>
      <PagedGrid<AuditListRow>
        columns={columns}
        fetchPage={fetchPage}
        filterKey={JSON.stringify(query)}
        rowId={(r) => String(r.seq)}
        onTotal={setTotal}
        onError={setError}
        labelledBy="page-title"
        describedBy={ids.count}
      />
    </div>
  );
}

/** "Verify the log": walks the whole chain in the services and says OK, or names the first broken row. */
function VerifyPanel() {
  const [result, setResult] = useState<AuditVerifyResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await invoke('audit-verify', {}));
    } catch (e) {
      setError(toApiError(e, 'audit-verify'));
      setResult(null);
    } finally {
      setBusy(false);
    }
  };
  const intact = result?.ok && result.guards.intact;
  return (
    <section className="verify-panel" aria-labelledby="verify-heading">
      <div className="verify-row">
        <div>
          <h2 id="verify-heading">Is the log untouched?</h2>
          <p className="muted">Each row holds the SHA-256 of the one before it. Verifying re-computes the whole chain.</p>
        </div>
        <button type="button" className="button-primary" onClick={() => void verify()} disabled={busy}>{busy ? 'Verifying…' : 'Verify the log'}</button>
      </div>
      <div role="status" aria-live="polite" aria-atomic="true">
        {result && intact && (
          <p className="verify-result verify-ok">
            <span className="verify-icon" aria-hidden="true">✓</span>
            <span><strong>Intact.</strong> The chain of {plural(result.checked, 'row')} verifies from the first row to row {result.head ? formatCount(result.head.seq) : '—'} ({result.millis} ms).
            {result.head && <> Note the head to detect truncation later: <code className="hash">{result.head.seq}:{result.head.hash}</code></>}</span>
          </p>
        )}
        {result && !intact && (
          <div className="verify-result verify-bad">
            <span className="verify-icon" aria-hidden="true">!</span>
            <div>
              <p><strong>Broken{result.firstBad ? ` at row ${formatCount(result.firstBad.seq)}` : ''}.</strong> {result.firstBad?.message}</p>
              {!result.guards.intact && <p>The guards that refuse changes to audit rows are missing ({result.guards.missing.join(', ')}): the database schema was changed outside Steward.</p>}
              <p>{plural(result.checked, 'row')} read. Keep a copy of this store file as evidence and restore from a backup you trust.</p>
            </div>
          </div>
        )}
      </div>
      {error && <ErrorNotice error={error} title="The log could not be verified" />}
    </section>
  );
}
