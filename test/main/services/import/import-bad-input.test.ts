import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempStore, type TempStore } from '../../../helpers/temp-store';
import { importDistrict, type ImportOptions } from '../../../../main/services/import/import-service';
import { ImportFailedError } from '../../../../main/services/import/import-issues';
import { generatedDistrict, plainLine, readLines, rowCounts, setCell, storeHash, writeLines, type DistrictFiles } from './import-helpers';

let district: DistrictFiles;
let store: TempStore;
beforeAll(() => { district = generatedDistrict(60, 3); });
afterAll(() => district.cleanup());
// Every case starts from a store that already holds a district, so "unchanged" means something.
beforeEach(async () => {
  store = tempStore();
  await importDistrict(store.ctx, district.dir);
});
afterEach(() => store.cleanup());

/** Runs an import that must fail, and checks the store is byte-for-byte and row-for-row as it was. */
async function rejected(dir: string, opts: ImportOptions = {}): Promise<ImportFailedError> {
  const hash = storeHash(store);
  const counts = rowCounts(store.ctx);
  const error = await importDistrict(store.ctx, dir, opts).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ImportFailedError);
  expect(storeHash(store), 'the store file changed after a failed import').toBe(hash);
  expect(rowCounts(store.ctx)).toEqual(counts);
  return error as ImportFailedError;
}

