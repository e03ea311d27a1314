import { useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridApi, GridReadyEvent, IDatasource, IGetRowsParams, ValueFormatterParams } from 'ag-grid-community';
import type { StudentRow } from '../../../../shared/api/students-api';
import { invoke, toApiError, type ApiError } from '../../api/client';
import { gridTheme, registerGridModules, styleNonce } from '../../grid/grid-setup';
import { shortGrade, toStudentQuery, type StudentFilters } from './student-query';

registerGridModules();

const usDate = (p: ValueFormatterParams<StudentRow, string | null>) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(p.value ?? '');
  return m ? `${m[2]}/${m[3]}/${m[1]}` : (p.value ?? '');
};

const columns: ColDef<StudentRow>[] = [
  { field: 'localId', headerName: 'Student ID', width: 130 },
  { field: 'lastName', headerName: 'Last name', flex: 1, minWidth: 140 },
  { field: 'firstName', headerName: 'First name', flex: 1, minWidth: 140 },
  { field: 'grade', headerName: 'Grade', width: 100, valueFormatter: (p) => shortGrade(p.value ?? '') },
  { field: 'schoolName', headerName: 'School', flex: 1.4, minWidth: 200 },
  { field: 'birthDate', headerName: 'Birth date', width: 130, valueFormatter: usDate },
  { field: 'homeLanguage', headerName: 'Home language', width: 160 },
];

const defaultColDef: ColDef<StudentRow> = { sortable: true, sortingOrder: ['asc', 'desc', null], suppressMovable: true };

export interface StudentsGridProps {
  filters: StudentFilters;
  /** The number of students matching the filters, once SQL has counted them. */
  onTotal(total: number): void;
  onError(error: ApiError | null): void;
  /** id of the element naming the grid (the page heading). */
  labelledBy: string;
  /** id of the element describing it (the row count). */
  describedBy: string;
}

/**
 * The students grid: ag-grid's infinite row model asks for blocks of 100 rows; each block is one
 * 'students-list' request (SQL sorts, filters and limits). A filter change swaps the datasource,
 * which drops the cache and scrolls back to the top.
 */
export function StudentsGrid({ filters, onTotal, onError, labelledBy, describedBy }: StudentsGridProps) {
  const [api, setApi] = useState<GridApi<StudentRow> | null>(null);
  const frame = useRef<HTMLDivElement>(null);
  const nonce = useMemo(() => styleNonce(), []);
  const callbacks = useRef({ onTotal, onError });
  callbacks.current = { onTotal, onError };

  useEffect(() => {
    if (!api) return;
    const datasource: IDatasource = {
      getRows(params: IGetRowsParams) {
        invoke('students-list', toStudentQuery(params, filters)).then(
          (page) => {
            callbacks.current.onTotal(page.total);
            callbacks.current.onError(null);
            params.successCallback(page.rows, page.total);
          },
          (e: unknown) => {
            callbacks.current.onError(toApiError(e, 'students-list'));
            params.failCallback();
          },
        );
      },
    };
    api.setGridOption('datasource', datasource);
  }, [api, filters]);

  // ag-grid has no option to name its grid element; point it at the page heading and the count.
  const labelGrid = () => {
    const grid = frame.current?.querySelector('[role="grid"], [role="treegrid"]');
    grid?.setAttribute('aria-labelledby', labelledBy);
    grid?.setAttribute('aria-describedby', describedBy);
  };

  return (
    <div className="grid-frame" ref={frame}>
      <AgGridReact<StudentRow>
        theme={gridTheme}
        loadThemeGoogleFonts={false}
        {...(nonce ? { styleNonce: nonce } : {})}
        rowModelType="infinite"
        columnDefs={columns}
        defaultColDef={defaultColDef}
        cacheBlockSize={100}
        maxBlocksInCache={60}
        infiniteInitialRowCount={100}
        blockLoadDebounceMillis={40}
        maxConcurrentDatasourceRequests={2}
        getRowId={(p) => p.data.id}
        localeText={{ noRowsToShow: 'No students match these filters. Try fewer letters, or clear the filters.' }}
        onGridReady={(e: GridReadyEvent<StudentRow>) => {
          labelGrid();
          setApi(e.api);
        }}
        onFirstDataRendered={labelGrid}
      />
    </div>
  );
}
