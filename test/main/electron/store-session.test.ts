import { afterEach, describe, expect, it, vi } from 'vitest';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readStartupFacts, StoreSession } from '../../../main/electron/store-session';
import { decideStartup } from '../../../main/electron/store-choice-policy';
import type { CreateDemo } from '../../../main/electron/service-host-core';
import { openStore } from '../../../main/db/connection';
import { dispatch } from '../../../main/ipc/dispatch';
import type { Reply } from '../../../shared/api/result';
import type { StoreInfo } from '../../../shared/api/store-api';
import { hostOverChannel, type HostOverChannel } from './host-channel';

/**
 * The desktop app's choice of store, end to end below Electron: real service hosts (over
 * MessageChannels instead of utility processes) opening real encrypted stores in a user-data
 * folder. Only the key's wrapping differs: the OS keychain (store-key.ts) is stood in for by a
 * map from key file to key, which also records which key file each store asked for.
 */
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));

/** A small stand-in for the 16,000-student demo: a real district store with its name, and progress events. */
const createDemo: CreateDemo = async ({ path, key, onProgress }) => {
  onProgress?.({ taskId: 'demo', phase: 'importing', done: 1, total: 1 });
  const db = openStore({ path, key, mode: 'district', create: true });
  db.prepare(`INSERT INTO orgs (id, name, type) VALUES ('d1', 'Maple Valley Unified', 'district')`).run();
  db.close();
  return { students: 0, ms: 1 };
};

function setup(opts: { dispatch?: typeof dispatch; refuseKey?: (keyFile: string) => boolean } = {}) {
  const userData = mkdtempSync(join(tmpdir(), 'steward-userdata-'));
  const keychain = new Map<string, Buffer>();
  const keyRequests: string[][] = [];
  const hosts: HostOverChannel[] = [];
  const stores = new StoreSession({
    userData,
    choiceFile: join(userData, 'store-choice.json'),
    loadKey: (storePath, keyFile) => {
      keyRequests.push([storePath, keyFile]);
      if (opts.refuseKey?.(keyFile)) throw new Error(`The key file ${keyFile} is damaged (not JSON). Restore it from a backup taken with the store.`);
      if (!keychain.has(keyFile)) keychain.set(keyFile, randomBytes(32));
      return Buffer.from(keychain.get(keyFile)!); // the session wipes its copy
    },
    startHost: () => {
      const host = hostOverChannel({ createDemo, ...(opts.dispatch ? { dispatch: opts.dispatch } : {}) });
      hosts.push(host);
      return host.port;
    },
    actor: 'app:dana',
    demo: { students: 10, seed: 1 },
  });
  cleanups.push(() => rmSync(userData, { recursive: true, force: true }));
  cleanups.push(() => { stores.shutdown(); hosts.forEach((h) => h.close()); });
  const info = async () => ((await stores.services.invoke('store-info', {})) as Reply<StoreInfo>);
  const remembered = () => decideStartup(readStartupFacts(userData, join(userData, 'store-choice.json')));
  return { userData, stores, hosts, keyRequests, keychain, info, remembered, at: (f: string) => join(userData, f) };
}

