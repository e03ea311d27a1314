import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { runServiceHost } from '../../../main/electron/service-host-core';
import type { ClientPort } from '../../../main/electron/service-client';

/**
 * A real service host (runServiceHost) joined to main's side by a real MessageChannel (Electron's
 * MessageChannelMain has the same shape), in this process instead of a utilityProcess. `exit()`
 * plays the host process ending; `closed` tells whether the host closed its port (on shutdown).
 */
export interface HostOverChannel {
  port: ClientPort;
  closed: boolean;
  exit(): void;
  close(): void;
}

export function hostOverChannel(deps: Parameters<typeof runServiceHost>[1] = {}): HostOverChannel {
  const { port1, port2 } = new MessageChannel();
  const on = (p: MessagePort) => (listener: (m: unknown) => void) => { p.on('message', listener); };
  const exitListeners: (() => void)[] = [];
  const host: HostOverChannel = {
    port: { post: (m) => port1.postMessage(m), onMessage: on(port1), onExit: (l) => { exitListeners.push(l); } },
    closed: false,
    exit: () => exitListeners.splice(0).forEach((l) => l()),
    close: () => { port1.close(); port2.close(); },
  };
  runServiceHost({ post: (m) => port2.postMessage(m), onMessage: on(port2), close: () => { host.closed = true; port2.close(); } }, deps);
  return host;
}
