import { hash } from 'node:crypto';
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Database } from '../db/sql';
import type { ServiceContext } from './context';
import { canonicalJson } from '../../shared/util/canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  /** `noun.verb`, e.g. `partner.create`, `package.export`, `restricted-fields.view`. */
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

/**
 * The canonical JSON of a row's hashed content: every column but the hash itself, keys sorted.
 * Written out by hand (keys already in canonicalJson's order) because `audit verify` runs it a
 * million times; test/main/services/audit-log.test.ts proves it equals canonicalJson({...}).
 */
export function auditRowContent(seq: number, at: string, actor: string, action: string, objectType: string, objectId: string | null, summary: string, prevHash: string): string {
  return `{"action":${JSON.stringify(action)},"actor":${JSON.stringify(actor)},"at":${JSON.stringify(at)},"objectId":${objectId === null ? 'null' : JSON.stringify(objectId)},"objectType":${JSON.stringify(objectType)},"prevHash":${JSON.stringify(prevHash)},"seq":${JSON.stringify(seq)},"summary":${JSON.stringify(summary)}}`;
}

/** The canonical content a row's hash covers: every column but the hash itself (SHA-256, hex). */
export function auditRowHash(row: Omit<AuditRow, 'hash'>): string {
  return hash('sha256', auditRowContent(row.seq, row.at, row.actor, row.action, row.object_type, row.object_id, row.summary, row.prev_hash), 'hex');
}

/** The reference definition the fast form above must match (used by tests, not at run time). */
export function auditRowCanonicalJson(row: Omit<AuditRow, 'hash'>): string {
  return canonicalJson({
    seq: row.seq, at: row.at, actor: row.actor, action: row.action,
    objectType: row.object_type, objectId: row.object_id, summary: row.summary, prevHash: row.prev_hash,
  });
}

interface AppendStatements { last: Statement; insert: Statement }
// Prepared once per connection: imports and exports append many rows in one transaction.
const statements = new WeakMap<Database, AppendStatements>();

function appendStatements(db: Database): AppendStatements {
  let s = statements.get(db);
  if (!s) {
    s = {
      last: db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1'),
      insert: db.prepare('INSERT INTO audit_log (seq, at, actor, action, object_type, object_id, summary, prev_hash, hash) VALUES (@seq, @at, @actor, @action, @object_type, @object_id, @summary, @prev_hash, @hash)'),
    };
    statements.set(db, s);
  }
  return s;
}

/**
 * Appends one hash-chained row. Call it inside the transaction of the change it records, so the
 * change and its audit row land together or not at all.
 */
export function appendAudit(ctx: ServiceContext, entry: AuditEntry): AuditRow {
  const s = appendStatements(ctx.db);
  const last = s.last.get() as { seq: number; hash: string } | undefined;
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
  s.insert.run(row);
  return row;
}