describe('the app\'s store: district store or partner workspace', () => {
  it('first run as a partner: an empty workspace with its own key file, remembered, and the shell reads that it is a partner workspace', async () => {
    const s = setup();
    expect(s.remembered()).toEqual({ kind: 'ask' });
    await expect(s.stores.open('partner')).resolves.toBe(false);
    expect(await s.info()).toEqual({ ok: true, value: { mode: 'partner', organizationName: null } });
    expect(s.keyRequests).toEqual([[s.at('partner.db'), s.at('partner.key.json')]]);
    expect(existsSync(s.at('partner.db'))).toBe(true);
    expect(existsSync(s.at('district.db'))).toBe(false);
    expect(s.remembered()).toEqual({ kind: 'open', mode: 'partner' });
    // The next start opens the same workspace with the same key.
    openStore({ path: s.at('partner.db'), key: s.keychain.get(s.at('partner.key.json'))!, mode: 'partner' }).close();
  });

  it('switches district → partner → district: each store with its own key, the old host shut down, district data untouched', async () => {
    const s = setup();
    await expect(s.stores.open('district')).resolves.toBe(true); // the demo district was built
    expect(await s.info()).toEqual({ ok: true, value: { mode: 'district', organizationName: 'Maple Valley Unified' } });
    expect(s.stores.switchDecision()).toMatchObject({ kind: 'confirm', target: 'partner', question: { detail: expect.stringMatching(/empty, encrypted workspace is created/) } });

    await s.stores.switchTo('partner');
    expect(s.hosts.map((h) => h.closed)).toEqual([true, false]);
    expect(s.stores.mode).toBe('partner');
    expect(await s.info()).toMatchObject({ ok: true, value: { mode: 'partner' } });
    expect(await s.stores.services.invoke('students-list', { offset: 0, limit: 10 })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/district store, not in a partner workspace/) } });
    expect(s.remembered()).toEqual({ kind: 'open', mode: 'partner' });

    expect(s.stores.switchDecision()).toMatchObject({ kind: 'confirm', target: 'district', question: { message: 'Open the district store?' } });
    await s.stores.switchTo('district');
    expect(await s.info()).toEqual({ ok: true, value: { mode: 'district', organizationName: 'Maple Valley Unified' } });
    expect(s.keyRequests.map(([, keyFile]) => keyFile)).toEqual([s.at('district.key.json'), s.at('partner.key.json'), s.at('district.key.json')]);
    expect(s.keychain.get(s.at('district.key.json'))!.equals(s.keychain.get(s.at('partner.key.json'))!)).toBe(false);
    expect(s.remembered()).toEqual({ kind: 'open', mode: 'district' });
  });

  it('keeps relaying events after a switch (the first-run build of the district in the new host)', async () => {
    const s = setup();
    const events: string[] = [];
    s.stores.services.onEvent((event, payload) => events.push(`${event}:${(payload as { taskId: string }).taskId}`));
    await s.stores.open('partner');
    await s.stores.switchTo('district');
    expect(events).toEqual(['import-progress:first-run-demo']);
  });

  it('when the other store\'s key cannot be had, nothing changes: the open store stays open and remembered', async () => {
    const s = setup({ refuseKey: (f) => f.endsWith('partner.key.json') });
    await s.stores.open('district');
    expect(() => s.stores.switchTo('partner')).toThrow(/partner\.key\.json is damaged/);
    expect(s.hosts).toHaveLength(1);
    expect(s.stores.mode).toBe('district');
    expect(await s.info()).toMatchObject({ ok: true, value: { mode: 'district' } });
    expect(s.remembered()).toEqual({ kind: 'open', mode: 'district' });
    expect(existsSync(s.at('partner.db'))).toBe(false);
  });

  it('refuses to switch while the store is opening or a request is running; a request the old store never answered fails plainly', async () => {
    let release = (): void => undefined;
    const gate = new Promise<void>((r) => { release = r; });
    const s = setup({ dispatch: async (ctx, channel, args) => { if (channel === 'packages-list') await gate; return dispatch(ctx, channel, args); } });
    const opening = s.stores.open('district');
    expect(s.stores.switchDecision()).toMatchObject({ kind: 'refuse', question: { message: 'Steward is still working in the district store.' } });
    await opening;
    expect(s.stores.switchDecision().kind).toBe('confirm');

    const slow = s.stores.services.invoke('packages-list', {});
    await vi.waitFor(() => expect(s.stores.services.busy).toBe(true));
    expect(s.stores.switchDecision().kind).toBe('refuse');
    // The race the menu cannot rule out: the request was sent, then the store was switched anyway.
    await s.stores.switchTo('partner');
    expect(await slow).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', message: expect.stringMatching(/closed this store to open another one before this request finished/) } });
    release();
    expect(await s.info()).toMatchObject({ ok: true, value: { mode: 'partner' } });
    expect(s.stores.services.busy).toBe(false);
  });
});
