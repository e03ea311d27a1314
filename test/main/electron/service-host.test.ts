import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runServiceHost, type CreateDemo } from '../../../main/electron/service-host-core';
import { ServiceClient } from '../../../main/electron/service-client';
import { hostOverChannel } from './host-channel';
import { FIRST_RUN_TASK_ID, parseToHost } from '../../../main/electron/service-protocol';
import { openStore } from '../../../main/db/connection';
import { createContext } from '../../../main/services/context';
import { activeAgreement } from '../services/package-setup';
import { readingAgreement, seedAgreementDistrict } from '../../helpers/agreement-district';
import type { DistrictSummary } from '../../../shared/api/students-api';
import type { StoreInfo } from '../../../shared/api/store-api';
import { deadPid, leftover } from '../../helpers/import-leftover';

/** The host and main's client, joined by a real MessageChannel, over a real encrypted store. */
function connect(deps: Parameters<typeof runServiceHost>[1] = {}) {
  const host = hostOverChannel(deps);
  return { client: new ServiceClient(host.port), close: host.close };
}

const dirs: string[] = [];
const closers: (() => void)[] = [];
afterEach(() => {
  closers.splice(0).forEach((c) => c());
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

function newStore(): { path: string; key: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'steward-host-'));
  dirs.push(dir);
  const path = join(dir, 'district.db');
  const key = randomBytes(32);
  const db = openStore({ path, key, mode: 'district', create: true });
  db.prepare(`INSERT INTO orgs (id, name, type) VALUES ('d1', 'Maple Valley Unified', 'district')`).run();
  db.close();
  return { path, key };
}

