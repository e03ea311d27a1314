import type { ServiceContext } from './context';
import type { AuditFacets, AuditListRow, AuditPage, AuditQuery } from '../../shared/api/audit-api';
import { auditEntryKind, describeAuditEntry } from '../../shared/audit/describe';
import { addDays } from '../../shared/util/dates';

export { verifyAudit, AUDIT_GUARDS } from './audit-verify';

interface Row { seq: number; at: string; actor: string; action: string; objectType: string; objectId: string | null; summary: string }

function parseSummary(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
  } catch {
    // A summary edited in the file may not parse; verify reports the row, the grid still shows it.
    return { unreadable: true };
  }
}

/**
 * A page of the audit log for the grid: SQL filters (indexed in migration 004), orders by seq
 * and pages; each row gets a plain-words description. Dates are UTC days, both ends included.
 */
export function listAudit(ctx: ServiceContext, q: AuditQuery): AuditPage {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (q.actor) { where.push('actor = @actor'); params.actor = q.actor; }
  if (q.action) {
    // A bare noun ("package") matches all its verbs ("package.export", "package.verify").
    if (q.action.includes('.')) where.push('action = @action');
    else { where.push(`(action = @action OR action GLOB @actionGlob)`); params.actionGlob = `${q.action.replace(/[*?[\]]/g, '')}.*`; }
    params.action = q.action;
  }
  if (q.objectType) { where.push('object_type = @objectType'); params.objectType = q.objectType; }
  if (q.objectId) { where.push('object_id = @objectId'); params.objectId = q.objectId; }
  if (q.studentId) {
    // instr() on the JSON text is a cheap pre-filter; the JSON test then makes the match exact.
    where.push(`(object_id = @studentId OR (instr(summary, @studentQuoted) > 0 AND (json_extract(summary, '$.studentId') = @studentId
      OR EXISTS (SELECT 1 FROM json_each(summary, '$.studentIds') WHERE value = @studentId))))`);
    params.studentId = q.studentId;
    params.studentQuoted = JSON.stringify(q.studentId);
  }
  if (q.from) { where.push('at >= @from'); params.from = q.from; }
  if (q.to) { where.push('at < @toExclusive'); params.toExclusive = addDays(q.to, 1); }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const rows = ctx.db
    .prepare(
      `SELECT seq, at, actor, action, object_type AS objectType, object_id AS objectId, summary
         FROM audit_log ${whereSql} ORDER BY seq ${q.order === 'oldest' ? 'ASC' : 'DESC'} LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: q.limit, offset: q.offset }) as Row[];
  const total = ctx.db.prepare(`SELECT count(*) FROM audit_log ${whereSql}`).pluck().get(params) as number;
  return { rows: rows.map(toListRow), total };
}

function toListRow(r: Row): AuditListRow {
  const summary = parseSummary(r.summary);
  return { ...r, summary, description: describeAuditEntry({ ...r, summary }), kind: auditEntryKind(r.action) };
}

/** Distinct actors, actions and object types, for the grid's filter drop-downs (index scans). */
export function auditFacets(ctx: ServiceContext): AuditFacets {
  const distinct = (col: string) => ctx.db.prepare(`SELECT DISTINCT ${col} FROM audit_log ORDER BY ${col}`).pluck().all() as string[];
  return { actors: distinct('actor'), actions: distinct('action'), objectTypes: distinct('object_type') };
}
