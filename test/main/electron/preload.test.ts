import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import ts from 'typescript';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../../main/electron/ipc-channels';

const source = readFileSync(join(__dirname, '../../../main/preload.ts'), 'utf8');

/**
 * Runs the compiled preload the way Electron's sandbox does: a CommonJS function whose `require`
 * knows only 'electron'. contextBridge and ipcRenderer are recorders (no Electron binary here).
 */
function loadPreload() {
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const exposed: Record<string, unknown> = {};
  const listeners = new Map<string, ((e: unknown, msg: unknown) => void)[]>();
  const invoked: unknown[][] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (name: string, api: unknown) => { exposed[name] = api; } },
    ipcRenderer: {
      invoke: (...a: unknown[]) => { invoked.push(a); return Promise.resolve({ ok: true, value: 1 }); },
      on: (ch: string, l: (e: unknown, msg: unknown) => void) => { listeners.set(ch, [...(listeners.get(ch) ?? []), l]); },
      removeListener: (ch: string, l: unknown) => { listeners.set(ch, (listeners.get(ch) ?? []).filter((x) => x !== l)); },
    },
  };
  const sandboxRequire = (id: string) => {
    if (id === 'electron') return electron;
    throw new Error(`module not found: ${id}`);
  };
  const module = { exports: {} };
  runInNewContext(js, { require: sandboxRequire, module, exports: module.exports });
  return { exposed, listeners, invoked };
}

describe('preload bridge', () => {
  it('runs as a sandboxed CommonJS script that requires nothing but electron', () => {
    expect(() => loadPreload()).not.toThrow();
    const runtimeImports = [...source.matchAll(/^import\s+(?!type\b)[^;]*from\s+'([^']+)'/gm)].map((m) => m[1]);
    expect(runtimeImports).toEqual(['electron']);
  });

  it('exposes exactly one object, window.steward, with invoke and subscribe only', () => {
    const { exposed } = loadPreload();
    expect(Object.keys(exposed)).toEqual(['steward']);
    expect(Object.keys(exposed.steward as object).sort()).toEqual(['invoke', 'subscribe']);
  });

  it('uses the channel names main listens on', async () => {
    const { exposed, invoked, listeners } = loadPreload();
    const bridge = exposed.steward as { invoke(c: string, a: unknown): Promise<unknown>; subscribe(e: string, l: (p: unknown) => void): () => void };
    await bridge.invoke('students-list', { offset: 0 });
    expect(invoked).toEqual([[INVOKE_CHANNEL, 'students-list', { offset: 0 }]]);
    bridge.subscribe('import-progress', () => undefined);
    expect([...listeners.keys()]).toEqual([EVENT_CHANNEL]);
  });

  it('hands listeners the payload only (never the IPC event), filters by event name, and unsubscribes', () => {
    const { exposed, listeners } = loadPreload();
    const bridge = exposed.steward as { subscribe(e: string, l: (...args: unknown[]) => void): () => void };
    const got: unknown[][] = [];
    const off = bridge.subscribe('import-progress', (...args) => got.push(args));
    const fire = (msg: unknown) => (listeners.get(EVENT_CHANNEL) ?? []).forEach((l) => l({ sender: 'ipc-event-object' }, msg));
    fire({ event: 'import-progress', payload: { done: 1 } });
    fire({ event: 'export-progress', payload: { done: 2 } });
    off();
    fire({ event: 'import-progress', payload: { done: 3 } });
    expect(got).toEqual([[{ done: 1 }]]);
  });
});
