import { describe, expect, it } from 'vitest';
import { gradeOptions, shortGrade, toStudentQuery } from '../../../renderer/src/screens/students/student-query';
import { StudentQuery } from '../../../shared/api/students-api';

const none = { schoolId: '', grade: '', search: '' };

describe("students grid -> 'students-list' query", () => {
  it('asks for exactly the block the grid wants', () => {
    expect(toStudentQuery({ startRow: 300, endRow: 400, sortModel: [] }, none)).toEqual({ offset: 300, limit: 100, sort: [] });
  });

  it('maps the grid sort model to SQL sort columns, reading a last-name sort as last, first', () => {
    expect(toStudentQuery({ startRow: 0, endRow: 100, sortModel: [{ colId: 'lastName', sort: 'desc' }] }, none).sort).toEqual([
      { column: 'lastName', direction: 'desc' },
      { column: 'firstName', direction: 'desc' },
    ]);
    expect(toStudentQuery({ startRow: 0, endRow: 100, sortModel: [{ colId: 'schoolName', sort: 'asc' }, { colId: 'grade', sort: 'desc' }] }, none).sort).toEqual([
      { column: 'schoolName', direction: 'asc' },
      { column: 'grade', direction: 'desc' },
    ]);
  });

  it('drops columns SQL cannot sort and cleared sorts, so the request always validates', () => {
    const q = toStudentQuery({ startRow: 0, endRow: 100, sortModel: [{ colId: 'ssn', sort: 'asc' }, { colId: 'grade', sort: null }] }, none);
    expect(q.sort).toEqual([]);
    expect(StudentQuery.safeParse(q).success).toBe(true);
  });

  it('passes only the filters in use, trimmed and within the schema limits', () => {
    const q = toStudentQuery({ startRow: 0, endRow: 5000, sortModel: [] }, { schoolId: 'sch-1', grade: 'KG', search: `  ${'x'.repeat(150)} ` });
    expect(q).toMatchObject({ schoolId: 'sch-1', grade: 'KG', limit: 1000 });
    expect(q.search).toHaveLength(100);
    expect(StudentQuery.safeParse(q).success).toBe(true);
    expect(toStudentQuery({ startRow: 0, endRow: 100, sortModel: [] }, { schoolId: '', grade: '', search: '   ' })).not.toHaveProperty('search');
  });

  it('labels grades the way a district office says them', () => {
    expect(gradeOptions.map((g) => g.code)).toEqual(['PK', 'KG', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12']);
    expect(gradeOptions[1]?.label).toBe('Kindergarten');
    expect([shortGrade('KG'), shortGrade('07'), shortGrade('12'), shortGrade('PK')]).toEqual(['K', '7', '12', 'PK']);
  });
});
