import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { StoreMode } from '../../shared/api/store-api';
import { storeFiles } from './app-paths';
import { ServiceClient, type ClientPort } from './service-client';
import { openPlan, parseStoreChoice, serializeStoreChoice, type StartupFacts } from './store-choice-policy';
import { switchDecision, type SwitchDecision } from './store-switch-policy';

/**
 * The store the app has open, and the switch to the other kind. One service host opens one store;
 * switching shuts it down and starts a new one on the other store's file with that store's own
 * key, through the same ServiceClient (so the IPC bridge and event forwarding stay as they are).
 * No Electron import: main.ts passes in the key loader (store-key.ts, safeStorage) and the host
 * starter (service-process.ts, utilityProcess); the tests pass in a host over a MessageChannel.
 */
export interface StoreSessionDeps {
  userData: string;
  /** Where the chosen mode is remembered (app-paths.ts storeChoice). */
  choiceFile: string;
  /** The store's key from its own key file, made with a new store's (store-key.ts). Throws when it cannot be had. */
  loadKey(storePath: string, keyFile: string): Buffer;
  /** Starts a service host process and connects to it. */
  startHost(): ClientPort;
  /** Who acts, for the audit log (`app:<user>`). */
  actor: string;
  nativeBinding?: string;
  /** The demo district a missing district store is built as. */
  demo: { students: number; seed: number };
}

/** What decideStartup needs, read from the user-data folder. */
export function readStartupFacts(userData: string, choiceFile: string): StartupFacts {
  let text: string | null = null;
  try {
    text = readFileSync(choiceFile, 'utf8');
  } catch {
    // None yet (or unreadable): the user is asked, or the one existing store opened.
  }
  return {
    remembered: parseStoreChoice(text),
    districtStoreExists: existsSync(storeFiles(userData, 'district').store),
    partnerStoreExists: existsSync(storeFiles(userData, 'partner').store),
  };
}

export class StoreSession {
  readonly services: ServiceClient;
  private current: StoreMode | null = null;

  constructor(private readonly deps: StoreSessionDeps) {
    this.services = new ServiceClient(deps.startHost());
  }

  /** The mode last opened (or being opened); null before the first open. */
  get mode(): StoreMode | null {
    return this.current;
  }

  /**
   * Opens `mode`'s store in the running host and remembers the choice. Throws before anything is
   * opened when the key cannot be had; the returned promise settles when the host has opened the
   * store (a failure there also reaches the window, as the reply to its requests).
   */
  open(mode: StoreMode): Promise<boolean> {
    const key = this.prepare(mode);
    return this.openWith(mode, key);
  }

  /** Whether the File menu may switch now, and what to ask (store-switch-policy.ts). */
  switchDecision(): SwitchDecision {
    const current = this.current ?? 'district';
    const target = current === 'district' ? 'partner' : 'district';
    return switchDecision({ current, busy: this.services.busy, targetExists: existsSync(storeFiles(this.deps.userData, target).store) });
  }

  /**
   * Closes the open store and opens `mode`'s in a new host. The key comes first: if it cannot be
   * had (no keyring, a damaged key file), this throws and the open store stays open, unchanged.
   */
  switchTo(mode: StoreMode): Promise<boolean> {
    const key = this.prepare(mode);
    this.services.replaceHost(this.deps.startHost());
    return this.openWith(mode, key);
  }

  shutdown(): void {
    this.services.shutdown();
  }

  /** The mode's key (it may throw: nothing has changed yet), then the choice is remembered. */
  private prepare(mode: StoreMode): Buffer {
    const files = storeFiles(this.deps.userData, mode);
    const key = this.deps.loadKey(files.store, files.storeKey);
    try {
      writeFileSync(this.deps.choiceFile, serializeStoreChoice(mode), { mode: 0o600 });
    } catch (e) {
      key.fill(0);
      throw e;
    }
    return key;
  }

  private openWith(mode: StoreMode, key: Buffer): Promise<boolean> {
    const { store } = storeFiles(this.deps.userData, mode);
    this.current = mode;
    const plan = openPlan(mode, existsSync(store), this.deps.demo);
    const opened = this.services.open({
      ...plan,
      storePath: store,
      key,
      actor: this.deps.actor,
      ...(this.deps.nativeBinding ? { nativeBinding: this.deps.nativeBinding } : {}),
    });
    // The host has its own copy (sent over the port); ours goes once the open settled.
    return opened.finally(() => key.fill(0));
  }
}
