import { describe, expect, it } from 'vitest';
import { directoryAllows, validateDesignation, validateOptOutDate } from '../../../shared/consent/directory';
import { catalogFields } from '../../../shared/catalog';

const state = (over: { fields?: string[]; noticeDate?: string | null; optedOut?: string[] } = {}) => ({
  designation: { fields: over.fields ?? ['student.firstName', 'student.lastName', 'student.grade'], noticeDate: over.noticeDate === undefined ? '2026-08-01' : over.noticeDate },
  optedOut: new Set(over.optedOut ?? []),
});
const q = (over: Partial<{ studentId: string; field: string; asOf: string }> = {}) => ({ studentId: 's1', field: 'student.firstName', asOf: '2026-09-15', catalog: catalogFields, ...over });

describe('directory information (34 CFR 99.31(a)(11), 99.37)', () => {
  it('99.37(a)(1): a designated field, after the notice, for a student without opt-out, may flow', () => {
    expect(directoryAllows(state(), q())).toMatchObject({ allowed: true });
  });

  it('99.37(a)(1): a field the district did not designate does not flow', () => {
    expect(directoryAllows(state(), q({ field: 'student.phone' }))).toMatchObject({ allowed: false, reason: 'NOT_DIRECTORY_DESIGNATED' });
  });

  it('99.37(a): nothing flows before the public notice, or with no notice at all', () => {
    expect(directoryAllows(state({ noticeDate: null }), q())).toMatchObject({ allowed: false, reason: 'DIRECTORY_NO_NOTICE' });
    expect(directoryAllows(state({ noticeDate: '2026-09-16' }), q())).toMatchObject({ allowed: false, reason: 'DIRECTORY_NO_NOTICE' });
  });

  it('99.37(a)(2), 99.37(b): an opted-out student\'s directory information never flows', () => {
    const d = directoryAllows(state({ optedOut: ['s1'] }), q());
    expect(d).toMatchObject({ allowed: false, reason: 'DIRECTORY_OPT_OUT' });
    expect(d.rule).toContain('99.37(b)');
  });

  it('99.3: fields that can never be directory information (living situation, disability) never flow, even if listed', () => {
    expect(directoryAllows(state({ fields: ['indicator.homeless'] }), q({ field: 'indicator.homeless' }))).toMatchObject({ allowed: false, reason: 'NOT_DIRECTORY_ELIGIBLE' });
  });

  it('99.3: a designation may list only directory-eligible catalog fields', () => {
    expect(validateDesignation({ fields: ['student.firstName', 'student.grade'], noticeDate: '2026-08-01' }, catalogFields)).toEqual([]);
    const issues = validateDesignation({ fields: ['indicator.homeless', 'student.raceEthnicity', 'student.nickname', 'student.grade', 'student.grade'], noticeDate: '2026-13-01' }, catalogFields);
    expect(issues.map((i) => i.code)).toEqual(['NOT_DIRECTORY_ELIGIBLE', 'NOT_DIRECTORY_ELIGIBLE', 'UNKNOWN_FIELD', 'DUPLICATE_FIELD', 'BAD_DATE']);
    expect(issues[0]!.message).toContain('11432(g)(3)(G)');
  });

  it('an opt-out request is dated, not in the future', () => {
    expect(validateOptOutDate('2026-09-15', '2026-09-15')).toEqual([]);
    expect(validateOptOutDate('2026-09-16', '2026-09-15').map((i) => i.code)).toEqual(['IN_FUTURE']);
    expect(validateOptOutDate('15/09/2026', '2026-09-15').map((i) => i.code)).toEqual(['BAD_DATE']);
  });
});
