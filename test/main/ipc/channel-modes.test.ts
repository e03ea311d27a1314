import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract, type ChannelName } from '../../../shared/api/contract';
import { channelModes } from '../../../shared/api/channel-modes';
import { dispatch } from '../../../main/ipc/dispatch';
import { handlers } from '../../../main/ipc/handlers';
import type { Handlers } from '../../../main/ipc/handler-types';
import { tempStore, type TempStore } from '../../helpers/temp-store';
import { identities, seedIdentity } from '../services/package-setup';

/**
 * The dispatcher answers a channel only in the store modes that have it. Default deny: partner
 * staff reach no district channel (students, consents, agreements, previews, disclosures...),
 * whatever the renderer asks, and the handler never runs.
 */
let district: TempStore;
let partner: TempStore;
beforeEach(() => {
  district = tempStore('district');
  partner = tempStore('partner');
});
afterEach(() => {
  district.cleanup();
  partner.cleanup();
});

const names = Object.keys(contract) as ChannelName[];
const partnerChannels = names.filter((n) => channelModes(n).includes('partner')).sort();

/** Handlers that would fail the test if they ran: a refused channel must not reach its handler. */
const tripwire = Object.fromEntries(names.map((n) => [n, () => { throw new Error(`handler ${n} ran`); }])) as unknown as Handlers;

describe('channels by store mode', () => {
  it('a partner workspace answers exactly its own channels; every other channel is the district\'s', () => {
    expect(partnerChannels).toEqual([
      'audit-facets', 'audit-list', 'audit-verify',
      'destruction-certificate-create', 'destruction-certificate-save', 'destructions-list', 'district-certificate-pin',
      'identity-create', 'identity-export-cert', 'identity-get',
      'package-import', 'package-verify', 'packages-list',
      'partner-dictionary-get', 'partner-records-list', 'store-info',
    ]);
    expect(channelModes('students-list')).toEqual(['district']);
  });

  it('refuses every district channel in a partner workspace, in plain words, before its handler runs', async () => {
    for (const name of names.filter((n) => !channelModes(n).includes('partner'))) {
      const reply = await dispatch(partner.ctx, name, {}, tripwire);
      expect(reply, name).toEqual({ ok: false, error: { code: 'INVALID_STATE', message: `The request '${name}' is done in the district store, not in a partner workspace.` } });
    }
  });

  it('refuses every partner-only channel in the district store, before its handler runs', async () => {
    for (const name of names.filter((n) => !channelModes(n).includes('district'))) {
      const reply = await dispatch(district.ctx, name, {}, tripwire);
      expect(reply, name).toEqual({ ok: false, error: { code: 'INVALID_STATE', message: `The request '${name}' is done in a partner workspace (steward init --partner), not in the district store.` } });
    }
  });

  it('lets the partner workspace read its audit log and the district read its students', async () => {
    expect(await dispatch(partner.ctx, 'audit-list', { offset: 0, limit: 10 })).toEqual({ ok: true, value: { rows: [], total: 0 } });
    expect(await dispatch(district.ctx, 'students-list', { offset: 0, limit: 10 }, handlers)).toEqual({ ok: true, value: { rows: [], total: 0 } });
  });

  it('store-info names the partner organisation once the workspace has its identity', async () => {
    expect(await dispatch(partner.ctx, 'store-info', {})).toEqual({ ok: true, value: { mode: 'partner', organizationName: null } });
    seedIdentity(partner.ctx, 'partner', 'ReadWell Tutoring', identities().partner);
    expect(await dispatch(partner.ctx, 'store-info', {})).toEqual({ ok: true, value: { mode: 'partner', organizationName: 'ReadWell Tutoring' } });
    expect(await dispatch(district.ctx, 'store-info', {})).toEqual({ ok: true, value: { mode: 'district', organizationName: null } });
  });
});
