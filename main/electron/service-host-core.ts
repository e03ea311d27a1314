import { existsSync } from 'node:fs';
import { openStore as defaultOpenStore } from '../db/connection';
import { createContext, type ServiceContext } from '../services/context';
import { prepareOpenedStore } from '../services/store-opening';
import { dispatch as defaultDispatch } from '../ipc/dispatch';
import { isStewardError, type ReplyError } from '../../shared/api/result';
import type { createDemoDistrict } from '../services/demo-service';
import { logError } from '../services/log';
import { FIRST_RUN_TASK_ID, parseToHost, type FromHost, type ToHost } from './service-protocol';
import { storeNoun } from './store-choice-policy';
import type { StoreMode } from '../../shared/api/store-api';

/**
 * The service host's logic, free of Electron so it runs (and is tested) under plain Node:
 * receives 'open' (mode, path + key), then answers 'invoke' messages with dispatch() — the same
 * handler map the CLI's services and the e2e bridge use. service-host.ts binds it to the port.
 * One host opens one store: the app switches stores by starting a new host (store-session.ts).
 */
export interface HostPort {
  post(msg: FromHost): void;
  onMessage(listener: (msg: unknown) => void): void;
  close(): void;
}

export type CreateDemo = typeof createDemoDistrict;

export interface HostDeps {
  openStore?: typeof defaultOpenStore;
  dispatch?: typeof defaultDispatch;
  /** Builds the demo district on first run (main/services/demo-service.ts). */
  createDemo?: CreateDemo;
}

export function runServiceHost(port: HostPort, deps: HostDeps = {}): void {
  const open = deps.openStore ?? defaultOpenStore;
  const run = deps.dispatch ?? defaultDispatch;
  let ctx: ServiceContext | null = null;
  let opening = false;
  /** The mode asked for, for the words of "not open yet" before the store is open. */
  let mode: StoreMode | null = null;

  const emit: ServiceContext['emit'] = (event, payload) => port.post({ type: 'event', event, payload });

  async function handleOpen(msg: Extract<ToHost, { type: 'open' }>): Promise<void> {
    if (ctx || opening) {
      port.post({ type: 'open-failed', error: { code: 'INVALID_STATE', message: 'The store is already open.' } });
      return;
    }
    opening = true;
    mode = msg.mode;
    const key = Buffer.from(msg.key);
    try {
      let createdDemo = false;
      if (msg.createDemo && !existsSync(msg.storePath)) {
        if (!deps.createDemo) throw new Error('demo generator unavailable');
        await deps.createDemo({
          path: msg.storePath,
          key,
          students: msg.createDemo.students,
          seed: msg.createDemo.seed,
          onProgress: (p) => emit('import-progress', { taskId: FIRST_RUN_TASK_ID, phase: p.phase, done: p.done, total: p.total }),
        });
        createdDemo = true;
      }
      const create = msg.createWorkspace === true && !existsSync(msg.storePath);
      const db = open({ path: msg.storePath, key, mode: msg.mode, create, ...(msg.nativeBinding ? { nativeBinding: msg.nativeBinding } : {}) });
      // Before the first request: expired agreements recorded (district), a crashed import's decrypted folder swept (partner).
      ctx = prepareOpenedStore(createContext({ db, mode: msg.mode, storePath: msg.storePath, actor: msg.actor, emit }));
      port.post({ type: 'opened', createdDemo });
    } catch (e) {
      port.post({ type: 'open-failed', error: openError(e, msg.mode) });
    } finally {
      // SQLCipher keeps its own copy; ours is no longer needed.
      key.fill(0);
      msg.key.fill(0);
      opening = false;
    }
  }

  async function handleInvoke(msg: Extract<ToHost, { type: 'invoke' }>): Promise<void> {
    if (!ctx) {
      port.post({ type: 'reply', id: msg.id, reply: { ok: false, error: { code: 'STORE_LOCKED', message: `The ${mode ? storeNoun(mode) : 'store'} is not open yet. Wait a moment and try again.` } } });
      return;
    }
    port.post({ type: 'reply', id: msg.id, reply: await run(ctx, msg.channel, msg.args) });
  }

  port.onMessage((raw) => {
    const msg = parseToHost(raw);
    if (!msg) return;
    if (msg.type === 'open') void handleOpen(msg);
    else if (msg.type === 'invoke') void handleInvoke(msg);
    else {
      try { ctx?.db.close(); } catch (e) { logError('closing the store', e); }
      ctx = null;
      port.close();
    }
  });
}

/** A failure to open, as a reply error: StewardErrors keep their words; anything else stays generic (no data in it). */
function openError(e: unknown, mode: StoreMode): ReplyError {
  if (isStewardError(e)) return { code: e.code, message: e.message };
  logError('opening the store', e);
  return { code: 'INTERNAL', message: `Steward could not open the ${storeNoun(mode)}. The details are in the local log; please report them to your IT contact.` };
}
