import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tempStore, type TempStore } from '../../../helpers/temp-store';
import { importDistrict } from '../../../../main/services/import/import-service';
import { listStudents } from '../../../../main/services/students-service';
import type { ProgressEvent } from '../../../../shared/api/events';
import { generatedDistrict, rawCells, readLines, writeLines, rowCounts, type DistrictFiles } from './import-helpers';

let district: DistrictFiles;
let store: TempStore;
beforeAll(() => { district = generatedDistrict(120, 5); });
afterAll(() => district.cleanup());
afterEach(() => store?.cleanup());

/** Data lines of a generated file (header and trailing empty line dropped). */
const dataLines = (dir: string, file: string) => readLines(dir, file).slice(1).filter(Boolean);

describe('importing a generated district', () => {
  it('loads every file into the district tables, with metrics, an import run and one audit entry without student data', async () => {
    store = tempStore();
    const events: ProgressEvent[] = [];
    const r = await importDistrict(store.ctx, district.dir, { onProgress: (p) => events.push(p) });
    const counts = rowCounts(store.ctx);
    expect(r.students).toBe(120);
    expect(counts.students).toBe(120);
    expect(counts.guardians).toBe(dataLines(district.dir, 'users.csv').filter((l) => /,(parent|guardian|relative),/.test(l)).length);
    expect(counts.student_guardians).toBe(dataLines(district.dir, 'guardians.csv').length);
    expect(counts.attendance_periods).toBe(dataLines(district.dir, 'attendance.csv').length);
    expect(counts.course_grades).toBe(dataLines(district.dir, 'grades.csv').length);
    expect(counts.assessments).toBe(dataLines(district.dir, 'assessments.csv').length);
    expect(counts.enrollments).toBe(dataLines(district.dir, 'enrollments.csv').length);
    expect(counts.program_enrollments).toBe(dataLines(district.dir, 'program_enrollments.csv').length);
    expect(counts.partners).toBe(5);
    expect(counts.student_metrics).toBe(120);
    expect(counts.import_runs).toBe(1);
    expect(store.ctx.db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);

    // A student's row carries users.csv, demographics.csv and student_details.csv together.
    const user = dataLines(district.dir, 'users.csv').find((l) => l.includes(',student,'))!.split(',');
    const s = store.ctx.db.prepare('SELECT * FROM students WHERE id = ?').get(user[0]) as Record<string, unknown>;
    expect(s).toMatchObject({ first_name: user[8], last_name: user[9], local_id: user[11], status: 'active' });
    const demo = dataLines(district.dir, 'demographics.csv').find((l) => l.startsWith(`${user[0]},`))!.split(',');
    const details = dataLines(district.dir, 'student_details.csv').find((l) => l.startsWith(`${user[0]},`))!.split(',');
    const races = ['American Indian or Alaska Native', 'Asian', 'Black or African American', 'Native Hawaiian or Other Pacific Islander', 'White'].filter((_, i) => demo[5 + i] === 'true');
    const race = demo[11] === 'true' ? 'Hispanic or Latino' : demo[10] === 'true' || races.length > 1 ? 'Two or more races' : races[0];
    expect(s).toMatchObject({ birth_date: demo[3], race_ethnicity: race, home_language: details[2], state_id: details[1] });

    // Metrics follow the catalog's rules: rate = present / enrolled, chronic at 10% absent.
    const m = store.ctx.db.prepare('SELECT * FROM student_metrics WHERE student_id = ?').get(user[0]) as Record<string, number>;
    const att = dataLines(district.dir, 'attendance.csv').filter((l) => l.startsWith(`${user[0]},`)).map((l) => l.split(',').map(Number));
    const enrolled = att.reduce((a, c) => a + c[3]!, 0);
    const present = att.reduce((a, c) => a + c[4]!, 0);
    expect(m.days_enrolled).toBe(enrolled);
    expect(m.attendance_rate).toBeCloseTo(Math.round((1000 * present) / enrolled) / 10, 5);
    expect(m.chronic_absence).toBe((enrolled - present) / enrolled >= 0.1 ? 1 : 0);

    const audit = store.ctx.db.prepare(`SELECT action, summary FROM audit_log`).all() as { action: string; summary: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.action).toBe('district-import');
    expect(JSON.parse(audit[0]!.summary).students).toBe(120);
    expect(audit[0]!.summary).not.toContain(user[9]);

    expect(events[0]!.phase).toBe('start');
    expect(events.map((e) => e.phase)).toEqual(expect.arrayContaining(['users.csv', 'attendance.csv', 'metrics', 'done']));
    expect(events.every((e) => e.taskId === r.runId && e.total !== null && e.done <= e.total)).toBe(true);
    const dones = events.map((e) => e.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
  });

  it('updates in place on re-import and marks a student who left inactive, keeping the row', async () => {
    store = tempStore();
    await importDistrict(store.ctx, district.dir);
    const dir = district.copy();
    const users = readLines(dir, 'users.csv');
    const leaverIdx = users.findIndex((l) => l.includes(',student,'));
    const leaver = users[leaverIdx]!.split(',')[0]!;
    const renamedIdx = users.findIndex((l, i) => i > leaverIdx && l.includes(',student,'));
    const renamed = users[renamedIdx]!.split(',');
    renamed[9] = 'Newname';
    users[renamedIdx] = renamed.join(',');
    users.splice(leaverIdx, 1);
    // ... and the leaver's guardians no longer list them as a child.
    const unlinked = users.map((l) => l.replace(`"${leaver},`, '"').replace(`,${leaver}"`, '"').replace(`,${leaver},`, ',,'));
    writeLines(dir, 'users.csv', unlinked);
    // Every student-keyed file drops the leaver's rows (a real SIS export would not list them).
    for (const f of ['demographics.csv', 'student_details.csv', 'guardians.csv', 'attendance.csv', 'grades.csv', 'discipline.csv', 'assessments.csv', 'indicators.csv', 'transportation.csv', 'activities.csv', 'surveys.csv', 'program_enrollments.csv', 'enrollments.csv']) {
      writeLines(dir, f, readLines(dir, f).filter((l) => !l.includes(`${leaver},`)));
    }
    const before = rowCounts(store.ctx);
    const leaverAttendance = (store.ctx.db.prepare('SELECT count(*) AS n FROM attendance_periods WHERE student_id = ?').get(leaver) as { n: number }).n;

    const r = await importDistrict(store.ctx, dir);
    expect(r.inactivated).toBe(1);
    const after = rowCounts(store.ctx);
    expect(after.students).toBe(before.students);
    expect(store.ctx.db.prepare('SELECT status FROM students WHERE id = ?').pluck().get(leaver)).toBe('inactive');
    expect(store.ctx.db.prepare('SELECT last_name FROM students WHERE id = ?').pluck().get(renamed[0])).toBe('Newname');
    // The leaver's history stays; everyone else's attendance is replaced, not doubled.
    expect(after.attendance_periods).toBe(before.attendance_periods);
    expect((store.ctx.db.prepare('SELECT count(*) AS n FROM attendance_periods WHERE student_id = ?').get(leaver) as { n: number }).n).toBe(leaverAttendance);
    expect(after.import_runs).toBe(2);
    expect(after.audit_log).toBe(2);
    expect(listStudents(store.ctx, { offset: 0, limit: 1000, sort: [] }).total).toBe(119);
    expect(store.ctx.db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
  });

  it('keeps what a re-import does not carry: a missing file keeps its table, a missing column keeps its values', async () => {
    store = tempStore();
    await importDistrict(store.ctx, district.dir);
    const snapshot = () => store.ctx.db.prepare('SELECT id, birth_date, home_language, homeroom, counselor FROM students ORDER BY id').all();
    const before = snapshot();
    const grades = rowCounts(store.ctx).course_grades;
    const dir = district.copy();
    rmSync(join(dir, 'demographics.csv'));
    rmSync(join(dir, 'grades.csv'));
    // student_details.csv without its homeroom and counselor columns.
    const details = readLines(dir, 'student_details.csv').map((l) => {
      const c = rawCells(l);
      return l ? [...c.slice(0, 7), ...c.slice(9)].join(',') : l;
    });
    writeLines(dir, 'student_details.csv', details);
    await importDistrict(store.ctx, dir);
    expect(snapshot()).toEqual(before);
    expect(rowCounts(store.ctx).course_grades).toBe(grades);
  });

  it('reads the committed generator output the benchmark uses: the manifest says OneRoster 1.1 bulk', () => {
    const manifest = readFileSync(join(district.dir, 'manifest.csv'), 'utf8');
    expect(manifest).toContain('oneroster.version,1.1');
    expect(manifest).toContain('file.users,bulk');
  });
});
