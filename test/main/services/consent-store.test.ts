import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../../helpers/temp-store';
import { loadConsents, loadDirectoryState } from '../../../main/services/consent-store';
import { seedDistrict } from './consent-seed';

let store: TempStore;
beforeEach(() => { store = tempStore('district'); });
afterEach(() => store.cleanup());

function insertEvidence(id: string): void {
  store.ctx.db.prepare(
    `INSERT INTO consent_evidence (id, sha256, file_name, media_type, byte_size, content, added_at, added_by)
     VALUES (?, ?, 'form.pdf', 'application/pdf', 3, x'010203', '2026-09-01', 'test')`,
  ).run(id, id.padEnd(64, '0').slice(0, 64));
}

function insertConsent(c: { id: string; studentId: string; partnerId?: string; status?: string; revokedOn?: string | null; fields?: string[]; guardian?: string | null }): void {
  const guardian = c.guardian === undefined ? `g-${c.studentId}` : c.guardian;
  store.ctx.db.prepare(
    `INSERT INTO consents (id, student_id, signer_role, guardian_id, signer_relationship, partner_id, agreement_id, purpose, fields, status,
       signed_on, expires_on, revoked_on, method, esign_authentication, evidence_id, recorded_at, recorded_by, source)
     VALUES (@id, @studentId, @role, @guardian, 'parent', @partnerId, NULL, 'tutoring', @fields, @status, '2026-09-01', '2027-06-30', @revokedOn,
       'paper-scan', NULL, 'ev-1', '2026-09-01T00:00:00Z', 'test', 'manual')`,
  ).run({
    id: c.id, studentId: c.studentId, role: guardian ? 'parent' : 'eligible-student', guardian, partnerId: c.partnerId ?? 'p-1',
    fields: JSON.stringify(c.fields ?? ['indicator.mealEligibility']), status: c.status ?? 'granted', revokedOn: c.revokedOn ?? null,
  });
}

describe('consent store (what the policy engine reads)', () => {
  it('loads consents keyed by student, with every status, filtered by student ids and partner', () => {
    seedDistrict(store.ctx, [{ id: 's1', birthDate: '2010-01-01' }, { id: 's2', birthDate: '2010-01-01' }, { id: 's3', birthDate: '2010-01-01' }]);
    insertEvidence('ev-1');
    insertConsent({ id: 'c1', studentId: 's1' });
    insertConsent({ id: 'c2', studentId: 's1', partnerId: 'p-2', status: 'declined' });
    insertConsent({ id: 'c3', studentId: 's2', status: 'revoked', revokedOn: '2026-10-01', fields: ['indicator.iep', 'indicator.disability'] });

    const all = loadConsents(store.ctx);
    expect([...all.keys()].sort()).toEqual(['s1', 's2']);
    expect(all.get('s1')!.map((g) => g.id)).toEqual(['c1', 'c2']);
    expect(all.get('s2')![0]).toMatchObject({ status: 'revoked', revokedOn: '2026-10-01', fields: ['indicator.iep', 'indicator.disability'], signerRole: 'parent', agreementId: null });

    const partnerOne = loadConsents(store.ctx, { partnerId: 'p-1' });
    expect(partnerOne.get('s1')!.map((g) => g.id)).toEqual(['c1']);
    expect(loadConsents(store.ctx, { studentIds: ['s2', 's3'] }).size).toBe(1);
    expect(loadConsents(store.ctx, { studentIds: [] }).size).toBe(0);
  });

  it('loads 30,000 consents for 30,000 listed students in one statement, well under a second per 10,000', () => {
    const n = 30_000;
    seedDistrict(store.ctx, Array.from({ length: n }, (_, i) => ({ id: `s${i}`, birthDate: '2010-01-01', inProgram: false })));
    insertEvidence('ev-1');
    store.ctx.db.transaction(() => { for (let i = 0; i < n; i++) insertConsent({ id: `c${i}`, studentId: `s${i}` }); })();
    const ids = Array.from({ length: n }, (_, i) => `s${i}`);
    const t0 = performance.now();
    const map = loadConsents(store.ctx, { studentIds: ids, partnerId: 'p-1' });
    const ms = performance.now() - t0;
    console.log(`loadConsents ${n}: ${ms.toFixed(0)} ms`);
    expect(map.size).toBe(n);
    expect(ms, `loadConsents took ${ms.toFixed(0)} ms`).toBeLessThan(3000);
  }, 60_000);

  it('directory state: nothing designated before any designation; opt-outs survive the student leaving (99.37(b))', () => {
    seedDistrict(store.ctx, [{ id: 's1', birthDate: '2010-01-01' }, { id: 's2', birthDate: '2010-01-01', status: 'inactive' }, { id: 's3', birthDate: '2010-01-01' }]);
    expect(loadDirectoryState(store.ctx)).toEqual({ designation: { fields: [], noticeDate: null }, optedOut: new Set() });
    const db = store.ctx.db;
    db.prepare(`INSERT INTO directory_designations (fields, notice_date, designated_at, designated_by) VALUES ('["student.firstName"]', '2026-08-01', 'x', 't')`).run();
    db.prepare(`INSERT INTO directory_designations (fields, notice_date, designated_at, designated_by) VALUES ('["student.firstName","student.grade"]', '2026-08-15', 'x', 't')`).run();
    const add = db.prepare(`INSERT INTO directory_optouts (id, student_id, requested_on, requested_by, recorded_at, recorded_by, removed_on) VALUES (?, ?, '2026-08-20', 'parent', 'x', 't', ?)`);
    add.run('o1', 's2', null);
    add.run('o2', 's3', '2026-09-01');
    const state = loadDirectoryState(store.ctx);
    expect(state.designation).toEqual({ fields: ['student.firstName', 'student.grade'], noticeDate: '2026-08-15' });
    expect([...state.optedOut]).toEqual(['s2']);
  });
});
