import { findField } from '../catalog/fields';

/**
 * Audit actions are `noun.verb` (`partner.create`, `agreement.approve`, `package.export`,
 * `consent.revoke`, `students.import`). A view of restricted fields is `restricted-fields.view`
 * with a summary like `{ fields: FieldId[], studentCount, agreementId?, version?, role?, screen? }`
 * (or `studentIds` instead of a count). This module turns a row into one plain-words line.
 */
export const RESTRICTED_VIEW_ACTION = 'restricted-fields.view';
/** A partner workspace's view of received records: `{ agreementId, role, columns, rowCount, firstRow, lastRow }`. */
export const RECEIVED_VIEW_ACTION = 'received-records.view';

export type AuditEntryKind = 'restricted-view' | 'export' | 'import' | 'disclosure' | 'report' | 'change';

const pastTense: Record<string, string> = {
  create: 'Created', update: 'Updated', delete: 'Deleted', approve: 'Approved', submit: 'Submitted for review',
  reject: 'Rejected', comment: 'Commented on', revoke: 'Revoked', export: 'Exported', import: 'Imported',
  record: 'Recorded', destroy: 'Recorded destruction of', view: 'Viewed', generate: 'Generated', attach: 'Attached',
  verify: 'Verified', terminate: 'Terminated', activate: 'Activated', expire: 'Expired', report: 'Produced a report on',
};

/** Splits `noun.verb`; an action without a dot is all noun. */
export function splitAction(action: string): { noun: string; verb: string } {
  const i = action.lastIndexOf('.');
  return i < 0 ? { noun: action, verb: '' } : { noun: action.slice(0, i), verb: action.slice(i + 1) };
}

export function auditEntryKind(action: string): AuditEntryKind {
  const { noun, verb } = splitAction(action);
  if (action === RESTRICTED_VIEW_ACTION || action === RECEIVED_VIEW_ACTION) return 'restricted-view';
  if (noun === 'disclosure') return verb === 'report' ? 'report' : 'disclosure';
  if (verb === 'export') return 'export';
  if (verb === 'import') return 'import';
  if (verb === 'report' || verb === 'generate') return 'report';
  return 'change';
}

function fieldLabels(value: unknown): string | null {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return null;
  const labels = (value as string[]).map((id) => findField(id)?.label ?? id);
  return labels.length > 6 ? `${labels.slice(0, 6).join(', ')} and ${labels.length - 6} more` : labels.join(', ');
}

function count(summary: Record<string, unknown>): number | null {
  if (typeof summary.studentCount === 'number') return summary.studentCount;
  if (Array.isArray(summary.studentIds)) return summary.studentIds.length;
  return null;
}

function plural(n: number, one: string): string {
  return `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`;
}

/** Short `key: value` notes from a summary, skipping what the headline already says. */
function details(summary: Record<string, unknown>, skip: Set<string>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(summary)) {
    if (skip.has(k) || v === null || v === undefined) continue;
    if (k === 'fields') { const l = fieldLabels(v); if (l) parts.push(`fields: ${l}`); continue; }
    if (Array.isArray(v)) parts.push(`${k}: ${v.length > 4 ? `${v.length} items` : v.map(String).join(', ')}`);
    else if (typeof v === 'object') parts.push(`${k}: …`);
    else parts.push(`${k}: ${String(v)}`);
    if (parts.length === 5) break;
  }
  return parts.join('; ');
}

/** One plain-words line for an audit row (ids and field names only; summaries hold no names). */
export function describeAuditEntry(row: { action: string; objectType: string; objectId: string | null; summary: Record<string, unknown> }): string {
  const { noun, verb } = splitAction(row.action);
  const s = row.summary;
  if (row.action === RESTRICTED_VIEW_ACTION) {
    const n = count(s);
    const agreement = s.agreementId ?? (row.objectType === 'agreement' ? row.objectId : null);
    const role = s.role ?? s.roleId;
    const where = [agreement ? `agreement ${String(agreement)}${s.version !== undefined ? ` v${String(s.version)}` : ''}` : '', role ? `role ${String(role)}` : '', s.screen ? `on ${String(s.screen)}` : '']
      .filter(Boolean).join(', ');
    return `Viewed restricted fields ${fieldLabels(s.fields) ?? '(unspecified)'}${n !== null ? ` of ${plural(n, 'student')}` : ''}${where ? ` (${where})` : ''}`;
  }
  if (row.action === RECEIVED_VIEW_ACTION) {
    const columns = Array.isArray(s.columns) ? s.columns.length : 0;
    const rows = typeof s.rowCount === 'number' ? `${plural(s.rowCount, 'record')} (rows ${String(s.firstRow)}–${String(s.lastRow)})` : 'records';
    return `Viewed ${rows} of received package ${row.objectId ?? ''}: ${plural(columns, 'column')} (agreement ${String(s.agreementId ?? '?')}, role ${String(s.role ?? '?')})`;
  }
  if (row.action === 'disclosure.record') {
    const n = count(s);
    return `Recorded disclosure of package ${row.objectId ?? ''} to partner ${String(s.partnerId ?? '?')}${n !== null ? `: ${plural(n, 'student')}` : ''}, basis ${String(s.legalBasis ?? '?')}${s.requiredBy9932 ? ' (required by 34 CFR 99.32)' : ''}${Array.isArray(s.ideaFields) && s.ideaFields.length ? '; IDEA fields logged (300.614)' : ''}`;
  }
  const headline = `${pastTense[verb] ?? (verb ? `${verb[0]!.toUpperCase()}${verb.slice(1)}` : 'Changed')} ${noun.replace(/-/g, ' ')}${row.objectId ? ` ${row.objectId}` : ''}`;
  const more = details(s, new Set(['studentIds']));
  return more ? `${headline} — ${more}` : headline;
}
