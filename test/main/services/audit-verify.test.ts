import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../../helpers/temp-store';
import { openAsAttacker, dropAuditGuards } from '../../helpers/attacker';
import { appendAudit, auditRowHash, type AuditRow } from '../../../main/services/audit-log';
import { verifyAudit } from '../../../main/services/audit-service';
import { inTransaction } from '../../../main/db/sql';
import type { Database } from '../../../main/db/sql';

let store: TempStore;

/** Twenty rows of the kinds the app writes (changes, an export, a view of restricted fields). */
function seed(n = 20): void {
  inTransaction(store.ctx.db, () => {
    for (let i = 1; i <= n; i++) {
      if (i % 5 === 0) appendAudit(store.ctx, { action: 'restricted-fields.view', objectType: 'agreement', objectId: 'agr-1', summary: { fields: ['indicator.iep'], studentCount: i } });
      else if (i % 3 === 0) appendAudit(store.ctx, { action: 'package.export', objectType: 'package', objectId: `pkg-${i}`, summary: { partnerId: 'p-1', students: i * 10 } });
      else appendAudit(store.ctx, { action: 'partner.update', objectType: 'partner', objectId: 'p-1', summary: { changed: ['contactEmail'], n: i } });
    }
  });
}

/** Closes the app, lets the attacker edit the file with raw SQLite, then reopens the app. */
function tamper(edit: (db: Database) => void): void {
  store.ctx.db.close();
  const db = openAsAttacker(store.path, store.key);
  try { edit(db); } finally { db.close(); }
  store.reopen();
}

function row(db: Database, seq: number): AuditRow {
  return db.prepare('SELECT * FROM audit_log WHERE seq = ?').get(seq) as AuditRow;
}

/** Writes a row with a hash an attacker computed (the chain has no secret). */
function forge(db: Database, r: Omit<AuditRow, 'hash'>): void {
  db.prepare('INSERT INTO audit_log (seq, at, actor, action, object_type, object_id, summary, prev_hash, hash) VALUES (@seq, @at, @actor, @action, @object_type, @object_id, @summary, @prev_hash, @hash)')
    .run({ ...r, hash: auditRowHash(r) });
}

beforeEach(() => { store = tempStore(); seed(); });
afterEach(() => store.cleanup());

describe('audit verify on an untouched log', () => {
  it('reports the chain intact, the head to note down, and the guards in place', () => {
    const r = verifyAudit(store.ctx);
    expect(r).toMatchObject({ ok: true, checked: 20, firstBad: null, guards: { intact: true, missing: [] } });
    expect(r.head).toEqual({ seq: 20, hash: row(store.ctx.db, 20).hash });
  });

  it('treats an empty log as intact', () => {
    const empty = tempStore();
    try {
      expect(verifyAudit(empty.ctx)).toMatchObject({ ok: true, checked: 0, head: null, firstBad: null });
    } finally { empty.cleanup(); }
  });
});

