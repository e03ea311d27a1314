import { hash } from 'node:crypto';
import type { ServiceContext } from './context';
import { GENESIS_HASH, auditRowContent } from './audit-log';
import type { AuditBreak, AuditVerifyResult } from '../../shared/api/audit-api';

type RawRow = [seq: number, at: string, actor: string, action: string, objectType: string, objectId: string | null, summary: string, prevHash: string, hash: string];

/** The triggers migration 001 creates so that nothing in the app can change or delete audit rows. */
export const AUDIT_GUARDS = [
  { name: 'audit_log_no_update', event: 'BEFORE UPDATE' },
  { name: 'audit_log_no_delete', event: 'BEFORE DELETE' },
] as const;

/** How far from its position a moved row's original sequence number is searched (failure path only). */
const MOVE_SEARCH_WINDOW = 5_000;

function contentHash(r: RawRow, seq: number): string {
  return hash('sha256', auditRowContent(seq, r[1], r[2], r[3], r[4], r[5], r[6], r[7]), 'hex');
}

/** The sequence number a row's hash was computed with, if near `around` (the row was moved). */
function originalSeq(r: RawRow, around: number): number | null {
  for (let d = 1; d <= MOVE_SEARCH_WINDOW; d++) {
    if (contentHash(r, around + d) === r[8]) return around + d;
    if (around - d >= 1 && contentHash(r, around - d) === r[8]) return around - d;
  }
  return null;
}

/**
 * Names the first bad position, given row `r` that failed and the last good row before it
 * (`expected` = its seq + 1). The cases are the attacks on a chain: deletion leaves a gap;
 * an edit breaks the row's own hash; a moved row verifies only under another seq (earlier:
 * rows were inserted before it; later: rows were reordered); a forged row chains to nothing.
 */
function diagnose(ctx: ServiceContext, r: RawRow, expected: number, prevHash: string, computed: string): AuditBreak {
  const seq = r[0];
  if (seq < expected) {
    return { seq, kind: 'inserted', message: `Audit row ${seq} sits before the first row of the chain: it was inserted directly into the database file.` };
  }
  if (seq > expected) {
    const range = seq - 1 === expected ? `row ${expected} is` : `rows ${expected} to ${seq - 1} are`;
    return { seq: expected, kind: 'missing', message: `Audit ${range} missing: the chain jumps from row ${expected - 1} to row ${seq}. Rows were deleted directly in the database file.` };
  }
  const linked = r[7] === prevHash;
  if (computed !== r[8]) {
    if (linked) return { seq, kind: 'altered', message: `Audit row ${seq} does not match its hash: its content was edited (or the row forged) directly in the database file.` };
    const orig = originalSeq(r, seq);
    if (orig !== null && orig > seq) {
      return { seq, kind: 'reordered', message: `Audit row ${seq} holds the entry written as row ${orig}: rows were reordered directly in the database file.` };
    }
    if (orig !== null) {
      const range = orig === seq - 1 ? `row ${orig} was` : `rows ${orig} to ${seq - 1} were`;
      return { seq: orig, kind: 'inserted', message: `Audit ${range} inserted directly in the database file: the entry written as row ${orig} now sits at row ${seq}.` };
    }
    return { seq, kind: 'altered', message: `Audit row ${seq} does not match its hash and does not follow row ${seq - 1}: it was edited, moved or forged directly in the database file.` };
  }
  // The row is intact but chained to something other than the row before it.
  const pointedTo = ctx.db.prepare('SELECT seq FROM audit_log WHERE hash = ?').pluck().get(r[7]) as number | undefined;
  if (pointedTo !== undefined && pointedTo < seq - 1) {
    const first = pointedTo + 1;
    const range = first === seq - 1 ? `row ${first} was` : `rows ${first} to ${seq - 1} were`;
    return { seq: first, kind: 'inserted', message: `Audit ${range} inserted directly in the database file: row ${seq} was written right after row ${pointedTo}.` };
  }
  return { seq, kind: 'broken-link', message: `Audit row ${seq} does not follow row ${seq - 1} (its previous-row hash does not match): one of them was replaced directly in the database file.` };
}

function checkGuards(ctx: ServiceContext): { intact: boolean; missing: string[] } {
  const rows = ctx.db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'`).all() as { name: string; sql: string | null }[];
  const missing = AUDIT_GUARDS.filter((g) => {
    const sql = rows.find((r) => r.name === g.name)?.sql?.toUpperCase().replace(/\s+/g, ' ') ?? '';
    return !(sql.includes(g.event) && sql.includes('RAISE(ABORT'));
  }).map((g) => g.name);
  return { intact: missing.length === 0, missing };
}

/**
 * Walks the whole chain in seq order, streaming (flat memory), and stops at the first bad row.
 * Each row's hash is recomputed over its canonical content with the PREVIOUS row's stored hash
 * in place of its own prev_hash column, so one comparison checks both the row and its link (and
 * the column need not be read: reading strings is most of the cost). Seqs must run 1, 2, 3 ...
 * The first failure is then diagnosed from the full row. A chain without a secret cannot show
 * rows removed from the end or a re-hashed tail: pass an `anchor` (a head noted earlier).
 */
export function verifyAudit(ctx: ServiceContext, opts: { anchor?: { seq: number; hash: string } } = {}): AuditVerifyResult {
  const started = performance.now();
  const rows = ctx.db.prepare('SELECT seq, at, actor, action, object_type, object_id, summary, hash FROM audit_log ORDER BY seq').raw(true);
  let expected = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let failedAt: number | null = null;
  for (const r of rows.iterate() as IterableIterator<[number, string, string, string, string, string | null, string, string]>) {
    checked++;
    if (r[0] !== expected || hash('sha256', auditRowContent(r[0], r[1], r[2], r[3], r[4], r[5], r[6], prevHash), 'hex') !== r[7]) {
      failedAt = r[0];
      break; // ends the iteration and frees the statement for the diagnosis queries
    }
    prevHash = r[7];
    expected = r[0] + 1;
  }
  let firstBad: AuditBreak | null = null;
  if (failedAt !== null) {
    const full = ctx.db.prepare('SELECT seq, at, actor, action, object_type, object_id, summary, prev_hash, hash FROM audit_log WHERE seq = ?').raw(true).get(failedAt) as RawRow;
    firstBad = diagnose(ctx, full, expected, prevHash, contentHash(full, full[0]));
  }
  const head = (ctx.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined) ?? null;
  if (!firstBad && opts.anchor) firstBad = checkAnchor(ctx, opts.anchor);
  const guards = checkGuards(ctx);
  return { ok: !firstBad && guards.intact, checked, head, firstBad, guards, millis: Math.round(performance.now() - started) };
}

function checkAnchor(ctx: ServiceContext, anchor: { seq: number; hash: string }): AuditBreak | null {
  const stored = ctx.db.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(anchor.seq) as string | undefined;
  if (stored === undefined) {
    return { seq: anchor.seq, kind: 'anchor-mismatch', message: `Audit row ${anchor.seq}, noted earlier as the head of the log, is gone: rows were removed from the end of the log.` };
  }
  if (stored !== anchor.hash) {
    return { seq: anchor.seq, kind: 'anchor-mismatch', message: `Audit row ${anchor.seq} no longer has the hash noted earlier: the log up to that row was rewritten and re-hashed.` };
  }
  return null;
}
