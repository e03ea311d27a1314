import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../../helpers/temp-store';
import { seedAgreementDistrict, studentId } from '../../helpers/agreement-district';
import { consentStudent } from '../../../main/services/consent-student';
import { addOptOut } from '../../../main/services/directory-service';

/** The consent dialog's signer list: guardians on record, and the student once 18 (34 CFR 99.5(a)). */
let store: TempStore;
beforeEach(() => {
  store = tempStore('district', { now: '2026-10-05T12:00:00Z' });
  seedAgreementDistrict(store.ctx, 20);
});
afterEach(() => store.cleanup());

describe('consentStudent', () => {
  it('lists the guardians on record and says a 12-year-old cannot sign for themselves', () => {
    const v = consentStudent(store.ctx, studentId(3));
    expect(v.today).toBe('2026-10-05');
    expect(v.guardians).toEqual([{ id: 'gdn-3', firstName: 'Parent', lastName: 'Family0003', relationship: 'parent', isPrimary: true }]);
    expect(v.student).toMatchObject({ id: studentId(3), localId: 'L100003', eligible: false });
    expect(v.student.age).toBeLessThan(18);
    expect(v.optOut).toBeNull();
  });

  it('makes a student who turned 18 (on 2026-10-01) an eligible signer, and shows an opt-out in force', () => {
    addOptOut(store.ctx, { studentId: studentId(10), requestedOn: '2026-10-02', requestedBy: 'eligible-student' });
    const v = consentStudent(store.ctx, studentId(10));
    expect(v.student).toMatchObject({ age: 18, eighteenOn: '2026-10-01', eligible: true });
    expect(v.optOut).toEqual({ requestedOn: '2026-10-02', requestedBy: 'eligible-student' });
  });

  it('refuses an unknown student with NOT_FOUND naming the id', () => {
    expect(() => consentStudent(store.ctx, 'stu-nope')).toThrow(/No student with id 'stu-nope'/);
  });
});
