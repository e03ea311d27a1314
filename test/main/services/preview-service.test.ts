import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../../helpers/temp-store';
import { seedAgreementDistrict, readingAgreement, studentShape, studentId, insertConsent, PARTNER_READ } from '../../helpers/agreement-district';
import { createAgreement, updateAgreement } from '../../../main/services/agreements-service';
import { activateAgreement, approveAgreement, submitAgreement } from '../../../main/services/agreement-review';
import { openRecords, previewCompare, previewRecords, previewRows, previewSummary, savePreviewCsv } from '../../../main/services/preview-service';
import { appendAudit } from '../../../main/services/audit-log';
import { recordsCsvRow } from '../../../shared/policy/records-csv';
import type { ServiceContext } from '../../../main/services/context';

const N = 60;
const AS_OF = '2026-09-15';
let store: TempStore;
let agreementId: string;

function activate(ctx: ServiceContext, id: string, version: number, hash: string) {
  submitAgreement(ctx, { agreementId: id, version });
  approveAgreement(ctx, { agreementId: id, version, contentHash: hash, reviewerName: 'R. Counsel' });
  activateAgreement(ctx, { agreementId: id, version });
}

beforeEach(() => {
  store = tempStore('district', { now: '2026-09-15T12:00:00Z' });
  seedAgreementDistrict(store.ctx, N);
  const created = createAgreement(store.ctx, { content: readingAgreement() });
  agreementId = created.agreementId;
  activate(store.ctx, agreementId, 1, created.contentHash);
});
afterEach(() => store.cleanup());

const target = (over: Record<string, unknown> = {}) => ({ agreementId, version: 1, roleId: 'tutor', asOf: AS_OF, ...over });

/** Who the reading program's preview should include on AS_OF, from the seed's rules. */
function expected() {
  const inProgram = Array.from({ length: N }, (_, k) => k + 1).filter((i) => studentShape(i).inReading);
  const ended = inProgram.filter((i) => studentShape(i).readingEnded);
  const withdrawn = inProgram.filter((i) => !studentShape(i).readingEnded && studentShape(i).status !== 'active');
  const included = inProgram.filter((i) => !ended.includes(i) && !withdrawn.includes(i));
  return { considered: inProgram.length, ended: ended.length, withdrawn: withdrawn.length, included };
}

describe('preview summary', () => {
  it('counts students in scope, included, and excluded by reason with the rule cited', () => {
    const s = previewSummary(store.ctx, target());
    const e = expected();
    expect(s).toMatchObject({ considered: e.considered, included: e.included.length, inForce: true, notInForce: null, asOf: AS_OF });
    expect(s.excluded.map((x) => [x.code, x.count])).toEqual([['STUDENT_NOT_IN_PROGRAM', e.ended], ['STUDENT_WITHDRAWN', e.withdrawn]].sort((a, b) => Number(b[1]) - Number(a[1])));
    expect(s.excluded[0]!.citation).toContain('99.31(a)(1)(ii)');
    const iep = s.fields.find((f) => f.field === 'indicator.iep')!;
    expect(iep).toMatchObject({ decision: 'conditional', reason: 'IDEA_RESTRICTED', disclosedCount: 0, withheldCount: e.included.length });
    expect(s.fields.find((f) => f.field === 'student.birthDate')).toMatchObject({ column: 'student.birthDate:age', decision: 'transformed' });
    expect(s.notGranted.some((f) => f.field === 'indicator.mealEligibility')).toBe(true);
  });

  it('a draft version previews as it would run, marked not in force; its export discloses nothing', () => {
    const v2 = updateAgreement(store.ctx, { agreementId, version: 1, content: readingAgreement({ title: 'Changed' }) });
    const s = previewSummary(store.ctx, target({ version: v2.version }));
    expect(s.inForce).toBe(false);
    expect(s.notInForce?.code).toBe('AGREEMENT_NOT_APPROVED');
    expect(s.included).toBe(expected().included.length);
    expect(openRecords(store.ctx, { ...target({ version: v2.version }), purpose: 'disclose' }).recordCount).toBe(0);
  });
});

