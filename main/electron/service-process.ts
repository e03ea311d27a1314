import { MessageChannelMain, utilityProcess } from 'electron';
import { ServiceClient } from './service-client';

/**
 * Starts the service host in a utilityProcess and connects to it with a fresh MessageChannel.
 * The host gets a minimal environment (no secrets in env or argv); the store key goes over the
 * port in the 'open' message only.
 */
export function startServiceProcess(entry: string): ServiceClient {
  const child = utilityProcess.fork(entry, [], {
    serviceName: 'Steward services',
    stdio: 'inherit',
    env: minimalEnv(),
  });
  const { port1, port2 } = new MessageChannelMain();
  child.postMessage({ type: 'connect' }, [port2]);
  const client = new ServiceClient({
    post: (msg) => port1.postMessage(msg),
    onMessage: (listener) => {
      port1.on('message', (e) => listener(e.data));
      port1.start();
    },
  });
  child.once('exit', () => client.hostExited());
  return client;
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
