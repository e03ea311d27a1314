import type { TransformKind, ValueType } from '../catalog/types';
import { csvLine } from '../util/csv-write';
import { transformDescriptions } from './transforms';
import type { Cell, PolicyPlan } from './types';

/**
 * The package's records.csv and dictionary.json, written from the engine's output. The preview's
 * "save as CSV" and the package export both call these functions, so what a reviewer saw is,
 * byte for byte, what leaves the district.
 *
 * Format decisions:
 * - RFC 4180: CRLF line ends, double quotes doubled, UTF-8 without BOM.
 * - Header row of column ids, not labels: ids are stable and unambiguous across versions. A
 *   column id is the catalog field id, suffixed `:transform` when the value was transformed
 *   (`student.birthDate:age`, `student.localId:pseudonym`), so a column never pretends to hold
 *   the raw field. Labels, Exhibit B category and element, transform and legal basis are in
 *   dictionary.json, one entry per column in the same order.
 * - Withheld cells are empty (their reasons stay in the district's preview, never in the package).
 * - Text starting with = + - @ TAB or CR is prefixed with a single quote (formula neutralising).
 */

/** The header line of records.csv. */
export function recordsHeaderLine(plan: PolicyPlan): string {
  return csvLine(plan.columns.map((c) => c.column));
}

/** One data line of records.csv: disclosed values, withheld cells empty. */
export function recordsCsvRow(cells: readonly Cell[]): string {
  return csvLine(cells.map((c) => (c.state === 'withheld' ? null : c.value)));
}

/** The whole file for rows already rendered (small outputs; the export streams the line functions). */
export function recordsCsv(plan: PolicyPlan, rows: readonly (readonly Cell[])[]): string {
  let out = recordsHeaderLine(plan);
  for (const r of rows) out += recordsCsvRow(r);
  return out;
}

export interface DictionaryColumn {
  column: string;
  field: string;
  label: string;
  exhibitBCategory: string;
  exhibitBElement: string;
  transform: TransformKind;
  transformDescription: string;
  /** The type of the value as written (after the transform). */
  valueType: ValueType;
  legalBasis: string;
}

export interface RecordsDictionary {
  format: 'steward-dictionary/1';
  agreementId: string;
  agreementVersion: number;
  role: string;
  legalBasis: string;
  purpose: string;
  asOf: string;
  columns: DictionaryColumn[];
}

const transformedType: Partial<Record<TransformKind, ValueType>> = { age: 'integer', birthYear: 'integer', chronicFlag: 'boolean', zip3: 'string', mask: 'string', pseudonym: 'string' };

/** dictionary.json: each column of records.csv explained, in column order. */
export function recordsDictionary(plan: PolicyPlan): RecordsDictionary {
  return {
    format: 'steward-dictionary/1',
    agreementId: plan.agreementId,
    agreementVersion: plan.version,
    role: plan.roleId,
    legalBasis: plan.basis,
    purpose: plan.purposeCode,
    asOf: plan.asOf,
    columns: plan.columns.map((c) => ({
      column: c.column,
      field: c.field,
      label: c.catalogField?.label ?? c.field,
      exhibitBCategory: c.catalogField?.category ?? '',
      exhibitBElement: c.catalogField?.element ?? '',
      transform: c.transform,
      transformDescription: transformDescriptions[c.transform],
      valueType: transformedType[c.transform] ?? c.catalogField?.valueType ?? 'string',
      legalBasis: plan.basis,
    })),
  };
}