describe('preview rows', () => {
  it('shows transformed values, and withholds a restricted cell with its reason until a consent covers it', () => {
    const first = expected().included[0]!;
    const page = previewRows(store.ctx, { ...target(), offset: 0, limit: 5 });
    expect(page.columns.map((c) => c.column)).toEqual(['student.localId:pseudonym', 'student.firstName', 'student.birthDate:age', 'assessment.readingLevel', 'indicator.iep']);
    const row = page.rows[0]!;
    expect(row.studentId).toBe(studentId(first));
    expect(row.cells[0]).toMatchObject({ state: 'transformed' });
    expect(String(row.cells[0]!.value)).toMatch(/^[0-9a-f]{20}$/);
    expect(row.cells[1]).toEqual({ state: 'shown', value: `Kid${String(first).padStart(4, '0')}` });
    expect(row.cells[2]!.state).toBe('transformed');
    expect(typeof row.cells[2]!.value).toBe('number');
    expect(row.cells[4]).toEqual({ state: 'withheld', value: null, reason: 'IDEA_RESTRICTED' });
    expect(store.ctx.db.prepare(`SELECT count(*) FROM audit_log WHERE action = 'restricted-fields.view'`).pluck().get()).toBe(0);

    // The consent service records a consent (and its audit row): the cache notices and the cell flows.
    insertConsent(store.ctx, { id: 'c1', studentIndex: first, fields: ['indicator.iep'] });
    appendAudit(store.ctx, { action: 'consent.record', objectType: 'consent', objectId: 'c1', summary: {} });
    const again = previewRows(store.ctx, { ...target(), offset: 0, limit: 5 });
    expect(again.rows[0]!.cells[4]).toEqual({ state: 'shown', value: studentShape(first).iep });
    const view = store.ctx.db.prepare(`SELECT summary FROM audit_log WHERE action = 'restricted-fields.view'`).pluck().all() as string[];
    expect(view).toHaveLength(1);
    expect(JSON.parse(view[0]!)).toMatchObject({ fields: ['indicator.iep'], studentIds: [studentId(first)], roleId: 'tutor' });
  });

  it('sorts by a column\'s disclosed value, in SQL-scanned, cached order', () => {
    const asc = previewRows(store.ctx, { ...target({ roleId: 'coordinator' }), offset: 0, limit: 100, sort: { column: 'student.firstName', direction: 'desc' } });
    const names = asc.rows.map((r) => String(r.cells[0]!.value));
    expect(names).toEqual([...names].sort().reverse());
    const byAge = previewRows(store.ctx, { ...target(), offset: 0, limit: 100, sort: { column: 'student.birthDate:age', direction: 'asc' } });
    const ages = byAge.rows.map((r) => Number(r.cells[2]!.value));
    expect(ages).toEqual([...ages].sort((a, b) => a - b));
  });

  it('reviewer mode keeps every decision but shows only synthetic values', () => {
    const real = previewRows(store.ctx, { ...target(), offset: 0, limit: 50 });
    const masked = previewRows(store.ctx, { ...target({ reviewer: true }), offset: 0, limit: 50 });
    expect(masked.total).toBe(real.total);
    expect(masked.rows.map((r) => r.cells.map((c) => (c.state === 'withheld' ? c.reason : c.state)))).toEqual(real.rows.map((r) => r.cells.map((c) => (c.state === 'withheld' ? c.reason : c.state))));
    const text = JSON.stringify(masked);
    expect(text).not.toMatch(/Kid\d{4}|Family\d{4}|stu-\d{4}|L1000/);
    expect(masked.rows[0]).not.toHaveProperty('studentId');
    expect(String(masked.rows[0]!.cells[1]!.value)).toMatch(/^(Sample|Example|Test|Demo|Placeholder|Specimen|Model|Pattern)$/);
  });
});

describe('preview equals export', () => {
  it('a previewed page, serialised, equals byte for byte the same rows of records.csv, and the saved CSV equals records.csv', () => {
    const stream = [...previewRecords(store.ctx, { ...target(), purpose: 'disclose' }, 7)].join('');
    const lines = stream.split('\r\n');
    const page = previewRows(store.ctx, { ...target(), offset: 5, limit: 9 });
    expect(page.rows.map((r) => recordsCsvRow(r.cells)).join('')).toBe(lines.slice(6, 15).map((l) => `${l}\r\n`).join(''));
    const file = join(store.dir, 'preview.csv');
    const saved = savePreviewCsv(store.ctx, { ...target(), filePath: file });
    expect(readFileSync(file, 'utf8')).toBe(stream);
    expect(saved).toMatchObject({ rows: expected().included.length, bytes: Buffer.byteLength(stream) });
    expect(store.ctx.db.prepare(`SELECT count(*) FROM audit_log WHERE action = 'preview.export-csv'`).pluck().get()).toBe(1);
  });
});

