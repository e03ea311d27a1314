import { createHash } from 'node:crypto';
import type { ServiceContext } from './context';
import { canonicalJson } from '../../shared/util/canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  action: string;
  objectType: string;
  objectId?: string | null;
  /** Structured summary of the change; ids and field names, never a student's name. */
  summary: Record<string, unknown>;
}

export interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  object_type: string;
  object_id: string | null;
  summary: string;
  prev_hash: string;
  hash: string;
}

/** The canonical content a row's hash covers: every column but the hash itself. */
export function auditRowHash(row: Omit<AuditRow, 'hash'>): string {
  const content = canonicalJson({
    seq: row.seq, at: row.at, actor: row.actor, action: row.action,
    objectType: row.object_type, objectId: row.object_id, summary: row.summary, prevHash: row.prev_hash,
  });
  return createHash('sha256').update(content).digest('hex');
}

/**
 * Appends one hash-chained row. Call it inside the transaction of the change it records, so the
 * change and its audit row land together or not at all.
 */
export function appendAudit(ctx: ServiceContext, entry: AuditEntry): AuditRow {
  const last = ctx.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const base: Omit<AuditRow, 'hash'> = {
    seq: (last?.seq ?? 0) + 1,
    at: ctx.now().toISOString(),
    actor: ctx.actor,
    action: entry.action,
    object_type: entry.objectType,
    object_id: entry.objectId ?? null,
    summary: canonicalJson(entry.summary),
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  const row: AuditRow = { ...base, hash: auditRowHash(base) };
  ctx.db
    .prepare('INSERT INTO audit_log (seq, at, actor, action, object_type, object_id, summary, prev_hash, hash) VALUES (@seq, @at, @actor, @action, @object_type, @object_id, @summary, @prev_hash, @hash)')
    .run(row);
  return row;
}
