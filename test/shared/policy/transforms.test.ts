import { describe, expect, it } from 'vitest';
import { applyTransform, maskValue } from '../../../shared/policy/transforms';
import { renderRow, evaluateStudent } from '../../../shared/policy/evaluate';
import { content, plan, student, tctx } from './fixtures';

const t = tctx();

describe('transforms', () => {
  it('age: a birth date becomes whole years on the as-of date (birthday counts on its day)', () => {
    expect(applyTransform('age', '2016-09-15', 'student:s1', t)).toBe(10);
    expect(applyTransform('age', '2016-09-16', 'student:s1', t)).toBe(9);
  });

  it('birthYear and zip3 generalise; a value they cannot read becomes empty, never raw', () => {
    expect(applyTransform('birthYear', '2016-03-10', 'student:s1', t)).toBe(2016);
    expect(applyTransform('birthYear', 'not a date', 'student:s1', t)).toBeNull();
    expect(applyTransform('zip3', '02139-4307', 'student:s1', t)).toBe('021');
    expect(applyTransform('zip3', '12', 'student:s1', t)).toBeNull();
  });

  it('chronicFlag: absent on 10% or more of days (present below 90%) is chronic', () => {
    expect(applyTransform('chronicFlag', 89.9, 'student:s1', t)).toBe(true);
    expect(applyTransform('chronicFlag', 90, 'student:s1', t)).toBe(false);
  });

  it('mask keeps only a short non-identifying part and never the length', () => {
    expect(maskValue('Lovelace')).toBe('L***');
    expect(maskValue('Al')).toBe('A***');
    expect(maskValue('555-867-5309')).toBe('****09');
    expect(maskValue('ada@example.org')).toBe('a***@example.org');
  });

  it('pseudonym: the same student gets different ids at two partners, stable within one', () => {
    const p = plan(content({ fields: [{ field: 'student.localId', transform: 'pseudonym' }, { field: 'guardian.id', transform: 'pseudonym' }] }));
    const d = evaluateStudent(p, student(), undefined);
    if (!d.included) throw new Error('included expected');
    const values = { 'student.localId': '100234', 'guardian.id': 'g-7' };
    const a1 = renderRow(p, d, 's1', values, tctx('key-partner-a'));
    const a2 = renderRow(p, d, 's1', values, tctx('key-partner-a'));
    const b = renderRow(p, d, 's1', values, tctx('key-partner-b'));
    expect(a1).toEqual(a2);
    expect(a1[0]!.value).not.toEqual(b[0]!.value);
    expect(a1[0]!.value).not.toContain('100234');
    expect(a1[0]!.state).toBe('transformed');
    expect(a1[1]!.value).not.toEqual(a1[0]!.value);
  });
});
