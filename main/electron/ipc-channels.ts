/**
 * The two Electron IPC channel names. The preload repeats them as literals (a sandboxed preload
 * cannot require local files); test/main/electron/preload.test.ts checks they agree.
 */
export const INVOKE_CHANNEL = 'steward:invoke';
export const EVENT_CHANNEL = 'steward:event';
