import { describe, expect, it } from 'vitest';
import { recordsCsv, recordsDictionary } from '../../../shared/policy/records-csv';
import { evaluateStudent, renderRow } from '../../../shared/policy/evaluate';
import { content, plan, student, tctx } from './fixtures';

describe('records.csv and dictionary.json', () => {
  const c = content({ fields: [
    { field: 'student.firstName', transform: 'asIs' }, { field: 'student.birthDate', transform: 'age' },
    { field: 'indicator.iep', transform: 'asIs' }, { field: 'student.lastName', transform: 'asIs' },
  ] });
  const p = plan(c);
  const d = evaluateStudent(p, student(), undefined);
  if (!d.included) throw new Error('included expected');
  const row = renderRow(p, d, 's1', { 'student.firstName': '=HYPERLINK("x")', 'student.birthDate': '2016-03-10', 'indicator.iep': true, 'student.lastName': 'O"Neil, Jr' }, tctx());

  it('RFC 4180 with column ids as header, withheld cells empty, formulas neutralised', () => {
    expect(recordsCsv(p, [row])).toBe(
      'student.firstName,student.birthDate:age,indicator.iep,student.lastName\r\n' +
      `"'=HYPERLINK(""x"")",10,,"O""Neil, Jr"\r\n`,
    );
  });

  it('dictionary.json explains each column in order: label, Exhibit B category and element, transform, legal basis', () => {
    const dict = recordsDictionary(p);
    expect(dict.columns.map((x) => x.column)).toEqual(['student.firstName', 'student.birthDate:age', 'indicator.iep', 'student.lastName']);
    expect(dict.columns[1]).toMatchObject({ field: 'student.birthDate', label: 'Date of birth', exhibitBCategory: 'Demographics', exhibitBElement: 'Date of birth', transform: 'age', valueType: 'integer', legalBasis: 'school-official' });
    expect(dict.columns[1]!.transformDescription).toContain('age');
  });
});
