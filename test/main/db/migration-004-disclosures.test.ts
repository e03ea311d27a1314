import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../../helpers/temp-store';
import { seedDistrict, disclosure } from '../services/disclosure-fixtures';
import { recordDisclosures } from '../../../main/services/disclosures-service';

let store: TempStore;
beforeEach(() => { store = tempStore(); seedDistrict(store.ctx); });
afterEach(() => store.cleanup());

const names = (type: string) => (store.ctx.db.prepare(`SELECT name FROM sqlite_master WHERE type = ? ORDER BY name`).pluck().all(type) as string[]);

describe('migration 004: disclosure records', () => {
  it('creates the record tables, their keep-forever triggers and the audit grid indexes', () => {
    expect(names('table')).toEqual(expect.arrayContaining(['disclosure_packages', 'disclosure_students', 'disclosure_destructions', 'disclosure_package_destructions']));
    expect(names('trigger')).toEqual(expect.arrayContaining(['disclosure_packages_no_delete', 'disclosure_packages_no_update', 'disclosure_students_no_delete', 'disclosure_students_no_update']));
    expect(names('index')).toEqual(expect.arrayContaining(['audit_log_actor', 'audit_log_action', 'audit_log_object', 'audit_log_at', 'disclosure_students_package']));
  });

  it('refuses, at commit, a student record whose package row was never written', () => {
    const db = store.ctx.db;
    expect(() => db.transaction(() => db.prepare(`INSERT INTO disclosure_students (student_id, package_id) VALUES ('stu-1', 'pkg-ghost')`).run())()).toThrow(/FOREIGN KEY/);
    expect(db.prepare('SELECT count(*) FROM disclosure_students').pluck().get()).toBe(0);
  });

  it('pages the newest disclosures without sorting all student rows (the query plan uses the indexes)', () => {
    recordDisclosures(store.ctx, disclosure());
    const plan = (store.ctx.db.prepare(`EXPLAIN QUERY PLAN SELECT dp.package_id, ds.student_id FROM disclosure_packages dp CROSS JOIN disclosure_students ds ON ds.package_id = dp.package_id
      ORDER BY dp.disclosed_on DESC, dp.rowid DESC, ds.student_id LIMIT 100`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan).not.toContain('TEMP B-TREE');
  });
});
