/**
 * Column specifications of the input files and the parsers of their cells. A parser returns the
 * typed value, or an `Invalid` saying what is wrong in words that never repeat the cell: a cell
 * may hold a student's data, and messages carry only files, lines, columns and ids.
 */
export type ColumnKind =
  | 'id' // a key or reference (ids may appear in messages)
  | 'text'
  | 'date' // yyyy-mm-dd
  | 'usDate' // MM/DD/YYYY or yyyy-mm-dd (SIS exports), stored as yyyy-mm-dd
  | 'int'
  | 'number'
  | 'bool'
  | 'enum' // one of `values`, case-insensitive, stored lower-case
  | 'code'; // one of `values`, matched exactly as written (codes like KG or H)

export interface ColumnSpec {
  name: string;
  kind: ColumnKind;
  /** 'value': column and a value in every row; 'column': the column must exist; 'optional': may be absent. */
  need: 'value' | 'column' | 'optional';
  values?: readonly string[];
  min?: number;
  max?: number;
}

export class Invalid {
  constructor(readonly message: string) {}
}

export type CellValue = string | number | null;

const dim = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(s: string, from: number, len: number): number {
  let v = 0;
  for (let k = from; k < from + len; k++) {
    const c = s.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

function validYmd(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && leap ? 29 : dim[m - 1]!);
}

/** True for a real calendar date written yyyy-mm-dd between 1900 and 2100 (no Date objects: hot path). */
export function isIsoDateFast(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  return validYmd(digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2));
}

/** MM/DD/YYYY (one-digit month or day allowed) to yyyy-mm-dd, or null. ISO input passes through. */
export function usDateToIso(s: string): string | null {
  if (isIsoDateFast(s)) return s;
  const a = s.indexOf('/');
  const b = s.indexOf('/', a + 1);
  if (a < 1 || a > 2 || b - a < 2 || b - a > 3 || s.length - b !== 5) return null;
  const m = digits(s, 0, a);
  const d = digits(s, a + 1, b - a - 1);
  const y = digits(s, b + 1, 4);
  if (!validYmd(y, m, d)) return null;
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

const truthy = new Set(['true', '1', 'yes', 'y', 't']);
const falsy = new Set(['false', '0', 'no', 'n', 'f']);

/** Parses one non-empty cell (already known to be present) according to its column. */
export function parseCell(spec: ColumnSpec, raw: string): CellValue | Invalid {
  switch (spec.kind) {
    case 'text':
      return raw;
    case 'id': {
      const v = raw.trim();
      return v.length > 200 ? new Invalid('the id is longer than 200 characters') : v;
    }
    case 'date': {
      const v = raw.trim();
      return isIsoDateFast(v) ? v : new Invalid('not a date in the form yyyy-mm-dd (for example 2026-09-01)');
    }
    case 'usDate': {
      const v = usDateToIso(raw.trim());
      return v ?? new Invalid('not a date in the form MM/DD/YYYY or yyyy-mm-dd');
    }
    case 'int': {
      const v = raw.trim();
      const n = Number(v);
      if (v === '' || !Number.isInteger(n)) return new Invalid('not a whole number');
      return checkRange(spec, n);
    }
    case 'number': {
      const v = raw.trim();
      const n = Number(v);
      if (v === '' || !Number.isFinite(n)) return new Invalid('not a number');
      return checkRange(spec, n);
    }
    case 'bool': {
      const v = raw.trim().toLowerCase();
      if (truthy.has(v)) return 1;
      if (falsy.has(v)) return 0;
      return new Invalid('not true or false');
    }
    case 'enum': {
      const v = raw.trim().toLowerCase();
      return spec.values!.includes(v) ? v : new Invalid(`the value is not one of the allowed values: ${spec.values!.join(', ')}`);
    }
    case 'code': {
      const v = raw.trim();
      return spec.values!.includes(v) ? v : new Invalid(`the value is not one of the allowed codes: ${spec.values!.join(', ')}`);
    }
  }
}

function checkRange(spec: ColumnSpec, n: number): number | Invalid {
  if (spec.min !== undefined && n < spec.min) return new Invalid(`must be ${spec.min} or more`);
  if (spec.max !== undefined && n > spec.max) return new Invalid(`must be ${spec.max} or less`);
  return n;
}

/** Splits a OneRoster list cell ("a,b,c" inside quotes) into trimmed, non-empty ids. */
export function splitList(raw: string | null): string[] {
  if (!raw) return [];
  const out: string[] = [];
  for (const p of raw.split(',')) {
    const v = p.trim();
    if (v) out.push(v);
  }
  return out;
}

export const col = {
  id: (name: string, need: ColumnSpec['need'] = 'value'): ColumnSpec => ({ name, kind: 'id', need }),
  text: (name: string, need: ColumnSpec['need'] = 'optional'): ColumnSpec => ({ name, kind: 'text', need }),
  date: (name: string, need: ColumnSpec['need'] = 'optional'): ColumnSpec => ({ name, kind: 'date', need }),
  usDate: (name: string, need: ColumnSpec['need'] = 'optional'): ColumnSpec => ({ name, kind: 'usDate', need }),
  int: (name: string, need: ColumnSpec['need'] = 'optional', min?: number, max?: number): ColumnSpec => ({ name, kind: 'int', need, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) }),
  number: (name: string, need: ColumnSpec['need'] = 'optional', min?: number, max?: number): ColumnSpec => ({ name, kind: 'number', need, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) }),
  bool: (name: string, need: ColumnSpec['need'] = 'optional'): ColumnSpec => ({ name, kind: 'bool', need }),
  enum: (name: string, values: readonly string[], need: ColumnSpec['need'] = 'optional'): ColumnSpec => ({ name, kind: 'enum', need, values }),
  code: (name: string, values: readonly string[], need: ColumnSpec['need'] = 'optional'): ColumnSpec => ({ name, kind: 'code', need, values }),
};
