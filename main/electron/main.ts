import { app, dialog, session } from 'electron';
import { userInfo } from 'node:os';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { hardenSession, hardenWebContents } from './security';
import { createMainWindow } from './window';
import { forwardEvents, registerIpc } from './ipc';
import { startServiceProcess } from './service-process';
import { loadOrCreateStoreKey } from './store-key';
import { installMenu } from './menu';
import { appPaths } from './app-paths';
import { existsSync } from 'node:fs';

/**
 * The Electron main process: hardening first, then the app:// protocol, the store key, the service
 * host (off the main thread), the IPC bridge and the window. On first run the service host builds
 * the demo district in the user-data folder; the window shows its progress.
 */
const DEMO = { students: 16_000, seed: 2026 };
const devTools = !app.isPackaged && process.env.STEWARD_DEVTOOLS === '1';

app.enableSandbox();
registerAppScheme();
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.whenReady().then(start).catch((e: unknown) => fail(e));
}

async function start(): Promise<void> {
  const paths = appPaths({ appPath: app.getAppPath(), resourcesPath: process.resourcesPath, isPackaged: app.isPackaged, userData: app.getPath('userData') }, __dirname);
  hardenSession(session.defaultSession, { devTools });
  serveAppProtocol(paths.rendererRoot);
  installMenu({ devTools });
  if (!existsSync(paths.nativeBinding)) {
    throw new Error(`The database module for Electron is missing (${paths.nativeBinding}). Run 'node scripts/rebuild-native-for-electron.js' on a machine with network access.`);
  }
  const firstRun = !existsSync(paths.store);
  const key = loadOrCreateStoreKey(paths.store, paths.storeKey);
  const services = startServiceProcess(paths.serviceHost);
  registerIpc(services);
  const win = createMainWindow(paths.preload, { devTools });
  forwardEvents(services, win);
  app.on('second-instance', () => win.isDestroyed() || win.focus());
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => services.shutdown());
  // Invokes wait for this; an open failure reaches the window as the reply to its first request.
  services
    .open({ storePath: paths.store, key, actor: `app:${safeUser()}`, nativeBinding: paths.nativeBinding, ...(firstRun ? { createDemo: DEMO } : {}) })
    .catch(() => undefined)
    .finally(() => key.fill(0));
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

function fail(e: unknown): void {
  const message = e instanceof Error ? e.message : 'Steward could not start.';
  dialog.showErrorBox('Steward cannot start', message);
  app.exit(1);
}