describe('bad input: each case names file, line and column, and leaves the store unchanged', () => {
  it('missing required column', async () => {
    const dir = district.copy();
    const users = readLines(dir, 'users.csv');
    users[0] = users[0]!.replace('givenName', 'firstName');
    writeLines(dir, 'users.csv', users);
    const e = await rejected(dir);
    expect(e.issues).toEqual([{ file: 'users.csv', line: 1, column: 'givenName', message: expect.stringMatching(/^the required column givenName is missing from the header/) }]);
    expect(e.message).toContain('users.csv, line 1, column givenName: the required column givenName is missing');
    expect(e.where).toEqual({ file: 'users.csv', line: 1, column: 'givenName' });
    expect(e.code).toBe('IMPORT_FAILED');
  });

  it('bad date (never echoing the value, which is student data)', async () => {
    const dir = district.copy();
    const line = plainLine(dir, 'demographics.csv', 5);
    setCell(dir, 'demographics.csv', line, 'birthDate', '2010-02-30');
    const e = await rejected(dir);
    expect(e.issues).toEqual([{ file: 'demographics.csv', line, column: 'birthDate', message: 'not a date in the form yyyy-mm-dd (for example 2026-09-01)' }]);
    expect(e.message).not.toContain('2010-02-30');
  });

  it('unknown id reference: an enrollment to an unknown student, attendance for an unknown student', async () => {
    const dir = district.copy();
    const enr = plainLine(dir, 'enrollments.csv', 900 > readLines(dir, 'enrollments.csv').length ? 200 : 900);
    setCell(dir, 'enrollments.csv', enr, 'userSourcedId', 'stu-9999999');
    const att = plainLine(dir, 'attendance.csv', 10);
    setCell(dir, 'attendance.csv', att, 'studentSourcedId', 'stu-8888888');
    const e = await rejected(dir);
    expect(e.issues).toEqual([
      { file: 'enrollments.csv', line: enr, column: 'userSourcedId', message: 'refers to user stu-9999999, which is not in users.csv. Add it there or correct the id.' },
      { file: 'attendance.csv', line: att, column: 'studentSourcedId', message: "refers to student stu-8888888, which is not a student in this import's roster. Remove the row or add the student to the roster." },
    ]);
  });

  it('duplicate key: a user listed twice, an attendance period listed twice', async () => {
    const dir = district.copy();
    const users = readLines(dir, 'users.csv').filter(Boolean);
    const student = users.find((l) => l.includes(',student,'))!;
    users.push(student);
    writeLines(dir, 'users.csv', [...users, '']);
    const att = readLines(dir, 'attendance.csv').filter(Boolean);
    att.push(att[3]!);
    writeLines(dir, 'attendance.csv', [...att, '']);
    const e = await rejected(dir);
    expect(e.issues).toEqual([
      { file: 'users.csv', line: users.length, column: 'sourcedId', message: `${student.split(',')[0]} appears more than once in this file; each sourcedId must be unique. Remove or correct the repeated row.` },
      { file: 'attendance.csv', line: att.length, message: 'an earlier row of this file has the same studentSourcedId and periodStart; each combination must appear once. Remove or correct the repeated row.' },
    ]);
  });

  it('staged files: a repeated id and ids outside the roster in demographics.csv and student_details.csv, reported in id order', async () => {
    const dir = district.copy();
    const withRows = (file: string) => {
      const lines = readLines(dir, file).filter(Boolean);
      const other = (id: string) => [id, ...lines[2]!.split(',').slice(1)].join(',');
      lines.push(lines[3]!, other('stu-zz-unknown'), other('stu-aa-unknown'));
      writeLines(dir, file, [...lines, '']);
      return { repeated: lines.length - 2, zz: lines.length - 1, aa: lines.length, id: lines[3]!.split(',')[0] };
    };
    const demo = withRows('demographics.csv');
    const details = withRows('student_details.csv');
    const e = await rejected(dir);
    const notStudent = (id: string) => `refers to student ${id}, which is not a student in this import's roster. Remove the row or add the student to the roster.`;
    expect(e.issues).toEqual([
      { file: 'student_details.csv', line: details.repeated, column: 'studentSourcedId', message: `student ${details.id} appears more than once in this file; give each one row.` },
      { file: 'demographics.csv', line: demo.repeated, column: 'sourcedId', message: `user ${demo.id} appears more than once in this file; give each one row.` },
      { file: 'demographics.csv', line: demo.aa, column: 'sourcedId', message: 'refers to user stu-aa-unknown, which is not in users.csv. Add it there or correct the id.' },
      { file: 'demographics.csv', line: demo.zz, column: 'sourcedId', message: 'refers to user stu-zz-unknown, which is not in users.csv. Add it there or correct the id.' },
      { file: 'student_details.csv', line: details.aa, column: 'studentSourcedId', message: notStudent('stu-aa-unknown') },
      { file: 'student_details.csv', line: details.zz, column: 'studentSourcedId', message: notStudent('stu-zz-unknown') },
    ]);
  });

  it('wrong value in an enumerated column', async () => {
    const dir = district.copy();
    const line = plainLine(dir, 'indicators.csv', 4);
    setCell(dir, 'indicators.csv', line, 'mealEligibility', 'sometimes');
    const e = await rejected(dir);
    expect(e.issues).toEqual([{ file: 'indicators.csv', line, column: 'mealEligibility', message: 'the value is not one of the allowed values: free, reduced, none' }]);
    expect(e.message).not.toContain('sometimes');
  });

  it('wrong encoding: UTF-16 with a byte order mark', async () => {
    const dir = district.copy();
    const text = readFileSync(join(dir, 'users.csv'), 'utf8');
    writeFileSync(join(dir, 'users.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const e = await rejected(dir);
    expect(e.issues).toEqual([{ file: 'users.csv', line: 1, message: expect.stringMatching(/^the file is UTF-16 encoded .* Save it as UTF-8/) }]);
  });

  it('wrong encoding: Latin-1 (invalid UTF-8) on line 7', async () => {
    const dir = district.copy();
    const lines = readLines(dir, 'student_details.csv');
    const cells = lines[6]!.split(',');
    const buf = Buffer.concat([Buffer.from(lines.slice(0, 6).join('\r\n') + '\r\n' + cells[0] + ','), Buffer.from([0x4d, 0xe9, 0x78]), Buffer.from(',' + lines.slice(6).join('\r\n').split(',').slice(2).join(','))]);
    writeFileSync(join(dir, 'student_details.csv'), buf);
    const e = await rejected(dir);
    expect(e.issues).toEqual([{ file: 'student_details.csv', line: 7, message: expect.stringMatching(/^byte 0xE9 is not valid UTF-8 .*Save it as UTF-8/) }]);
  });

  it('quoted newlines are read as part of the value, and later lines keep their editor line numbers', async () => {
    const dir = district.copy();
    const lines = readLines(dir, 'student_details.csv');
    const cells = lines[3]!.split(',');
    const student = cells[0]!;
    cells[3] = '"Apt 4\r\n12 Main St"';
    lines[3] = cells.join(',');
    writeLines(dir, 'student_details.csv', lines);
    // A later row, named by its line in an editor (row 4 now spans lines 4 and 5).
    const bad = readLines(dir, 'student_details.csv');
    const idx = bad.findIndex((l, i) => i > 6 && l && !l.includes('"'));
    const badCells = bad[idx]!.split(',');
    badCells[9] = 'soon';
    bad[idx] = badCells.join(',');
    writeLines(dir, 'student_details.csv', bad);
    const e = await rejected(dir);
    expect(e.issues).toEqual([{ file: 'student_details.csv', line: idx + 1, column: 'graduationYear', message: 'not a whole number' }]);

    writeLines(dir, 'student_details.csv', lines);
    await importDistrict(store.ctx, dir);
    expect(store.ctx.db.prepare('SELECT address_line FROM students WHERE id = ?').pluck().get(student)).toBe('Apt 4\r\n12 Main St');
  });

  it('a UTF-8 byte order mark is accepted', async () => {
    const dir = district.copy();
    for (const f of ['orgs.csv', 'users.csv', 'attendance.csv']) writeFileSync(join(dir, f), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(join(dir, f))]));
    const r = await importDistrict(store.ctx, dir);
    expect(r.students).toBe(60);
  });

  it('a 2 GB file is refused by its size before anything is read, with how to split it', async () => {
    const dir = district.copy();
    truncateSync(join(dir, 'attendance.csv'), 2 * 1024 ** 3);
    const t0 = Date.now();
    const e = await rejected(dir);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(e.issues).toEqual([{
      file: 'attendance.csv',
      message: 'the file is 2.0 GiB, over the 1.0 GiB limit for one file, so it was not read. Split it into parts under 1.0 GiB named attendance.csv, attendance-2.csv, attendance-3.csv ... each starting with the header line; the importer reads the parts in order as one table.',
    }]);
  });

  it('a table split into parts is read as one table', async () => {
    const dir = district.copy();
    const lines = readLines(dir, 'attendance.csv').filter(Boolean);
    const half = Math.floor(lines.length / 2);
    writeLines(dir, 'attendance.csv', [...lines.slice(0, half), '']);
    writeLines(dir, 'attendance-2.csv', [lines[0]!, ...lines.slice(half), '']);
    const before = rowCounts(store.ctx).attendance_periods;
    await importDistrict(store.ctx, dir);
    expect(rowCounts(store.ctx).attendance_periods).toBe(before);
  });

  it('an empty file', async () => {
    const dir = district.copy();
    writeFileSync(join(dir, 'grades.csv'), '');
    const e = await rejected(dir);
    expect(e.issues).toEqual([{ file: 'grades.csv', line: 1, message: expect.stringMatching(/^the file is empty \(0 bytes\)/) }]);
  });

  it('a missing required file', async () => {
    const dir = district.copy();
    rmSync(join(dir, 'users.csv'));
    const e = await rejected(dir);
    expect(e.issues[0]).toMatchObject({ file: 'users.csv', message: expect.stringMatching(/required file is missing/) });
  });

  it('stops after 50 problems and says there are more', async () => {
    const dir = district.copy();
    const lines = readLines(dir, 'attendance.csv');
    for (let i = 1; i <= 60; i++) {
      const c = lines[i]!.split(',');
      c[1] = 'someday';
      lines[i] = c.join(',');
    }
    writeLines(dir, 'attendance.csv', lines);
    const e = await rejected(dir);
    expect(e.issues).toHaveLength(50);
    expect(e.issues.every((i) => i.file === 'attendance.csv' && i.column === 'periodStart')).toBe(true);
    expect(e.message).toMatch(/^The import was not applied: 50\+ problems found\. The store is unchanged\./);
    expect(e.message).toMatch(/Stopped after the first 50; there are more\./);
  });
});
