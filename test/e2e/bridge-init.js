// Runs in the page before the app (page.addInitScript): defines window.steward exactly as
// main/preload.ts does (one frozen object, invoke + subscribe, payloads only), but over
// Playwright's exposeBinding('__stewardInvoke') instead of Electron IPC. The harness delivers
// push events by calling __stewardDeliver. Plain JS: it runs in the browser, untranspiled.
(() => {
  const listeners = new Map();
  const bridge = {
    invoke(channel, args) {
      return globalThis.__stewardInvoke(String(channel), args);
    },
    subscribe(event, listener) {
      if (typeof listener !== 'function') throw new TypeError('subscribe needs a listener function');
      const name = String(event);
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      const relay = (payload) => listener(payload);
      set.add(relay);
      return () => {
        set.delete(relay);
      };
    },
  };
  Object.defineProperty(globalThis, '__stewardDeliver', {
    value: (event, payload) => {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
  });
  Object.defineProperty(globalThis, 'steward', { value: Object.freeze(bridge), enumerable: true });
})();
