import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { tempStore, type TempStore } from '../../helpers/temp-store';
import { appendAudit, auditRowCanonicalJson, auditRowContent, auditRowHash, GENESIS_HASH } from '../../../main/services/audit-log';
import { listAudit, auditFacets } from '../../../main/services/audit-service';

/** Deterministic awkward strings: quotes, backslashes, control characters, non-Latin scripts, emoji. */
function awkward(seed: number): string {
  const parts = ['plain', 'quote"d', 'back\\slash', 'tab\there', 'new\nline', 'ñandú', '日本語', '👩‍🏫', '\u0001ctl', '\u2028ls', ''];
  let s = '';
  for (let i = 0; i < 3; i++) s += parts[(seed * 7 + i * 3) % parts.length];
  return s;
}

describe('audit row hashing', () => {
  it('the fast canonical form is byte-identical to canonicalJson for awkward content', () => {
    for (let i = 0; i < 200; i++) {
      const row = {
        seq: i + 1, at: `2026-09-${String((i % 28) + 1).padStart(2, '0')}T12:00:00.000Z`, actor: awkward(i), action: awkward(i + 1),
        object_type: awkward(i + 2), object_id: i % 4 === 0 ? null : awkward(i + 3), summary: JSON.stringify({ note: awkward(i + 4) }), prev_hash: GENESIS_HASH,
      };
      expect(auditRowContent(row.seq, row.at, row.actor, row.action, row.object_type, row.object_id, row.summary, row.prev_hash)).toBe(auditRowCanonicalJson(row));
      expect(auditRowHash(row)).toBe(createHash('sha256').update(auditRowCanonicalJson(row)).digest('hex'));
    }
  });
});

describe('the audit list (grid)', () => {
  let store: TempStore;
  const clock = (iso: string) => { (store.ctx as { now: () => Date }).now = () => new Date(iso); };
  beforeEach(() => {
    store = tempStore();
    clock('2026-09-01T08:00:00Z');
    appendAudit(store.ctx, { action: 'partner.create', objectType: 'partner', objectId: 'p-1', summary: { name: 'Bright Futures' } });
    clock('2026-09-02T23:59:59Z');
    appendAudit(store.ctx, { action: 'restricted-fields.view', objectType: 'agreement', objectId: 'agr-1', summary: { version: 2, roleId: 'tutor', asOf: '2026-09-02', fields: ['indicator.disability', 'indicator.iep'], studentIds: ['stu-1', 'stu-12', 'stu-3'] } });
    clock('2026-09-03T00:00:00Z');
    (store.ctx as { actor: string }).actor = 'app:privacy-officer';
    appendAudit(store.ctx, { action: 'package.export', objectType: 'package', objectId: 'pkg-1', summary: { partnerId: 'p-1', students: 120 } });
    appendAudit(store.ctx, { action: 'package.verify', objectType: 'package', objectId: 'pkg-1', summary: {} });
  });
  afterEach(() => store.cleanup());

  const ids = (q: Partial<Parameters<typeof listAudit>[1]>) => listAudit(store.ctx, { offset: 0, limit: 50, order: 'newest', ...q }).rows.map((r) => r.seq);

  it('lists newest first with a total, filters by actor, action (or its noun), object and date (UTC days, ends included)', () => {
    expect(listAudit(store.ctx, { offset: 0, limit: 2, order: 'newest' })).toMatchObject({ total: 4, rows: [{ seq: 4 }, { seq: 3 }] });
    expect(ids({ order: 'oldest', offset: 1, limit: 2 })).toEqual([2, 3]);
    expect(ids({ actor: 'app:privacy-officer' })).toEqual([4, 3]);
    expect(ids({ action: 'package.export' })).toEqual([3]);
    expect(ids({ action: 'package' })).toEqual([4, 3]);
    expect(ids({ objectType: 'agreement', objectId: 'agr-1' })).toEqual([2]);
    expect(ids({ from: '2026-09-02', to: '2026-09-02' })).toEqual([2]);
    expect(ids({ from: '2026-09-03' })).toEqual([4, 3]);
    expect(ids({ to: '2026-09-01' })).toEqual([1]);
    expect(ids({ studentId: 'stu-1' })).toEqual([2]);
    expect(ids({ studentId: 'stu-2' })).toEqual([]);
  });

  it('shows a view of restricted fields as such: field labels, student count, where it happened', () => {
    const row = listAudit(store.ctx, { offset: 0, limit: 50, order: 'newest', action: 'restricted-fields.view' }).rows[0]!;
    expect(row.kind).toBe('restricted-view');
    expect(row.description).toBe('Viewed restricted fields Disability category, IEP of 3 students (agreement agr-1 v2, role tutor)');
    expect(row.summary).toMatchObject({ studentIds: ['stu-1', 'stu-12', 'stu-3'] });
  });

  it('describes other entries in plain words and offers the filter values', () => {
    const rows = listAudit(store.ctx, { offset: 0, limit: 50, order: 'oldest' }).rows;
    expect(rows.map((r) => [r.kind, r.description])).toEqual([
      ['change', 'Created partner p-1 — name: Bright Futures'],
      ['restricted-view', expect.stringContaining('Viewed restricted fields')],
      ['export', 'Exported package pkg-1 — partnerId: p-1; students: 120'],
      ['change', 'Verified package pkg-1'],
    ]);
    expect(auditFacets(store.ctx)).toEqual({
      actors: ['app:privacy-officer', 'test:steward'],
      actions: ['package.export', 'package.verify', 'partner.create', 'restricted-fields.view'],
      objectTypes: ['agreement', 'package', 'partner'],
    });
  });
});
