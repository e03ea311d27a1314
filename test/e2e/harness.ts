import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../main/db/connection';
import { createContext, type ServiceContext } from '../../main/services/context';
import { dispatch } from '../../main/ipc/dispatch';
import { invokeWithSaveDialog, type SaveChoice } from '../../main/electron/save-dialog-policy';
import type { EventMap, EventName } from '../../shared/api/events';
import { projectRoot, readDemoCache, type DemoCache } from './demo-cache';
import { startStaticServer, type StaticServer } from './static-server';

/**
 * The e2e harness: the real renderer (renderer/dist) in real Chromium, served with the app's own
 * CSP and path rules, talking to the real services over a real encrypted store. Only the
 * transport differs from the app: Playwright's exposeBinding stands in for Electron IPC, and
 * bridge-init.js defines window.steward exactly as main/preload.ts does.
 *
 * Use it in every e2e spec:
 *   import { test, expect, expectNoSeriousA11yViolations, saveScreenshot } from './harness';
 *   test('…', async ({ page, ctx }) => { await page.goto('/#/students'); … });
 * `ctx` is the ServiceContext behind the page (seed or check data with ctx.db or the services);
 * `store` is its copy of the demo district (fresh per test); `calls` lists the page's requests;
 * `saveDialog` answers the save dialog (set `saveDialog.path` before clicking a Save button).
 */
export interface E2eStore {
  path: string;
  key: Buffer;
  ctx: ServiceContext;
  demo: DemoCache;
}

/**
 * The save dialog's stand-in: the shell asks it where to save (as Electron's dialog would be
 * asked); it answers `path` (null: the user cancelled) and keeps what it was asked.
 */
export interface SaveDialogStandIn {
  path: string | null;
  asked: SaveChoice[];
}

interface TestFixtures {
  store: E2eStore;
  ctx: ServiceContext;
  /** Every request the page made through the bridge, in order (channel and arguments). */
  calls: { channel: string; args: unknown }[];
  saveDialog: SaveDialogStandIn;
}
interface WorkerFixtures {
  server: StaticServer;
  demo: DemoCache;
}

export const rendererDist = join(projectRoot, 'renderer', 'dist');
export const screenshotDir = join(projectRoot, 'test-results', 'screenshots');

export const test = base.extend<TestFixtures & { eventSink: { emit: ServiceContext['emit'] } }, WorkerFixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; none here
  demo: [async ({}, use) => use(readDemoCache()), { scope: 'worker' }],
  server: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; none here
    async ({}, use) => {
      const server = await startStaticServer(rendererDist);
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ server }, use) => use(server.url),
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; none here
  eventSink: async ({}, use) => use({ emit: () => undefined }),
  store: async ({ demo, eventSink }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'steward-e2e-'));
    const path = join(dir, 'district.db');
    copyFileSync(demo.path, path);
    let seq = 0;
    const ctx = createContext({
      db: openStore({ path, key: demo.key, mode: 'district' }),
      mode: 'district',
      storePath: path,
      actor: 'app:e2e',
      now: () => new Date('2026-09-15T12:00:00Z'),
      newId: () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`,
      emit: (event, payload) => eventSink.emit(event, payload),
    });
    await use({ path, key: demo.key, ctx, demo });
    ctx.db.close();
    rmSync(dir, { recursive: true, force: true });
  },
  ctx: async ({ store }, use) => use(store.ctx),
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; none here
  calls: async ({}, use) => use([]),
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; none here
  saveDialog: async ({}, use) => use({ path: null, asked: [] }),
  page: async ({ page, ctx, eventSink, server, calls, saveDialog }, use) => {
    await page.exposeBinding('__stewardInvoke', (_source, name: unknown, args: unknown) => {
      calls.push({ channel: String(name), args });
      // The same rule as the app's IPC entry (main/electron/ipc.ts): save requests get their path from the dialog.
      return invokeWithSaveDialog(String(name), args, (choice) => {
        saveDialog.asked.push(choice);
        return Promise.resolve(saveDialog.path);
      }, (c, a) => dispatch(ctx, c, a));
    });
    await page.addInitScript({ path: join(__dirname, 'bridge-init.js') });
    eventSink.emit = <E extends EventName>(event: E, payload: EventMap[E]) => {
      page
        .evaluate(([e, p]) => (globalThis as unknown as { __stewardDeliver(e: string, p: unknown): void }).__stewardDeliver(e, p), [event, payload] as const)
        .catch(() => undefined); // the page may be gone at the end of a test
    };
    // The app must never try the network; any request that is not ours fails the test.
    const foreign: string[] = [];
    page.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith(`${server.url}/`) && !url.startsWith('data:')) foreign.push(url);
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await use(page);
    // Close before the store does, so no late request from the page meets a closed database.
    await page.close();
    expect(foreign, 'the app made requests outside its own files').toEqual([]);
    expect(errors, 'the page logged errors (CSP violations show up here too)').toEqual([]);
  },
});

export { expect };

/**
 * Runs axe-core (all rules, WCAG 2.1 AA included) on the page as it is now, and fails on any
 * serious or critical violation, naming the rule and the first elements that break it.
 */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  expect(serious, 'accessibility violations (serious or critical)').toEqual([]);
}

/** Waits until no CSS or web animation is running (a sorted grid animates its rows). */
export async function waitForAnimations(page: Page): Promise<void> {
  await page.evaluate('Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)))');
}

/** Saves a full-window screenshot as test-results/screenshots/<name>.png once animations settle. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await waitForAnimations(page);
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
