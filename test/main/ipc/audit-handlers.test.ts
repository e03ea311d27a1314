import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/ipc/dispatch';
import { tempStore, type TempStore } from '../../helpers/temp-store';
import { seedDistrict, disclosure } from '../services/disclosure-fixtures';
import { recordDisclosures } from '../../../main/services/disclosures-service';

/** The audit and disclosure channels through the real dispatcher (zod validation, error mapping). */
let store: TempStore;
beforeEach(() => { store = tempStore(); seedDistrict(store.ctx); recordDisclosures(store.ctx, disclosure()); });
afterEach(() => store.cleanup());

describe('audit and disclosure channels', () => {
  it('answer the grids, the verify check and the reports', async () => {
    expect(await dispatch(store.ctx, 'audit-list', { offset: 0, limit: 10 })).toMatchObject({ ok: true, value: { total: 1, rows: [{ action: 'disclosure.record', kind: 'disclosure' }] } });
    expect(await dispatch(store.ctx, 'audit-verify', {})).toMatchObject({ ok: true, value: { ok: true, checked: 1 } });
    expect(await dispatch(store.ctx, 'disclosures-list', { offset: 0, limit: 10, partnerId: 'p-tutor' })).toMatchObject({ ok: true, value: { total: 3 } });
    expect(await dispatch(store.ctx, 'disclosure-history', { studentId: 'stu-1' })).toMatchObject({ ok: true, value: { events: [{ packageId: 'pkg-1' }] } });
    const report = await dispatch(store.ctx, 'disclosure-report', { studentId: 'stu-1' });
    expect(report).toMatchObject({ ok: true, value: { mimeType: 'text/html', fileName: 'disclosures-L00001-en.html' } });
    expect(await dispatch(store.ctx, 'transparency-report', { format: 'csv' })).toMatchObject({ ok: true, value: { mimeType: 'text/csv' } });
    expect(await dispatch(store.ctx, 'audit-facets', {})).toMatchObject({ ok: true, value: { actions: ['disclosure.record', 'disclosure.report'] } });
  });

  it('reject bad arguments naming the field, and an unknown student with NOT_FOUND', async () => {
    expect(await dispatch(store.ctx, 'disclosure-report', { studentId: 'stu-1', lang: 'fr' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', where: { field: 'lang' } } });
    expect(await dispatch(store.ctx, 'audit-list', { offset: 0, limit: 10, from: '2026-02-30' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', where: { field: 'from' } } });
    expect(await dispatch(store.ctx, 'audit-verify', { anchor: { seq: 1, hash: 'xyz' } })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', where: { field: 'anchor.hash' } } });
    expect(await dispatch(store.ctx, 'disclosure-history', { studentId: 'nobody' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
