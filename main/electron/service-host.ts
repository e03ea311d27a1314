/**
 * Entry of the utilityProcess that runs the services (SQL, crypto) off Electron's main thread.
 * Deliberately imports nothing from 'electron' (main-process APIs do not exist here): the parent
 * port is a property of `process` in a utility process, typed structurally below.
 */
import { runServiceHost } from './service-host-core';
import { createDemoDistrict } from '../services/demo-service';

interface PortEvent { data: unknown; ports: PortLike[] }
interface PortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: PortEvent) => void): void;
  start(): void;
  close(): void;
}
interface ParentPortLike { once(event: 'message', listener: (e: PortEvent) => void): void }

const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (!parentPort) {
  process.stderr.write('service-host.js runs only inside Electron as a utility process.\n');
  process.exit(2);
}

parentPort.once('message', (e) => {
  const port = e.ports[0];
  if (!port) return;
  runServiceHost(
    {
      post: (msg) => port.postMessage(msg),
      onMessage: (listener) => {
        port.on('message', (m) => listener(m.data));
        port.start();
      },
      close: () => {
        port.close();
        process.exit(0);
      },
    },
    { createDemo: createDemoDistrict },
  );
});
