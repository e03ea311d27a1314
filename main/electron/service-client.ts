import type { Reply, ReplyError } from '../../shared/api/result';
import type { EventName } from '../../shared/api/events';
import { parseFromHost, type ToHost } from './service-protocol';

/**
 * Main's side of the service host: correlates requests and replies over the port, forwards
 * push events, and fails every pending request plainly if the host dies. Switching stores
 * replaces the host (replaceHost): whatever the old one still sends is ignored, and event
 * listeners carry over to the new one. No Electron import: service-process.ts supplies the port.
 */
export interface ClientPort {
  post(msg: ToHost): void;
  onMessage(listener: (msg: unknown) => void): void;
  /** Called once when the host process has exited (service-process.ts). */
  onExit?(listener: () => void): void;
  /** Ends the host process at once: for a replaced host that did not exit when asked. */
  kill?(): void;
}

/**
 * How long a replaced host may take to close its store and exit after 'shutdown' before it is
 * killed. Closing checkpoints the WAL, which takes well under a second even for a large store;
 * a host still running after this is hung, and it would keep the old store's key in memory.
 */
export const REPLACED_HOST_GRACE_MS = 10_000;

export type OpenRequest = Omit<Extract<ToHost, { type: 'open' }>, 'type'>;

const HOST_GONE: ReplyError = {
  code: 'INTERNAL',
  message: 'The Steward service stopped unexpectedly. Nothing more was changed. Restart Steward; if it happens again, report it to your IT contact.',
};

/** A request still running when the user switched stores (the menu refuses while busy; this is the race). */
const SWITCHED: ReplyError = {
  code: 'INVALID_STATE',
  message: 'Steward closed this store to open another one before this request finished. Open it again and check whether the change was made before trying again.',
};

export class ServiceClient {
  private nextId = 1;
  private readonly pending = new Map<number, (r: Reply<unknown>) => void>();
  private openWaiter: { resolve(createdDemo: boolean): void; reject(e: ReplyError): void } | null = null;
  private ready: Promise<boolean> | null = null;
  private gone = false;
  private readonly eventListeners = new Set<(event: EventName, payload: unknown) => void>();
  private port!: ClientPort;
  /** Counts hosts: messages and exits of a replaced host are ignored. */
  private generation = 0;

  constructor(port: ClientPort) {
    this.attach(port);
  }

  private attach(port: ClientPort): void {
    const generation = ++this.generation;
    this.port = port;
    this.ready = null;
    this.gone = false;
    port.onMessage((raw) => {
      if (generation === this.generation) this.receive(raw);
    });
    port.onExit?.(() => {
      if (generation === this.generation) this.hostExited();
    });
  }

  /** True while the store is opening or a request is unanswered: not the moment to close the store. */
  get busy(): boolean {
    return this.openWaiter !== null || this.pending.size > 0;
  }

  /**
   * Shuts the current host down and talks to `port` from now on; open() must be called again.
   * Requests the old host had not answered fail plainly, saying it may or may not have done them.
   */
  replaceHost(port: ClientPort): void {
    this.shutdown();
    this.killIfStillRunning(this.port);
    for (const resolve of this.pending.values()) resolve({ ok: false, error: SWITCHED });
    this.pending.clear();
    this.openWaiter?.reject(SWITCHED);
    this.openWaiter = null;
    this.attach(port);
  }

  /** Opens the store in the host (building the demo first if asked). Resolves with whether a demo was created. */
  open(req: OpenRequest): Promise<boolean> {
    if (this.ready) return this.ready;
    this.ready = new Promise<boolean>((resolve, reject) => {
      this.openWaiter = { resolve, reject };
      this.port.post({ type: 'open', ...req });
    });
    return this.ready;
  }

  /** One request; waits for the store to be open. Never rejects: failures are Replies. */
  async invoke(channel: string, args: unknown): Promise<Reply<unknown>> {
    if (this.gone) return { ok: false, error: HOST_GONE };
    const { ready, generation } = this;
    if (!ready) return { ok: false, error: { code: 'STORE_LOCKED', message: 'The store is not open yet.' } };
    try {
      await ready;
    } catch (e) {
      return { ok: false, error: e as ReplyError };
    }
    // Meant for the store that was open when it was asked, never for the one opened since.
    if (generation !== this.generation) return { ok: false, error: SWITCHED };
    if (this.gone) return { ok: false, error: HOST_GONE };
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.port.post({ type: 'invoke', id, channel, args });
    });
  }

  onEvent(listener: (event: EventName, payload: unknown) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Called when the host process exits: pending and later requests fail with a plain message. */
  hostExited(): void {
    this.gone = true;
    for (const resolve of this.pending.values()) resolve({ ok: false, error: HOST_GONE });
    this.pending.clear();
    this.openWaiter?.reject(HOST_GONE);
    this.openWaiter = null;
  }

  shutdown(): void {
    if (!this.gone) this.port.post({ type: 'shutdown' });
  }

  private killIfStillRunning(old: ClientPort): void {
    if (this.gone || !old.kill) return;
    const timer = setTimeout(() => old.kill?.(), REPLACED_HOST_GRACE_MS);
    timer.unref?.();
    old.onExit?.(() => clearTimeout(timer));
  }

  private receive(raw: unknown): void {
    const msg = parseFromHost(raw);
    if (!msg) return;
    switch (msg.type) {
      case 'opened':
        this.openWaiter?.resolve(msg.createdDemo);
        this.openWaiter = null;
        break;
      case 'open-failed':
        this.openWaiter?.reject(msg.error);
        this.openWaiter = null;
        break;
      case 'reply': {
        const resolve = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        resolve?.(msg.reply);
        break;
      }
      case 'event':
        for (const l of this.eventListeners) l(msg.event, msg.payload);
        break;
    }
  }
}
