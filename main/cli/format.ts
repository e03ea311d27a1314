import type { OptionSpec } from './types';
import { StewardError } from '../../shared/api/result';
import { toCsv } from '../../shared/util/csv-write';

export const formatOption: Record<string, OptionSpec> = {
  format: { type: 'string', description: 'table, csv or json', default: 'table' },
};

/** Prints rows as an aligned table (with a footer line), RFC 4180 CSV, or JSON. */
export function formatRows(format: string, columns: string[], rows: Record<string, unknown>[], footer?: string): string {
  if (format === 'json') return JSON.stringify(rows, null, 2) + '\n';
  if (format === 'csv') return toCsv(columns, rows.map((r) => columns.map((c) => r[c])));
  if (format !== 'table') throw new StewardError('BAD_INPUT', `Unknown --format '${format}': use table, csv or json.`, { field: 'format' });
  const cells = rows.map((r) => columns.map((c) => (r[c] === null || r[c] === undefined ? '' : String(r[c]))));
  const widths = columns.map((c, i) => Math.min(40, Math.max(c.length, ...cells.map((row) => row[i]!.length))));
  const line = (vals: string[]) => vals.map((v, i) => v.slice(0, 40).padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line), ...(footer ? ['', footer] : [])].join('\n') + '\n';
}
