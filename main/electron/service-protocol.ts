import type { Reply, ReplyError } from '../../shared/api/result';
import { eventNames, type EventName } from '../../shared/api/events';
import type { StoreMode } from '../../shared/api/store-api';

/**
 * Messages between the Electron main process and the service host (a utilityProcess running the
 * SQL and crypto, so the main process never blocks). They travel over a MessagePort created by
 * main and handed to the host at start-up; the store key travels only this way (never argv or env).
 */
export type ToHost =
  | {
      type: 'open';
      /** Which kind of store is at storePath: opened in any other mode, it is refused (db/connection.ts). */
      mode: StoreMode;
      storePath: string;
      /** The 32-byte store key. Zeroed by the host once the store is open. */
      key: Uint8Array;
      actor: string;
      /** The Electron-ABI build of the SQLite module in a packaged app (scripts/rebuild-native-for-electron.js). */
      nativeBinding?: string;
      /** District, first run: build the demo district at storePath before opening it. */
      createDemo?: { students: number; seed: number };
      /** Partner, first run: create an empty workspace at storePath if there is none. */
      createWorkspace?: true;
    }
  | { type: 'invoke'; id: number; channel: string; args: unknown }
  | { type: 'shutdown' };

export type FromHost =
  | { type: 'opened'; createdDemo: boolean }
  | { type: 'open-failed'; error: ReplyError }
  | { type: 'reply'; id: number; reply: Reply<unknown> }
  | { type: 'event'; event: EventName; payload: unknown };

/** The task id of the first-run demo build, in its 'import-progress' events. */
export const FIRST_RUN_TASK_ID = 'first-run-demo';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** Shape check of what arrives at the host; anything else is dropped. */
export function parseToHost(msg: unknown): ToHost | null {
  if (!isRecord(msg)) return null;
  switch (msg.type) {
    case 'open':
      if (typeof msg.storePath !== 'string' || !(msg.key instanceof Uint8Array) || msg.key.length !== 32 || typeof msg.actor !== 'string') return null;
      // A demo district is never built as a workspace, nor a workspace created in district mode.
      if (msg.mode === 'district' ? msg.createWorkspace !== undefined : msg.mode !== 'partner' || msg.createDemo !== undefined) return null;
      return msg as ToHost;
    case 'invoke':
      if (typeof msg.id !== 'number' || typeof msg.channel !== 'string') return null;
      return msg as ToHost;
    case 'shutdown':
      return { type: 'shutdown' };
    default:
      return null;
  }
}

/** Shape check of what arrives in main from the host. */
export function parseFromHost(msg: unknown): FromHost | null {
  if (!isRecord(msg)) return null;
  switch (msg.type) {
    case 'opened':
      return { type: 'opened', createdDemo: msg.createdDemo === true };
    case 'open-failed':
      return isRecord(msg.error) && typeof msg.error.message === 'string' ? (msg as FromHost) : null;
    case 'reply':
      return typeof msg.id === 'number' && isRecord(msg.reply) && typeof msg.reply.ok === 'boolean' ? (msg as FromHost) : null;
    case 'event':
      return typeof msg.event === 'string' && (eventNames as string[]).includes(msg.event) ? (msg as FromHost) : null;
    default:
      return null;
  }
}
