import { useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { CellKeyDownEvent, ColDef, GridApi, GridReadyEvent, IDatasource, IGetRowsParams, RowClickedEvent } from 'ag-grid-community';
import { toApiError, type ApiError } from '../api/client';
import { gridTheme, registerGridModules, styleNonce } from '../grid/grid-setup';

registerGridModules();

export interface PagedGridProps<T> {
  columns: ColDef<T>[];
  /** Fetches rows [offset, offset + limit) for the current filters; SQL filters and pages. */
  fetchPage(offset: number, limit: number): Promise<{ rows: T[]; total: number }>;
  /** Changes whenever the filters change: the grid drops its cache and starts at the top. */
  filterKey: string;
  rowId(row: T): string;
  onTotal(total: number): void;
  onError(error: ApiError | null): void;
  /** The row's main action (open it), by click or by Enter on a focused cell. */
  onOpen?(row: T): void;
  /** ids of the elements naming and describing the grid. */
  labelledBy: string;
  describedBy: string;
  blockSize?: number;
  className?: string;
}

/**
 * ag-grid over a paged channel (infinite row model): each block is one request, so a grid of a
 * million audit rows fetches only what is on screen. A filter change swaps the datasource.
 */
export function PagedGrid<T>({ columns, fetchPage, filterKey, rowId, onTotal, onError, onOpen, labelledBy, describedBy, blockSize = 100, className }: PagedGridProps<T>) {
  const [api, setApi] = useState<GridApi<T> | null>(null);
  const frame = useRef<HTMLDivElement>(null);
  const nonce = useMemo(() => styleNonce(), []);
  const latest = useRef({ fetchPage, onTotal, onError, onOpen });
  latest.current = { fetchPage, onTotal, onError, onOpen };

  useEffect(() => {
    if (!api) return;
    const datasource: IDatasource = {
      getRows(params: IGetRowsParams) {
        latest.current.fetchPage(params.startRow, params.endRow - params.startRow).then(
          (page) => {
            latest.current.onTotal(page.total);
            latest.current.onError(null);
            params.successCallback(page.rows, page.total);
          },
          (e: unknown) => {
            latest.current.onError(toApiError(e));
            params.failCallback();
          },
        );
      },
    };
    api.setGridOption('datasource', datasource);
  }, [api, filterKey]);

  // ag-grid has no option to name its grid element; point it at the heading and the count.
  const labelGrid = () => {
    const grid = frame.current?.querySelector('[role="grid"], [role="treegrid"]');
    grid?.setAttribute('aria-labelledby', labelledBy);
    grid?.setAttribute('aria-describedby', describedBy);
  };

  return (
    <div className={`grid-frame ${className ?? ''}`} ref={frame}>
      <AgGridReact<T>
        theme={gridTheme}
        loadThemeGoogleFonts={false}
        {...(nonce ? { styleNonce: nonce } : {})}
        rowModelType="infinite"
        columnDefs={columns}
        defaultColDef={{ sortable: false, suppressMovable: true, resizable: true, wrapHeaderText: true, autoHeaderHeight: true }}
        cacheBlockSize={blockSize}
        maxBlocksInCache={50}
        infiniteInitialRowCount={blockSize}
        blockLoadDebounceMillis={40}
        maxConcurrentDatasourceRequests={2}
        getRowId={(p) => rowId(p.data)}
        onGridReady={(e: GridReadyEvent<T>) => {
          labelGrid();
          setApi(e.api);
        }}
        onFirstDataRendered={labelGrid}
        onRowClicked={(e: RowClickedEvent<T>) => {
          if (e.data && latest.current.onOpen) latest.current.onOpen(e.data);
        }}
        onCellKeyDown={(e) => {
          const ev = (e as CellKeyDownEvent<T>).event as KeyboardEvent | undefined;
          if (ev?.key === 'Enter' && e.data && latest.current.onOpen) latest.current.onOpen(e.data);
        }}
      />
    </div>
  );
}
