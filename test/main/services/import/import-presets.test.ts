import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tempStore, type TempStore } from '../../../helpers/temp-store';
import { importDistrict } from '../../../../main/services/import/import-service';
import { writeSamples, sampleFormats, SAMPLE_STUDENTS } from '../../../../fixtures/generate-samples';
import { readLines, rowCounts } from './import-helpers';

const samples = join(__dirname, '../../../../fixtures/samples');
let store: TempStore;
afterEach(() => store?.cleanup());
const regenerated = mkdtempSync(join(tmpdir(), 'steward-samples-'));
afterAll(() => rmSync(regenerated, { recursive: true, force: true }));

const cells = (line: string) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.slice(0, -1).map((c) => c.replace(/,$/, '').replace(/^"(.*)"$/, '$1'));

describe('column-mapping presets', () => {
  it('the committed samples are exactly what fixtures/generate-samples.ts writes', () => {
    writeSamples(regenerated);
    for (const format of sampleFormats) {
      const files = readdirSync(join(samples, format)).sort();
      expect(readdirSync(join(regenerated, format)).sort()).toEqual(files);
      for (const f of files) expect(readFileSync(join(regenerated, format, f), 'utf8'), `${format}/${f} is stale: run npx tsx fixtures/generate-samples.ts`).toBe(readFileSync(join(samples, format, f), 'utf8'));
    }
  });

  it('imports the PowerSchool sample: US dates, Ethnicity codes, Mother/Father contacts, supplementary files keyed by Student_Number', async () => {
    store = tempStore();
    const dir = join(samples, 'powerschool');
    const r = await importDistrict(store.ctx, dir, { preset: 'powerschool' });
    expect(r.students).toBe(SAMPLE_STUDENTS);
    const first = cells(readLines(dir, 'students.csv')[1]!);
    const s = store.ctx.db.prepare('SELECT * FROM students WHERE id = ?').get(first[0]) as Record<string, unknown>;
    const [mm, dd, yyyy] = first[5]!.split('/');
    expect(s).toMatchObject({ local_id: first[0], first_name: first[2], last_name: first[4], birth_date: `${yyyy}-${mm}-${dd}`, school_id: first[9], homeroom: first[11], status: 'active' });
    expect(s.race_ethnicity).toBe({ A: 'Asian', W: 'White', H: 'Hispanic or Latino', B: 'Black or African American', M: 'Two or more races', I: 'American Indian or Alaska Native', P: 'Native Hawaiian or Other Pacific Islander' }[first[7]!]);
    expect(store.ctx.db.prepare('SELECT name FROM orgs WHERE id = ?').pluck().get(first[9])).toBe(first[10]);
    const links = store.ctx.db.prepare('SELECT g.first_name, g.last_name, sg.relationship, sg.is_primary FROM student_guardians sg JOIN guardians g ON g.id = sg.guardian_id WHERE sg.student_id = ? ORDER BY sg.is_primary DESC').all(first[0]) as Record<string, unknown>[];
    const [motherLast, motherFirst] = first[17]!.split(', ');
    expect(links[0]).toEqual({ first_name: motherFirst, last_name: motherLast, relationship: 'mother', is_primary: 1 });
    const counts = rowCounts(store.ctx);
    expect(counts.attendance_periods).toBe(readLines(dir, 'attendance.csv').filter(Boolean).length - 1);
    expect(counts.student_indicators).toBe(SAMPLE_STUDENTS);
    expect(counts.program_enrollments).toBe(readLines(dir, 'program_enrollments.csv').filter(Boolean).length - 1);
    expect(store.ctx.db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
  });

  it('imports the Infinite Campus sample: personID keys, studentNumber as local id, raceEthnicityFed, guardian columns', async () => {
    store = tempStore();
    const dir = join(samples, 'infinite-campus');
    const r = await importDistrict(store.ctx, dir, { preset: 'infinite-campus' });
    expect(r.students).toBe(SAMPLE_STUDENTS);
    const first = cells(readLines(dir, 'students.csv')[1]!);
    const s = store.ctx.db.prepare('SELECT * FROM students WHERE id = ?').get(first[0]) as Record<string, unknown>;
    expect(s).toMatchObject({ local_id: first[1], state_id: first[2], last_name: first[3], first_name: first[4], home_language: first[13], postal_code: first[18] });
    expect(s.race_ethnicity).toBe(['Hispanic or Latino', 'American Indian or Alaska Native', 'Asian', 'Black or African American', 'Native Hawaiian or Other Pacific Islander', 'White', 'Two or more races'][Number(first[8]) - 1]);
    const rel = store.ctx.db.prepare('SELECT relationship FROM student_guardians WHERE student_id = ? AND is_primary = 1').pluck().get(first[0]);
    expect(rel).toBe(first[22]!.toLowerCase());
    expect(rowCounts(store.ctx).assessments).toBe(readLines(dir, 'assessments.csv').filter(Boolean).length - 1);
  });

  it('accepts Infinite Campus Ad hoc headers with the student. prefix', async () => {
    store = tempStore();
    const dir = mkdtempSync(join(regenerated, 'prefixed-'));
    const lines = readLines(join(samples, 'infinite-campus'), 'students.csv');
    lines[0] = lines[0]!.split(',').map((h) => (h.startsWith('guardian') ? h : `student.${h}`)).join(',');
    writeFileSync(join(dir, 'students.csv'), lines.join('\r\n'));
    expect((await importDistrict(store.ctx, dir, { preset: 'infinite-campus' })).students).toBe(SAMPLE_STUDENTS);
  });
});