describe('preview equals export on both export paths', () => {
  it('a small scope (id lookups) and a large one (ordered scan) both stream exactly the rows the preview pages show', () => {
    const small = readingAgreement({ scope: { programIds: ['prg-read'], schoolIds: [], grades: ['02'] } });
    const v2 = updateAgreement(store.ctx, { agreementId, version: 1, content: small });
    for (const version of [1, v2.version]) {
      const t = target({ version });
      const page = previewRows(store.ctx, { ...t, offset: 0, limit: 1000 });
      const header = [...previewRecords(store.ctx, { ...t, purpose: 'preview' })][0]!;
      const stream = [...previewRecords(store.ctx, { ...t, purpose: 'preview' }, 3)].join('');
      expect(stream).toBe(header + page.rows.map((r) => recordsCsvRow(r.cells)).join(''));
    }
    expect(previewRows(store.ctx, { ...target({ version: v2.version }), offset: 0, limit: 1 }).total).toBeLessThan(N * 0.25);
    expect(previewRows(store.ctx, { ...target(), offset: 0, limit: 1 }).total).toBeGreaterThan(N * 0.25);
  });
});

describe('comparisons', () => {
  it('role versus role shows columns only one role receives', () => {
    const c = previewCompare(store.ctx, { a: target({ roleId: 'tutor' }), b: target({ roleId: 'coordinator' }) });
    const change = Object.fromEntries(c.columns.map((x) => [x.field, x.change]));
    expect(change).toMatchObject({ 'indicator.iep': 'removed', 'guardian.phone': 'added', 'student.firstName': 'same' });
    expect(c.students).toEqual({ onlyA: 0, onlyB: 0, both: expected().included.length });
  });

  it('version versus version shows a transform change and a narrower scope', () => {
    const next = readingAgreement({ scope: { programIds: ['prg-read'], schoolIds: [], grades: ['02', '03'] } });
    next.roles[0]!.fields = next.roles[0]!.fields.map((f) => (f.field === 'student.birthDate' ? { ...f, transform: 'birthYear' } : f));
    const v2 = updateAgreement(store.ctx, { agreementId, version: 1, content: next });
    const c = previewCompare(store.ctx, { a: target(), b: target({ version: v2.version }) });
    expect(c.columns.find((x) => x.field === 'student.birthDate')).toMatchObject({ change: 'transform-changed', a: { transform: 'age' }, b: { transform: 'birthYear' } });
    expect(c.students.onlyB).toBe(0);
    expect(c.students.onlyA).toBeGreaterThan(0);
    expect(c.excluded.find((x) => x.code === 'STUDENT_OUTSIDE_GRADE_SCOPE')).toMatchObject({ a: 0 });
  });
});

describe('directory basis on the store', () => {
  it('34 CFR 99.37(a)(2): an opted-out student drops out of a directory preview', () => {
    const ctx = store.ctx;
    ctx.db.prepare(`INSERT INTO directory_designations (fields, notice_date, designated_at, designated_by) VALUES (?, '2026-08-01', '2026-08-01', 'test')`).run(JSON.stringify(['student.firstName', 'student.lastName', 'student.grade']));
    const first = expected().included[0]!;
    ctx.db.prepare(`INSERT INTO directory_optouts (id, student_id, requested_on, requested_by, recorded_at, recorded_by) VALUES ('o1', ?, '2026-08-10', 'parent', '2026-08-10', 'test')`).run(studentId(first));
    const dir = readingAgreement({ legalBasis: 'directory', basisElements: {}, purposeCode: 'program-roster' });
    dir.roles = [{ id: 'roster', label: 'Roster', legitimateInterest: '', fields: [{ field: 'student.firstName', transform: 'asIs' }, { field: 'student.grade', transform: 'asIs' }] }];
    const { agreementId: id, contentHash } = createAgreement(ctx, { content: dir });
    activate(ctx, id, 1, contentHash);
    const s = previewSummary(ctx, { agreementId: id, version: 1, roleId: 'roster', asOf: AS_OF });
    expect(s.excluded.find((x) => x.code === 'DIRECTORY_OPT_OUT')?.count).toBe(1);
    const rows = previewRows(ctx, { agreementId: id, version: 1, roleId: 'roster', asOf: AS_OF, offset: 0, limit: 100 });
    expect(rows.rows.some((r) => r.studentId === studentId(first))).toBe(false);
    expect(rows.total).toBe(expected().included.length - 1);
  });
});

describe('pseudonyms', () => {
  it('are keyed per partner: created for an imported partner on first use, stable afterwards', () => {
    const keys = () => store.ctx.db.prepare('SELECT count(*) FROM partner_keys WHERE partner_id = ?').pluck().get(PARTNER_READ);
    expect(keys()).toBe(0);
    const a = previewRows(store.ctx, { ...target(), offset: 0, limit: 3 }).rows.map((r) => r.cells[0]!.value);
    expect(keys()).toBe(1);
    const b = previewRows(store.reopen(), { ...target(), offset: 0, limit: 3 }).rows.map((r) => r.cells[0]!.value);
    expect(a).toEqual(b);
  });
});
