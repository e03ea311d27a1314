/**
 * The preload: exposes exactly one object, `window.steward` (shared/api/bridge.ts), through
 * contextBridge. It never hands out ipcRenderer or an IPC event object. It runs sandboxed, where
 * `require` knows only 'electron' and a few built-ins, so it must not import local files at
 * runtime (type imports vanish when compiled). Channel names repeat main/electron/ipc-channels.ts;
 * test/main/electron/preload.test.ts keeps them in step.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { StewardBridge } from '../shared/api/bridge';
import type { Reply } from '../shared/api/result';

const INVOKE_CHANNEL = 'steward:invoke';
const EVENT_CHANNEL = 'steward:event';

const bridge: StewardBridge = {
  invoke(channel, args) {
    return ipcRenderer.invoke(INVOKE_CHANNEL, String(channel), args) as Promise<Reply<unknown>>;
  },
  subscribe(event, listener) {
    if (typeof listener !== 'function') throw new TypeError('subscribe needs a listener function');
    const name = String(event);
    // Only the payload crosses into the page; the IPC event object stays here.
    const relay = (_e: IpcRendererEvent, msg: unknown) => {
      const m = msg as { event?: unknown; payload?: unknown } | null;
      if (m && m.event === name) (listener as (payload: unknown) => void)(m.payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, relay);
    };
  },
};

contextBridge.exposeInMainWorld('steward', bridge);
