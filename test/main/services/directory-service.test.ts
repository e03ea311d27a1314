import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../../helpers/temp-store';
import { addOptOut, designateDirectory, getDirectory, listOptOuts, removeOptOut } from '../../../main/services/directory-service';
import { loadDirectoryState } from '../../../main/services/consent-store';
import { consentCounts, seedDistrict } from './consent-seed';

let store: TempStore;
beforeEach(() => {
  store = tempStore('district', { now: '2026-09-15T12:00:00Z' });
  seedDistrict(store.ctx, [{ id: 's1', birthDate: '2012-03-10' }, { id: 's2', birthDate: '2012-03-10', status: 'inactive' }]);
});
afterEach(() => store.cleanup());

describe('directory designation (34 CFR 99.37(a)(1))', () => {
  it('records the designated fields in catalog order with the notice date, keeps history, audits', () => {
    expect(getDirectory(store.ctx).designation).toEqual({ fields: [], noticeDate: null });
    designateDirectory(store.ctx, { fields: ['student.grade', 'student.firstName'], noticeDate: '2026-08-01' });
    const view = designateDirectory(store.ctx, { fields: ['student.grade', 'student.firstName', 'student.lastName'], noticeDate: '2026-08-15' });
    expect(view.designation).toEqual({ fields: ['student.firstName', 'student.lastName', 'student.grade'], noticeDate: '2026-08-15' });
    expect(view.designatedBy).toBe('test:steward');
    expect(view.eligibleFields.map((f) => f.id)).not.toContain('indicator.homeless');
    expect(consentCounts(store.ctx)).toMatchObject({ designations: 2, audit: 2 });
  });

  it('99.3: refuses a field that can never be directory information, storing nothing', () => {
    const before = consentCounts(store.ctx);
    expect(() => designateDirectory(store.ctx, { fields: ['student.firstName', 'indicator.fosterCare'], noticeDate: '2026-08-01' })).toThrow(/'indicator.fosterCare' \(Foster care\) can never be directory information/);
    expect(consentCounts(store.ctx)).toEqual(before);
  });
});

describe('directory opt-outs (34 CFR 99.37(a)(2), 99.37(b))', () => {
  it('an opt-out of a student who has left stays in force and is listed with the student\'s status', () => {
    addOptOut(store.ctx, { studentId: 's2', requestedOn: '2026-09-01', requestedBy: 'parent' });
    expect(loadDirectoryState(store.ctx).optedOut.has('s2')).toBe(true);
    const page = listOptOuts(store.ctx, { offset: 0, limit: 10, includeRemoved: false });
    expect(page.rows).toMatchObject([{ studentId: 's2', studentStatus: 'inactive', requestedBy: 'parent', removedOn: null }]);
  });

  it('removal ends it from its date, keeps the row as history; a second opt-out while one is in force is a conflict', () => {
    addOptOut(store.ctx, { studentId: 's1', requestedOn: '2026-09-01', requestedBy: 'parent' });
    expect(() => addOptOut(store.ctx, { studentId: 's1', requestedOn: '2026-09-02', requestedBy: 'parent' })).toThrow(/already has a directory opt-out/);
    expect(() => removeOptOut(store.ctx, { studentId: 's1', removedOn: '2026-08-01' })).toThrow(/before the opt-out was requested/);
    const removed = removeOptOut(store.ctx, { studentId: 's1', removedOn: '2026-09-10' });
    expect(removed.removedOn).toBe('2026-09-10');
    expect(loadDirectoryState(store.ctx).optedOut.size).toBe(0);
    expect(listOptOuts(store.ctx, { offset: 0, limit: 10, includeRemoved: true }).total).toBe(1);
    expect(() => removeOptOut(store.ctx, { studentId: 's1', removedOn: '2026-09-11' })).toThrow(/no directory opt-out in force/);
    expect(store.ctx.db.prepare('SELECT action FROM audit_log ORDER BY seq').pluck().all()).toEqual(['directory.optout.add', 'directory.optout.remove']);
  });

  it('bad input: unknown student, future date; nothing stored', () => {
    const before = consentCounts(store.ctx);
    expect(() => addOptOut(store.ctx, { studentId: 'ghost', requestedOn: '2026-09-01', requestedBy: 'parent' })).toThrow(/No student with id 'ghost'/);
    expect(() => addOptOut(store.ctx, { studentId: 's1', requestedOn: '2026-09-30', requestedBy: 'parent' })).toThrow(/after today/);
    expect(consentCounts(store.ctx)).toEqual(before);
  });
});