describe('the app cannot alter or delete audit rows', () => {
  it('refuses UPDATE and DELETE through the triggers and leaves the rows as they were', () => {
    const db = store.ctx.db;
    const before = db.prepare('SELECT * FROM audit_log ORDER BY seq').all();
    expect(() => db.prepare(`UPDATE audit_log SET summary = '{}' WHERE seq = 3`).run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 20').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() => inTransaction(db, () => { appendAudit(store.ctx, { action: 'x.y', objectType: 'x', summary: {} }); db.prepare('DELETE FROM audit_log WHERE seq = 1').run(); })).toThrow(/append-only/);
    expect(db.prepare('SELECT * FROM audit_log ORDER BY seq').all()).toEqual(before);
    expect(verifyAudit(store.ctx).ok).toBe(true);
  });
});

describe('audit verify names the first bad row after a direct edit of the database file', () => {
  it('an edited summary (triggers dropped): names that row and reports the missing guards', () => {
    tamper((db) => { dropAuditGuards(db); db.prepare(`UPDATE audit_log SET summary = '{"changed":["nothing"]}' WHERE seq = 7`).run(); });
    const r = verifyAudit(store.ctx);
    expect(r.ok).toBe(false);
    expect(r.firstBad).toMatchObject({ seq: 7, kind: 'altered' });
    expect(r.firstBad?.message).toContain('row 7');
    expect(r.guards).toEqual({ intact: false, missing: ['audit_log_no_update', 'audit_log_no_delete'] });
  });

  it('an edited actor via the writable_schema trick (trigger erased from sqlite_master)', () => {
    tamper((db) => {
      db.unsafeMode(true); // better-sqlite3 turns SQLITE_DBCONFIG_DEFENSIVE off only in unsafe mode
      db.pragma('writable_schema = ON');
      db.prepare(`DELETE FROM sqlite_master WHERE type = 'trigger' AND name = 'audit_log_no_update'`).run();
      db.pragma('writable_schema = OFF');
    });
    tamper((db) => { db.prepare(`UPDATE audit_log SET actor = 'cli:someone-else' WHERE seq = 11`).run(); });
    const r = verifyAudit(store.ctx);
    expect(r.firstBad).toMatchObject({ seq: 11, kind: 'altered' });
    expect(r.guards.missing).toEqual(['audit_log_no_update']);
  });

  it('a deleted row: names the missing row', () => {
    tamper((db) => { dropAuditGuards(db); db.prepare('DELETE FROM audit_log WHERE seq = 12').run(); });
    const r = verifyAudit(store.ctx);
    expect(r.firstBad).toMatchObject({ seq: 12, kind: 'missing' });
    expect(r.firstBad?.message).toMatch(/row 12 is missing/);
    expect(r.checked).toBe(12);
  });

  it('several deleted rows: names the first and the range', () => {
    tamper((db) => { dropAuditGuards(db); db.prepare('DELETE FROM audit_log WHERE seq BETWEEN 4 AND 6').run(); });
    const r = verifyAudit(store.ctx);
    expect(r.firstBad).toMatchObject({ seq: 4, kind: 'missing' });
    expect(r.firstBad?.message).toMatch(/rows 4 to 6 are missing/);
  });

  it('a deleted first row: names row 1', () => {
    tamper((db) => { dropAuditGuards(db); db.prepare('DELETE FROM audit_log WHERE seq = 1').run(); });
    expect(verifyAudit(store.ctx).firstBad).toMatchObject({ seq: 1, kind: 'missing' });
  });

  it('a forged row inserted in the middle, later rows renumbered, forged row correctly hashed: names the forged row', () => {
    tamper((db) => {
      dropAuditGuards(db);
      for (let s = 20; s >= 10; s--) db.prepare('UPDATE audit_log SET seq = seq + 1 WHERE seq = ?').run(s);
      const prev = row(db, 9);
      forge(db, { seq: 10, at: prev.at, actor: 'cli:maria', action: 'consent.revoke', object_type: 'consent', object_id: 'c-9', summary: '{}', prev_hash: prev.hash });
    });
    const r = verifyAudit(store.ctx);
    expect(r.firstBad).toMatchObject({ seq: 10, kind: 'inserted' });
    expect(r.firstBad?.message).toMatch(/row 10 was inserted/);
  });

  it('a forged row inserted before the first one (seq 0): names it', () => {
    tamper((db) => { forge(db, { seq: 0, at: '2020-01-01T00:00:00.000Z', actor: 'cli:x', action: 'partner.create', object_type: 'partner', object_id: 'p-9', summary: '{}', prev_hash: '0'.repeat(64) }); });
    expect(verifyAudit(store.ctx).firstBad).toMatchObject({ seq: 0, kind: 'inserted' });
  });

  it('a forged row appended with a made-up hash: names it', () => {
    tamper((db) => {
      const last = row(db, 20);
      db.prepare('INSERT INTO audit_log VALUES (21, ?, ?, ?, ?, ?, ?, ?, ?)').run(last.at, 'cli:x', 'partner.delete', 'partner', 'p-1', '{}', last.hash, 'f'.repeat(64));
    });
    expect(verifyAudit(store.ctx).firstBad).toMatchObject({ seq: 21, kind: 'altered' });
  });

  it("two rows' seq swapped (reordered): names the earlier position", () => {
    tamper((db) => {
      dropAuditGuards(db);
      db.prepare('UPDATE audit_log SET seq = -5 WHERE seq = 5').run();
      db.prepare('UPDATE audit_log SET seq = 5 WHERE seq = 8').run();
      db.prepare('UPDATE audit_log SET seq = 8 WHERE seq = -5').run();
    });
    const r = verifyAudit(store.ctx);
    expect(r.firstBad).toMatchObject({ seq: 5, kind: 'reordered' });
    expect(r.firstBad?.message).toContain('written as row 8');
  });

  it('rows removed from the end: caught with the head noted earlier (anchor)', () => {
    const anchor = verifyAudit(store.ctx).head!;
    tamper((db) => { dropAuditGuards(db); db.prepare('DELETE FROM audit_log WHERE seq > 17').run(); });
    expect(verifyAudit(store.ctx).firstBad).toBeNull();
    const r = verifyAudit(store.ctx, { anchor });
    expect(r.ok).toBe(false);
    expect(r.firstBad).toMatchObject({ seq: 20, kind: 'anchor-mismatch' });
  });

  it('an edit with the rest of the chain re-hashed: caught with the anchor', () => {
    const anchor = verifyAudit(store.ctx).head!;
    tamper((db) => {
      dropAuditGuards(db);
      let prev = row(db, 2).hash;
      for (let s = 3; s <= 20; s++) {
        const r = row(db, s);
        const edited = { ...r, summary: s === 3 ? '{"n":0}' : r.summary, prev_hash: prev };
        const h = auditRowHash(edited);
        db.prepare('UPDATE audit_log SET summary = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(edited.summary, prev, h, s);
        prev = h;
      }
    });
    expect(verifyAudit(store.ctx, { anchor }).firstBad).toMatchObject({ seq: 20, kind: 'anchor-mismatch' });
  });
});
