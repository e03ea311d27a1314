import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/run';
import { commands } from '../../../main/cli/commands';
import { Exit } from '../../../main/cli/types';
import { openStore } from '../../../main/db/connection';
import { createPassphraseKey } from '../../../main/db/key';
import { createContext } from '../../../main/services/context';
import { tempStore, type TempStore } from '../../helpers/temp-store';
import { seedAgreementDistrict, readingAgreement } from '../../helpers/agreement-district';
import { activeAgreement } from './package-setup';
import { createAgreement, getAgreement, listAgreements } from '../../../main/services/agreements-service';
import { approveAgreement, submitAgreement } from '../../../main/services/agreement-review';
import { expireEndedAgreements } from '../../../main/services/agreement-expiry';
import { verifyAudit } from '../../../main/services/audit-verify';
import type { ServiceContext } from '../../../main/services/context';

/**
 * Expiry is written back: once the term's last day has passed, an active or approved version is
 * 'expired' in the store (with its end date, reason and audit row), whoever looks first.
 */
let store: TempStore;
beforeEach(() => {
  store = tempStore('district', { now: '2026-09-15T12:00:00Z' });
  seedAgreementDistrict(store.ctx, 10);
});
afterEach(() => store.cleanup());

/** The same store, seen on another day. */
const on = (day: string): ServiceContext => ({ ...store.ctx, now: () => new Date(`${day}T12:00:00Z`) });
const statusOf = (agreementId: string) => store.ctx.db.prepare('SELECT status FROM agreement_versions WHERE agreement_id = ? ORDER BY version DESC LIMIT 1').pluck().get(agreementId);
const expiryAudit = () => store.ctx.db.prepare(`SELECT actor, object_id AS objectId, summary FROM audit_log WHERE action = 'agreement.expire' ORDER BY seq`).all() as { actor: string; objectId: string; summary: string }[];

describe('agreement expiry', () => {
  it('an active version stays active through its last day and is recorded as expired the day after, with an audit row', () => {
    const { agreementId } = activeAgreement(store.ctx, readingAgreement({ expires: '2026-10-31', destroyBy: '2026-11-30' }));
    expect(listAgreements(on('2026-10-31'))[0]).toMatchObject({ latestStatus: 'active', activeVersion: 1 });
    expect(statusOf(agreementId)).toBe('active');
    expect(expiryAudit()).toEqual([]);

    expect(listAgreements(on('2026-11-01'))[0]).toMatchObject({ latestStatus: 'expired', activeVersion: null });
    expect(statusOf(agreementId)).toBe('expired');
    expect(expiryAudit()).toEqual([{ actor: 'test:steward', objectId: agreementId, summary: JSON.stringify({ expires: '2026-10-31', previousStatus: 'active', version: 1 }) }]);
    expect(verifyAudit(store.ctx).ok).toBe(true);
  });

  it('reading one agreement expires it too; the version shows its end, no further actions, and cannot be edited', () => {
    const { agreementId } = activeAgreement(store.ctx, readingAgreement({ expires: '2026-10-31', destroyBy: '2026-11-30' }));
    const detail = getAgreement(on('2026-12-01'), { agreementId });
    expect(detail.versions.map((v) => v.status)).toEqual(['expired']);
    expect(detail.current).toMatchObject({ status: 'expired', effectiveStatus: 'expired', endedAt: '2026-12-01T12:00:00.000Z', endReason: 'its term ended on 2026-10-31', allowedActions: [] });
    // The approval stays on record: it is part of the audit trail of what was in force.
    expect(detail.current.approval?.by).toBe('R. Counsel');
  });

  it('expires approved versions that were never put in force, and leaves drafts, versions in review and later terms alone', () => {
    const ctx = store.ctx;
    const ended = readingAgreement({ title: 'Ended', expires: '2026-10-31', destroyBy: '2026-11-30' });
    const approved = createAgreement(ctx, { content: ended });
    submitAgreement(ctx, approved);
    approveAgreement(ctx, { ...approved, reviewerName: 'R. Counsel' });
    const inReview = createAgreement(ctx, { content: { ...ended, title: 'In review' } });
    submitAgreement(ctx, inReview);
    const draft = createAgreement(ctx, { content: { ...ended, title: 'Draft' } });
    const later = activeAgreement(ctx, readingAgreement({ title: 'Later' }));

    const expired = expireEndedAgreements(on('2026-11-15'));
    expect(expired).toEqual([{ agreementId: approved.agreementId, version: 1, previousStatus: 'approved', expires: '2026-10-31' }]);
    expect([approved, inReview, draft, later].map((a) => statusOf(a.agreementId))).toEqual(['expired', 'in-review', 'draft', 'active']);
  });

  it('records each expiry once: looking again changes nothing', () => {
    activeAgreement(store.ctx, readingAgreement({ expires: '2026-10-31', destroyBy: '2026-11-30' }));
    expect(expireEndedAgreements(on('2026-11-01'))).toHaveLength(1);
    const rows = store.ctx.db.prepare('SELECT count(*) FROM audit_log').pluck().get();
    expect(expireEndedAgreements(on('2026-11-02'))).toEqual([]);
    listAgreements(on('2026-11-03'));
    expect(store.ctx.db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(rows);
    expect(expiryAudit()).toHaveLength(1);
  });

  it('the status and its audit row land together: if the audit row cannot be written, the version stays active', () => {
    const { agreementId } = activeAgreement(store.ctx, readingAgreement({ expires: '2026-10-31', destroyBy: '2026-11-30' }));
    store.ctx.db.exec(`CREATE TEMP TRIGGER refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log unavailable'); END`);
    expect(() => listAgreements(on('2026-11-01'))).toThrow(/audit log unavailable/);
    expect(statusOf(agreementId)).toBe('active');
    store.ctx.db.exec('DROP TRIGGER refuse_audit');
    expect(expireEndedAgreements(on('2026-11-01'))).toHaveLength(1);
    expect(statusOf(agreementId)).toBe('expired');
  });
});

describe('steward opening a district store', () => {
  it('records versions whose term ended since the last run as expired before running the command', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'steward-expiry-'));
    try {
      const path = join(dir, 'district.db');
      const env = { STEWARD_PASSPHRASE: 'correct horse battery staple', STEWARD_ACTOR: 'maria' };
      const db = openStore({ path, key: createPassphraseKey(path, env.STEWARD_PASSPHRASE), mode: 'district', create: true });
      // Put in force on 2026-09-15 for a term that ended on 2026-10-31; the CLI runs on the real clock, later than that.
      const seeding = createContext({ db, mode: 'district', storePath: path, actor: 'seed', now: () => new Date('2026-09-15T12:00:00Z') });
      seedAgreementDistrict(seeding, 5);
      const { agreementId } = activeAgreement(seeding, readingAgreement({ expires: '2026-10-31', destroyBy: '2026-11-30' }));
      db.close();
      let out = '';
      const code = await runCli(commands, ['audit', 'list', '--action', 'agreement.expire', '--format', 'csv', '--db', path], { out: (t) => { out += t; }, err: () => undefined, isTty: false, env, cwd: dir });
      expect(code).toBe(Exit.ok);
      expect(out).toContain('cli:maria');
      expect(out).toContain(agreementId);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
