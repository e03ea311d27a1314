import type { CustomCellRendererProps } from 'ag-grid-react';
import type { Cell } from '../../../../shared/policy/types';
import type { ReasonInfo } from '../../../../shared/policy/reasons';
import type { PreviewRow } from '../../../../shared/api/preview-api';

/** A disclosed value as the CSV would write it (booleans as true/false), or a marker for empty. */
export function cellText(cell: Cell): string {
  if (cell.state === 'withheld') return '';
  return cell.value === null ? '' : String(cell.value);
}

/** The words for one cell, for the details line and screen readers. */
export function describeCell(cell: Cell, reasons: Record<string, ReasonInfo>, transformWords: string): string {
  if (cell.state === 'withheld') {
    const r = reasons[cell.reason];
    return `withheld, ${cell.reason}: ${r?.label ?? 'see the reason table'}. Rule: ${r?.citation ?? 'unknown'}.`;
  }
  const v = cell.value === null || cell.value === '' ? 'empty' : String(cell.value);
  return cell.state === 'transformed' ? `${v} (transformed: ${transformWords})` : `${v} (shown as recorded)`;
}

export interface PreviewCellParams extends CustomCellRendererProps<PreviewRow, Cell> {
  reasons: Record<string, ReasonInfo>;
}

/**
 * One preview cell. A withheld cell says so in words with its reason code (never colour alone),
 * and its label and rule on hover; the details line under the grid says the same for the
 * focused cell, for keyboard and screen-reader users.
 */
export function PreviewCell({ value: cell, reasons }: PreviewCellParams) {
  if (!cell) return null;
  if (cell.state === 'withheld') {
    const r = reasons[cell.reason];
    return (
      <span className="cell-withheld" title={r ? `${r.label}. Rule: ${r.citation}` : cell.reason} data-reason={cell.reason}>
        <span className="cell-mark" aria-hidden="true">⊘</span> Withheld <span className="cell-code">{cell.reason}</span>
      </span>
    );
  }
  const text = cellText(cell);
  if (text === '') return <span className="cell-empty">(empty)</span>;
  return <span className={cell.state === 'transformed' ? 'cell-transformed' : undefined}>{text}</span>;
}
