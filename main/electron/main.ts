import { app, dialog, session, type BrowserWindow } from 'electron';
import { userInfo } from 'node:os';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { APP_ENTRY_URL } from './app-protocol-policy';
import { hardenSession, hardenWebContents } from './security';
import { createMainWindow } from './window';
import { forwardEvents, registerIpc } from './ipc';
import { startServiceProcess } from './service-process';
import { loadOrCreateStoreKey } from './store-key';
import { installMenu } from './menu';
import { appPaths } from './app-paths';
import { existsSync } from 'node:fs';
import { decideStartup, FIRST_RUN_QUESTION, modeFromAnswer } from './store-choice-policy';
import { switchConfirmed, switchMenuLabel } from './store-switch-policy';
import { readStartupFacts, StoreSession } from './store-session';
import type { StoreMode } from '../../shared/api/store-api';

/**
 * The Electron main process: hardening first, then the app:// protocol, the choice of store
 * (district store or partner workspace: asked on first run, then remembered), its key, the
 * service host (off the main thread), the IPC bridge and the window. On first run the service
 * host builds the demo district (or an empty partner workspace) in the user-data folder; the
 * window shows its progress. File > Open … switches to the other store. The decisions live in
 * the pure store-choice-policy.ts, store-switch-policy.ts and store-session.ts.
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
  const userData = app.getPath('userData');
  const paths = appPaths({ appPath: app.getAppPath(), resourcesPath: process.resourcesPath, isPackaged: app.isPackaged, userData }, __dirname);
  hardenSession(session.defaultSession, { devTools });
  serveAppProtocol(paths.rendererRoot);
  installMenu({ devTools });
  if (!existsSync(paths.nativeBinding)) {
    throw new Error(`The database module for Electron is missing (${paths.nativeBinding}). Run 'node scripts/rebuild-native-for-electron.js' on a machine with network access.`);
  }
  const mode = await startMode(userData, paths.storeChoice);
  if (!mode) {
    app.quit();
    return;
  }
  const stores = new StoreSession({
    userData,
    choiceFile: paths.storeChoice,
    loadKey: loadOrCreateStoreKey,
    startHost: () => startServiceProcess(paths.serviceHost),
    actor: `app:${safeUser()}`,
    nativeBinding: paths.nativeBinding,
    demo: DEMO,
  });
  // Invokes wait for this; an open failure reaches the window as the reply to its first request.
  stores.open(mode).catch(() => undefined);
  registerIpc(stores.services);
  const win = createMainWindow(paths.preload, { devTools });
  forwardEvents(stores.services, win);
  const menu = (): void => installMenu({ devTools, switchStore: { label: switchMenuLabel(stores.mode ?? mode), click: () => void switchStore(stores, win).then(menu) } });
  menu();
  app.on('second-instance', () => win.isDestroyed() || win.focus());
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => stores.shutdown());
}

/** The remembered store, the only one there is, or the user's answer (null: Quit). */
async function startMode(userData: string, choiceFile: string): Promise<StoreMode | null> {
  const decision = decideStartup(readStartupFacts(userData, choiceFile));
  if (decision.kind === 'open') return decision.mode;
  const answer = await dialog.showMessageBox({ ...FIRST_RUN_QUESTION, noLink: true });
  return modeFromAnswer(answer.response);
}

/** File > Open …: confirm, switch the service host to the other store, start the window again on it. */
async function switchStore(stores: StoreSession, win: BrowserWindow): Promise<void> {
  const asked = stores.switchDecision();
  const answer = await dialog.showMessageBox(win, { ...asked.question, noLink: true });
  if (asked.kind === 'refuse' || !switchConfirmed(answer.response)) return;
  // Work may have started while the box was open.
  const now = stores.switchDecision();
  if (now.kind === 'refuse') {
    await dialog.showMessageBox(win, { ...now.question, noLink: true });
    return;
  }
  try {
    stores.switchTo(asked.target).catch(() => undefined);
  } catch (e) {
    dialog.showErrorBox('Steward did not switch stores', `${e instanceof Error ? e.message : 'The key of the other store could not be read.'} The open store stays open.`);
    return;
  }
  if (!win.isDestroyed()) void win.loadURL(APP_ENTRY_URL);
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
