import { CsvReader, CsvFormatError } from './csv-reader';
import { Invalid, parseCell, type CellValue, type ColumnSpec } from './columns';
import type { InputFile } from './file-set';
import type { ImportState } from './import-state';

/** Stops the whole import after a problem that makes the rest of a file unreadable. */
export class StopImport extends Error {
  constructor() {
    super('import stopped');
    this.name = 'StopImport';
  }
}

/** Where the current row came from, for messages raised by the row handler. */
export interface RowAt {
  file: string;
  line: number;
}

export interface TableOptions {
  /** Maps a header cell to the name the specs use (presets strip prefixes like `student.`). */
  normaliseHeader?: (name: string) => string;
  /** Called once per file part with the columns present, before its rows. */
  onHeader?: (present: ReadonlySet<string>, at: RowAt) => void;
}

/**
 * Reads every part of one table: checks the header against the column specs, parses each row's
 * cells into `values` (in spec order; null for empty or absent), reports every bad cell with its
 * line and column, and hands good rows to `onRow`. The `values` array is reused between rows.
 */
export function readTable(state: ImportState, parts: readonly InputFile[], specs: readonly ColumnSpec[], onRow: (values: CellValue[], at: RowAt) => void, opts: TableOptions = {}): void {
  const values: CellValue[] = new Array(specs.length).fill(null);
  for (const part of parts) {
    const reader = new CsvReader(part.path);
    const at: RowAt = { file: part.name, line: 1 };
    try {
      const header = reader.next();
      if (!header) {
        state.issues.add({ file: part.name, line: 1, message: 'the file has no header line (it holds only blank lines or a byte order mark). Export it again with its header.' });
        throw new StopImport();
      }
      const names = header.map((h) => (opts.normaliseHeader ? opts.normaliseHeader(h.trim()) : h.trim()));
      const index = headerIndex(state, part.name, names, specs);
      opts.onHeader?.(new Set(names), at);
      const width = names.length;
      let rows = 0;
      for (let fields = reader.next(); fields !== null; fields = reader.next()) {
        at.line = reader.line;
        if (fields.length !== width) {
          state.issues.add({ file: part.name, line: reader.line, message: `the row has ${fields.length} values but the header has ${width} columns. A value that contains a comma must be enclosed in double quotes.` });
          continue;
        }
        let ok = true;
        for (let k = 0; k < specs.length; k++) {
          const spec = specs[k]!;
          const idx = index[k]!;
          const raw = idx < 0 ? undefined : fields[idx];
          let v: CellValue | Invalid = null;
          if (raw !== undefined && raw.length > 0) v = parseCell(spec, raw);
          if (v instanceof Invalid) {
            state.issues.add({ file: part.name, line: reader.line, column: spec.name, message: v.message });
            ok = false;
            v = null;
          } else if ((v === null || v === '') && spec.need === 'value') {
            state.issues.add({ file: part.name, line: reader.line, column: spec.name, message: 'a value is required here but the cell is empty.' });
            ok = false;
            v = null;
          }
          values[k] = v === '' ? null : v;
        }
        if (ok) onRow(values, at);
        if ((++rows & 0x3fff) === 0) state.progress(part.table, reader.bytesRead);
      }
    } catch (e) {
      if (e instanceof CsvFormatError) {
        state.issues.add({ file: part.name, line: e.line, message: e.message.replace(/^line \d+: /, '') });
        throw new StopImport();
      }
      throw e;
    } finally {
      reader.close();
    }
    state.fileDone(part.table, part.size);
  }
}

/** Column positions in spec order (-1 when absent); a missing required column stops the import. */
function headerIndex(state: ImportState, file: string, names: string[], specs: readonly ColumnSpec[]): number[] {
  const seen = new Map<string, number>();
  names.forEach((n, i) => {
    if (n && seen.has(n)) state.issues.add({ file, line: 1, column: n, message: 'this column appears twice in the header. Remove one of them.' });
    seen.set(n, i);
  });
  const lower = new Map(names.map((n, i) => [n.toLowerCase(), i]));
  let missing = false;
  const index = specs.map((s) => {
    const i = seen.get(s.name) ?? lower.get(s.name.toLowerCase()) ?? -1;
    if (i < 0 && s.need !== 'optional') {
      state.issues.add({ file, line: 1, column: s.name, message: `the required column ${s.name} is missing from the header. Add it (see docs/import-format.md for this file's columns).` });
      missing = true;
    }
    return i;
  });
  if (missing) throw new StopImport();
  return index;
}
