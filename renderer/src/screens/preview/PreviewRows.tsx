import { useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { CellFocusedEvent, ColDef, GridApi, GridReadyEvent, IDatasource, IGetRowsParams, SortModelItem } from 'ag-grid-community';
import type { PreviewRow, PreviewSummary, PreviewTarget } from '../../../../shared/api/preview-api';
import type { ReasonInfo } from '../../../../shared/policy/reasons';
import type { Cell } from '../../../../shared/policy/types';
import { invoke, toApiError, type ApiError } from '../../api/client';
import { gridTheme, registerGridModules, styleNonce } from '../../grid/grid-setup';
import { Problem, useAction } from '../sharing/ui';
import { formatCount, plural, transformShortLabels } from '../sharing/labels';
import { describeCell, PreviewCell } from './cells';

registerGridModules();

interface Props {
  target: PreviewTarget;
  summary: PreviewSummary;
  reasons: Record<string, ReasonInfo>;
}

/**
 * The preview rows in ag-grid's infinite row model: each block of 100 rows is one 'preview-rows'
 * request (the services sort and page; the grid only draws). These are the rows the export
 * writes. "Save as CSV" has the services write the same bytes the package's records.csv holds
 * to the file chosen in the save dialog.
 */
export function PreviewRows({ target, summary, reasons }: Props) {
  const [api, setApi] = useState<GridApi<PreviewRow> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [focused, setFocused] = useState('');
  const frame = useRef<HTMLDivElement>(null);
  // The rows the grid holds, by position, for the focused cell's details (no row API module needed).
  const loaded = useRef(new Map<number, PreviewRow>());
  const nonce = useMemo(() => styleNonce(), []);
  const save = useAction();
  const reviewer = target.reviewer ?? false;

  const columns = useMemo<ColDef<PreviewRow>[]>(() => [
    { colId: '#', headerName: 'Row', width: 76, sortable: false, valueGetter: (p) => (p.data ? p.data.rowIndex + 1 : undefined) },
    ...summary.fields.map((f, i): ColDef<PreviewRow> => ({
      colId: f.column,
      headerName: f.transform === 'asIs' ? f.label : `${f.label} (${transformShortLabels[f.transform].toLowerCase()})`,
      // A column that can hold withheld cells needs room for the word and its reason code.
      minWidth: f.decision === 'withheld' || f.decision === 'conditional' ? 290 : 150,
      flex: 1,
      sortable: !reviewer,
      valueGetter: (p) => p.data?.cells[i],
      cellRenderer: PreviewCell,
      cellRendererParams: { reasons },
    })),
  ], [summary.fields, reviewer, reasons]);

  useEffect(() => {
    if (!api) return;
    loaded.current.clear();
    const datasource: IDatasource = {
      getRows(params: IGetRowsParams) {
        const sort = (params.sortModel as SortModelItem[]).find((s) => s.colId !== '#');
        invoke('preview-rows', { ...target, offset: params.startRow, limit: Math.min(1000, params.endRow - params.startRow), ...(sort ? { sort: { column: sort.colId, direction: sort.sort } } : {}) }).then(
          (page) => {
            setError(null);
            for (const r of page.rows) loaded.current.set(r.rowIndex, r);
            params.successCallback(page.rows, page.total);
          },
          (e: unknown) => {
            setError(toApiError(e, 'preview-rows'));
            params.failCallback();
          },
        );
      },
    };
    api.setGridOption('datasource', datasource);
  }, [api, target]);

  const labelGrid = () => {
    const grid = frame.current?.querySelector('[role="grid"], [role="treegrid"]');
    grid?.setAttribute('aria-labelledby', 'rows-heading');
    grid?.setAttribute('aria-describedby', 'rows-count cell-detail');
  };

  const onCellFocused = (e: CellFocusedEvent<PreviewRow>) => {
    if (e.rowIndex === null || e.rowIndex === undefined || !e.column || typeof e.column === 'string') return;
    const colId = e.column.getColId();
    const i = summary.fields.findIndex((f) => f.column === colId);
    const row = loaded.current.get(e.rowIndex);
    const cell: Cell | undefined = i >= 0 ? row?.cells[i] : undefined;
    const f = summary.fields[i];
    if (!cell || !f) {
      setFocused('');
      return;
    }
    setFocused(`Row ${e.rowIndex + 1}, ${f.label}: ${describeCell(cell, reasons, transformShortLabels[f.transform].toLowerCase())}`);
  };

  // The services write the file chosen in the save dialog; only a summary comes back.
  const saveCsv = () =>
    void save.run(() => invoke('preview-save-csv', target), (r) => (r.saved
      ? `Saved ${plural(r.rows, 'row')} (${formatCount(r.bytes)} bytes) to ${r.filePath}${reviewer ? ' (synthetic values)' : ''}.`
      : 'Not saved: no file was chosen.'));

  return (
    <section className="panel rows-panel" aria-labelledby="rows-heading">
      <div className="panel-head">
        <h2 id="rows-heading">Rows this role would receive</h2>
        <div className="panel-actions">
          <button type="button" className="button-secondary" onClick={saveCsv} disabled={save.busy}>{save.busy ? 'Saving…' : 'Save as CSV…'}</button>
        </div>
      </div>
      <p id="rows-count" className="muted">
        {formatCount(summary.included)} rows, one per included student, in the order the export writes them{reviewer ? ' (reviewer mode: sorting is off, real values would reveal the order)' : '; sort by a column header'}.
        Withheld cells say <span className="cell-withheld inline-sample"><span aria-hidden="true">⊘</span> Withheld</span> with their reason code; hover or focus a cell for the rule.
      </p>
      <p className="action-message" role="status" aria-live="polite">{save.message}</p>
      {save.error && <Problem error={save.error} title="The CSV was not saved" />}
      {error && <Problem error={error} title="The rows could not be read" />}
      {summary.included === 0 && <p className="notice">No student is included, so this role would receive no rows: the counts above say why.</p>}
      <div className="grid-frame preview-grid" ref={frame}>
        <AgGridReact<PreviewRow>
          theme={gridTheme}
          loadThemeGoogleFonts={false}
          {...(nonce ? { styleNonce: nonce } : {})}
          rowModelType="infinite"
          columnDefs={columns}
          defaultColDef={{ suppressMovable: true, sortingOrder: ['asc', 'desc', null], wrapHeaderText: true, autoHeaderHeight: true }}
          cacheBlockSize={100}
          maxBlocksInCache={50}
          infiniteInitialRowCount={Math.min(100, summary.included)}
          blockLoadDebounceMillis={40}
          maxConcurrentDatasourceRequests={2}
          getRowId={(p) => String(p.data.rowIndex)}
          onGridReady={(e: GridReadyEvent<PreviewRow>) => {
            labelGrid();
            setApi(e.api);
          }}
          onFirstDataRendered={labelGrid}
          onCellFocused={onCellFocused}
        />
      </div>
      <p id="cell-detail" className="cell-detail" aria-live="polite">{focused || 'Focus a cell (click it, or Tab into the grid and use the arrow keys) to read its value or why it is withheld.'}</p>
    </section>
  );
}