describe('service host over a message port', () => {
  it('opens the store with the key sent over the port and answers requests through dispatch', async () => {
    const store = newStore();
    const { client, close } = connect();
    closers.push(() => { client.shutdown(); close(); });
    await expect(client.open({ mode: 'district', storePath: store.path, key: new Uint8Array(store.key), actor: 'app:test' })).resolves.toBe(false);
    const reply = await client.invoke('district-summary', {});
    expect(reply.ok).toBe(true);
    expect(reply.ok && (reply.value as DistrictSummary).districtName).toBe('Maple Valley Unified');
  });

  it('turns bad arguments and unknown channels into BAD_INPUT replies, not crashes', async () => {
    const store = newStore();
    const { client, close } = connect();
    closers.push(() => { client.shutdown(); close(); });
    await client.open({ mode: 'district', storePath: store.path, key: new Uint8Array(store.key), actor: 'app:test' });
    const bad = await client.invoke('students-list', { offset: -1, limit: 10 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', where: { field: 'offset' } } });
    expect(await client.invoke('drop-everything', {})).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('reports a wrong key as WRONG_PASSPHRASE, and later requests get the same error', async () => {
    const store = newStore();
    const { client, close } = connect();
    closers.push(close);
    await expect(client.open({ mode: 'district', storePath: store.path, key: new Uint8Array(32).fill(1), actor: 'app:test' })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    expect(await client.invoke('district-summary', {})).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
  });

  it('builds the demo on first run and relays its progress as import-progress events', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'steward-host-'));
    dirs.push(dir);
    const path = join(dir, 'district.db');
    // A small, quick stand-in for main/services/demo-service.ts (the real one is exercised by
    // the e2e setup): makes a real store and reports progress under its own task id.
    const createDemo: CreateDemo = async ({ path: p, key, onProgress }) => {
      onProgress?.({ taskId: 'demo', phase: 'generating', done: 0, total: 2 });
      openStore({ path: p, key, mode: 'district', create: true }).close();
      onProgress?.({ taskId: 'demo', phase: 'importing', done: 2, total: 2 });
      return { students: 0, ms: 1 };
    };
    const { client, close } = connect({ createDemo });
    closers.push(() => { client.shutdown(); close(); });
    const events: unknown[] = [];
    client.onEvent((event, payload) => events.push({ event, payload }));
    await expect(client.open({ mode: 'district', storePath: path, key: new Uint8Array(randomBytes(32)), actor: 'app:test', createDemo: { students: 10, seed: 1 } })).resolves.toBe(true);
    expect(events).toEqual([
      { event: 'import-progress', payload: { taskId: FIRST_RUN_TASK_ID, phase: 'generating', done: 0, total: 2 } },
      { event: 'import-progress', payload: { taskId: FIRST_RUN_TASK_ID, phase: 'importing', done: 2, total: 2 } },
    ]);
  });

  it('fails pending and later requests plainly when the host process dies', async () => {
    const store = newStore();
    const { client, close } = connect();
    closers.push(close);
    await client.open({ mode: 'district', storePath: store.path, key: new Uint8Array(store.key), actor: 'app:test' });
    const pending = client.invoke('district-summary', {});
    client.hostExited();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(/Restart Steward/) } });
    expect(await client.invoke('district-summary', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('records versions whose term ended while the app was closed as expired when it opens the store, before any request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'steward-host-'));
    dirs.push(dir);
    const path = join(dir, 'district.db');
    const key = randomBytes(32);
    const db = openStore({ path, key, mode: 'district', create: true });
    // Put in force on 2026-09-15 for a term that ended on 2026-10-31; the host opens it with the real clock, later than that.
    const seeding = createContext({ db, mode: 'district', storePath: path, actor: 'seed', now: () => new Date('2026-09-15T12:00:00Z') });
    seedAgreementDistrict(seeding, 5);
    const { agreementId } = activeAgreement(seeding, readingAgreement({ expires: '2026-10-31', destroyBy: '2026-11-30' }));
    db.close();
    const { client, close } = connect();
    closers.push(() => { client.shutdown(); close(); });
    await client.open({ mode: 'district', storePath: path, key: new Uint8Array(key), actor: 'app:test' });
    const check = openStore({ path, key, mode: 'district' });
    try {
      expect(check.prepare('SELECT status FROM agreement_versions WHERE agreement_id = ?').pluck().get(agreementId)).toBe('expired');
      expect(check.prepare(`SELECT actor FROM audit_log WHERE action = 'agreement.expire'`).pluck().all()).toEqual(['app:test']);
    } finally {
      check.close();
    }
  });
});

describe('service host over a message port: a partner workspace', () => {
  function emptyDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'steward-host-'));
    dirs.push(dir);
    return dir;
  }

  it('creates the workspace on first run, opens it in partner mode, and answers only partner channels', async () => {
    const path = join(emptyDir(), 'partner.db');
    const key = randomBytes(32);
    const { client, close } = connect();
    closers.push(() => { client.shutdown(); close(); });
    await expect(client.open({ mode: 'partner', storePath: path, key: new Uint8Array(key), actor: 'app:test', createWorkspace: true })).resolves.toBe(false);
    expect(await client.invoke('store-info', {})).toEqual({ ok: true, value: { mode: 'partner', organizationName: null } satisfies StoreInfo });
    expect(await client.invoke('destructions-list', {})).toEqual({ ok: true, value: [] });
    expect(await client.invoke('students-list', { offset: 0, limit: 10 })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/district store, not in a partner workspace/) } });
    // A real partner workspace, encrypted with the key sent over the port.
    openStore({ path, key, mode: 'partner' }).close();
  });

  it('sweeps the decrypted folder a crashed import left beside the workspace before the first request, and logs it', async () => {
    const dir = emptyDir();
    const path = join(dir, 'partner.db');
    const key = randomBytes(32);
    openStore({ path, key, mode: 'partner', create: true }).close();
    const crashed = leftover(dir, `.steward-incoming-${deadPid()}-a1b2c3d4e5f6`);
    const { client, close } = connect();
    closers.push(() => { client.shutdown(); close(); });
    await client.open({ mode: 'partner', storePath: path, key: new Uint8Array(key), actor: 'app:dana' });
    expect(existsSync(crashed)).toBe(false);
    const audit = await client.invoke('audit-list', { offset: 0, limit: 10, action: 'import-leftovers.delete' });
    expect(audit).toMatchObject({ ok: true, value: { total: 1, rows: [{ actor: 'app:dana', summary: { folders: 1, files: 2, failed: 0 } }] } });
  });

  it('never opens the district store as a partner workspace, nor creates one over it', async () => {
    const store = newStore();
    const { client, close } = connect();
    closers.push(close);
    await expect(client.open({ mode: 'partner', storePath: store.path, key: new Uint8Array(store.key), actor: 'app:test', createWorkspace: true }))
      .rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringMatching(/is a district store, not a partner store/) });
  });

  it('names the partner workspace, not the district store, when it cannot open it', async () => {
    const { client, close } = connect({ openStore: () => { throw new Error('disk on fire'); } });
    closers.push(close);
    const failed = client.open({ mode: 'partner', storePath: join(emptyDir(), 'partner.db'), key: new Uint8Array(32), actor: 'app:test', createWorkspace: true });
    await expect(failed).rejects.toEqual({ code: 'INTERNAL', message: expect.stringMatching(/^Steward could not open the partner workspace\./) });
    await expect(failed).rejects.not.toMatchObject({ message: expect.stringMatching(/district|disk on fire/) });
  });

  it('drops an open message that would build the demo district as a workspace, or names no mode', () => {
    const open = { type: 'open', storePath: '/x/partner.db', key: new Uint8Array(32), actor: 'app:test' };
    expect(parseToHost({ ...open, mode: 'partner', createWorkspace: true })).not.toBeNull();
    expect(parseToHost({ ...open, mode: 'district', createDemo: { students: 1, seed: 1 } })).not.toBeNull();
    expect(parseToHost({ ...open, mode: 'partner', createDemo: { students: 1, seed: 1 } })).toBeNull();
    expect(parseToHost({ ...open, mode: 'district', createWorkspace: true })).toBeNull();
    expect(parseToHost(open)).toBeNull();
    expect(parseToHost({ ...open, mode: 'admin' })).toBeNull();
  });
});
