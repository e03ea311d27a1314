import { afterEach, describe, expect, it } from 'vitest';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runServiceHost, type CreateDemo } from '../../../main/electron/service-host-core';
import { ServiceClient } from '../../../main/electron/service-client';
import { FIRST_RUN_TASK_ID } from '../../../main/electron/service-protocol';
import { openStore } from '../../../main/db/connection';
import { createContext } from '../../../main/services/context';
import { activeAgreement } from '../services/package-setup';
import { readingAgreement, seedAgreementDistrict } from '../../helpers/agreement-district';
import type { DistrictSummary } from '../../../shared/api/students-api';

/** The host and main's client, joined by a real MessageChannel (Electron's is the same shape), over a real encrypted store. */
function connect(deps: Parameters<typeof runServiceHost>[1] = {}) {
  const { port1, port2 } = new MessageChannel();
  const on = (p: MessagePort) => (listener: (m: unknown) => void) => { p.on('message', listener); };
  runServiceHost({ post: (m) => port2.postMessage(m), onMessage: on(port2), close: () => port2.close() }, deps);
  const client = new ServiceClient({ post: (m) => port1.postMessage(m), onMessage: on(port1) });
  return { client, close: () => { port1.close(); port2.close(); } };
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
    await expect(client.open({ storePath: store.path, key: new Uint8Array(store.key), actor: 'app:test' })).resolves.toBe(false);
    const reply = await client.invoke('district-summary', {});
    expect(reply.ok).toBe(true);
    expect(reply.ok && (reply.value as DistrictSummary).districtName).toBe('Maple Valley Unified');
  });

  it('turns bad arguments and unknown channels into BAD_INPUT replies, not crashes', async () => {
    const store = newStore();
    const { client, close } = connect();
    closers.push(() => { client.shutdown(); close(); });
    await client.open({ storePath: store.path, key: new Uint8Array(store.key), actor: 'app:test' });
    const bad = await client.invoke('students-list', { offset: -1, limit: 10 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', where: { field: 'offset' } } });
    expect(await client.invoke('drop-everything', {})).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('reports a wrong key as WRONG_PASSPHRASE, and later requests get the same error', async () => {
    const store = newStore();
    const { client, close } = connect();
    closers.push(close);
    await expect(client.open({ storePath: store.path, key: new Uint8Array(32).fill(1), actor: 'app:test' })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
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
    await expect(client.open({ storePath: path, key: new Uint8Array(randomBytes(32)), actor: 'app:test', createDemo: { students: 10, seed: 1 } })).resolves.toBe(true);
    expect(events).toEqual([
      { event: 'import-progress', payload: { taskId: FIRST_RUN_TASK_ID, phase: 'generating', done: 0, total: 2 } },
      { event: 'import-progress', payload: { taskId: FIRST_RUN_TASK_ID, phase: 'importing', done: 2, total: 2 } },
    ]);
  });

  it('fails pending and later requests plainly when the host process dies', async () => {
    const store = newStore();
    const { client, close } = connect();
    closers.push(close);
    await client.open({ storePath: store.path, key: new Uint8Array(store.key), actor: 'app:test' });
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
    await client.open({ storePath: path, key: new Uint8Array(key), actor: 'app:test' });
    const check = openStore({ path, key, mode: 'district' });
    try {
      expect(check.prepare('SELECT status FROM agreement_versions WHERE agreement_id = ?').pluck().get(agreementId)).toBe('expired');
      expect(check.prepare(`SELECT actor FROM audit_log WHERE action = 'agreement.expire'`).pluck().all()).toEqual(['app:test']);
    } finally {
      check.close();
    }
  });
});
