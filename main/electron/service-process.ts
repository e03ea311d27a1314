import { MessageChannelMain, utilityProcess } from 'electron';
import type { ClientPort } from './service-client';

/**
 * Starts the service host in a utilityProcess and connects to it with a fresh MessageChannel.
 * The host gets a minimal environment (no secrets in env or argv); the store key goes over the
 * port in the 'open' message only. Each store the app opens gets a new host (store-session.ts).
 */
export function startServiceProcess(entry: string): ClientPort {
  const child = utilityProcess.fork(entry, [], {
    serviceName: 'Steward services',
    stdio: 'inherit',
    env: minimalEnv(),
  });
  const { port1, port2 } = new MessageChannelMain();
  child.postMessage({ type: 'connect' }, [port2]);
  return {
    post: (msg) => port1.postMessage(msg),
    onMessage: (listener) => {
      port1.on('message', (e) => listener(e.data));
      port1.start();
    },
    onExit: (listener) => child.once('exit', () => listener()),
    kill: () => {
      child.kill();
    },
  };
}

function minimalEnv(): Record<string, string> {
  const keep = ['PATH', 'HOME', 'USERPROFILE', 'APPDATA', 'LOCALAPPDATA', 'TMPDIR', 'TEMP', 'TMP', 'SystemRoot', 'LANG'];
  const env: Record<string, string> = {};
  for (const k of keep) {
    const v = process.env[k];
    if (v !== undefined) env[k] = v;
  }
  return env;
}
