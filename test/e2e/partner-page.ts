import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { openStore } from '../../main/db/connection';
import { createContext, type ServiceContext } from '../../main/services/context';
import { dispatch } from '../../main/ipc/dispatch';
import { invokeWithSaveDialog } from '../../main/electron/save-dialog-policy';
import type { SaveDialogStandIn } from './harness';

/**
 * A partner workspace for the package e2e: a second real encrypted store (partner mode) and a
 * second page of the same browser bound to it, exactly as the harness binds the district page
 * (bridge-init.js defines window.steward over exposeBinding), save dialog included: set
 * `saveDialog.path` before clicking a Save button. Page errors are collected so the spec can
 * assert there were none.
 */
export interface PartnerSide {
  ctx: ServiceContext;
  page: Page;
  saveDialog: SaveDialogStandIn;
  dir: string;
  errors: string[];
  close(): Promise<void>;
}

export async function openPartnerSide(districtPage: Page): Promise<PartnerSide> {
  const dir = mkdtempSync(join(tmpdir(), 'steward-e2e-partner-'));
  const path = join(dir, 'partner.db');
  let seq = 0;
  const ctx = createContext({
    db: openStore({ path, key: randomBytes(32), mode: 'partner', create: true }),
    mode: 'partner',
    storePath: path,
    actor: 'app:e2e-partner',
    now: () => new Date('2026-09-15T12:00:00Z'),
    newId: () => `00000000-0000-4000-9000-${String(++seq).padStart(12, '0')}`,
  });
  const page = await districtPage.context().newPage();
  const saveDialog: SaveDialogStandIn = { path: null, asked: [] };
  // The same rule as the app's IPC entry (main/electron/ipc.ts): save requests get their path from the dialog.
  await page.exposeBinding('__stewardInvoke', (_source, name: unknown, args: unknown) => invokeWithSaveDialog(String(name), args, (choice) => {
    saveDialog.asked.push(choice);
    return Promise.resolve(saveDialog.path);
  }, (c, a) => dispatch(ctx, c, a)));
  await page.addInitScript({ path: join(__dirname, 'bridge-init.js') });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return {
    ctx,
    page,
    saveDialog,
    dir,
    errors,
    async close() {
      await page.close();
      ctx.db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
