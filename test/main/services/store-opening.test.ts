import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareOpenedStore } from '../../../main/services/store-opening';
import { tempStore, type TempStore } from '../../helpers/temp-store';
import { deadPid, leftover } from '../../helpers/import-leftover';
import { readingAgreement, seedAgreementDistrict } from '../../helpers/agreement-district';
import { activeAgreement } from './package-setup';

/**
 * What opening a store does before its first request, the same in the app's service host and the
 * CLI (both call prepareOpenedStore): each kind of store gets its own step, never the other's.
 */
const stores: TempStore[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.cleanup()));
const open = (mode: 'district' | 'partner') => {
  const s = tempStore(mode);
  stores.push(s);
  return s;
};
const actions = (s: TempStore) => s.ctx.db.prepare('SELECT action FROM audit_log ORDER BY seq').pluck().all();

describe('opening a store', () => {
  it('a partner workspace: the decrypted folder a crashed import left beside it is gone, and the audit log says so', () => {
    const ws = open('partner');
    const crashed = leftover(ws.dir, `.steward-incoming-${deadPid()}-a1b2c3d4e5f6`);
    expect(prepareOpenedStore(ws.ctx)).toBe(ws.ctx);
    expect(existsSync(crashed)).toBe(false);
    expect(actions(ws)).toEqual(['import-leftovers.delete']);
  });

  it('a district store: versions whose term ended are recorded as expired, and nothing beside it is touched', () => {
    const district = open('district');
    seedAgreementDistrict(district.ctx, 5);
    const { agreementId } = activeAgreement(district.ctx, readingAgreement({ expires: '2026-10-31', destroyBy: '2026-11-30' }));
    const stray = leftover(district.dir, `.steward-incoming-${deadPid()}-a1b2c3d4e5f6`);
    prepareOpenedStore({ ...district.ctx, now: () => new Date('2026-11-02T09:00:00Z') });
    expect(district.ctx.db.prepare('SELECT status FROM agreement_versions WHERE agreement_id = ?').pluck().get(agreementId)).toBe('expired');
    expect(existsSync(stray)).toBe(true);
    expect(actions(district)).not.toContain('import-leftovers.delete');
  });
});
