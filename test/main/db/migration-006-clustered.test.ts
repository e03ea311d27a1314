import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { migrate } from '../../../main/db/migrate';
import { districtMigrations } from '../../../main/db/migrations/district';
import { createContext } from '../../../main/services/context';
import { importDistrictSync } from '../../../main/services/import/import-service';
import { generatedDistrict, type DistrictFiles } from '../services/import/import-helpers';

/** Migration 006 rebuilds the per-student tables as WITHOUT ROWID tables: a store imported before it keeps every row. */
const rebuilt = ['student_guardians', 'enrollments', 'attendance_periods', 'course_grades', 'discipline_incidents', 'assessments', 'student_indicators', 'student_transport', 'student_activities', 'survey_responses', 'program_enrollments'];

let district: DistrictFiles;
beforeAll(() => { district = generatedDistrict(30, 4); });
afterAll(() => district.cleanup());

/** Every row, in an order fixed by all its columns (the scan order changes with the clustering). */
const contents = (db: Database.Database, table: string) => {
  const columns = (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).map((_, i) => i + 1);
  return db.prepare(`SELECT * FROM ${table} ORDER BY ${columns.join(', ')}`).all();
};
const indexes = (db: Database.Database) => db.prepare(`SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`).all();

describe('district migration 006', () => {
  it('keeps every row, column and index of a store imported under migration 005, and the tables are clustered', () => {
    const db = new Database(':memory:');
    migrate(db, districtMigrations.slice(0, 5), 'test store');
    importDistrictSync(createContext({ db, mode: 'district', storePath: ':memory:', actor: 'test' }), district.dir);
    const before = Object.fromEntries(rebuilt.map((t) => [t, contents(db, t)]));
    const indexesBefore = indexes(db);
    expect(before.course_grades!.length).toBeGreaterThan(0);

    migrate(db, districtMigrations, 'test store');
    expect(db.pragma('user_version', { simple: true })).toBe(6);
    for (const t of rebuilt) {
      expect(contents(db, t), t).toEqual(before[t]);
      expect(db.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`).pluck().get(t), t).toMatch(/WITHOUT ROWID$/);
    }
    expect(indexes(db)).toEqual(indexesBefore);
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    // The keys still hold: a repeated attendance period is refused.
    expect(() => db.prepare('INSERT INTO attendance_periods SELECT * FROM attendance_periods LIMIT 1').run()).toThrow(/UNIQUE|PRIMARY KEY/);
    db.close();
  });
});
