import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { expect, screenshotDir } from './harness';

/**
 * Checks for screens that show a generated document. Accessibility checks for screens that show a generated document (consent forms, parent
 * reports, the transparency report) in a sandboxed, script-less frame. axe cannot run inside
 * such a frame (it injects a script, which the sandbox blocks, and then waits forever), so:
 * the screen is checked with the frame left out, and the document itself is checked on its own
 * in a scratch page of the same browser, as the standalone page it is when saved or printed.
 */
const serious = (violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[]) =>
  violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);

/** The few DOM members the page-side callbacks use (the test tsconfig has no DOM library). */
interface El { outerHTML: string; replaceWith(other: El): void }
type Doc = { querySelectorAll(s: string): Iterable<El>; createElement(tag: string): El };
type Parked = { __parkedFrames?: [El, El][] };

export async function expectScreenAndDocumentAccessible(page: Page, frame: FrameLocator, opts: { document?: boolean; screen?: boolean } = {}): Promise<void> {
  const html = await frame.locator(':root').evaluate((el) => (el as unknown as El).outerHTML);
  if (opts.screen !== false) await checkAround(page);
  if (opts.document === false) return;
  const scratch = await page.context().newPage();
  try {
    await scratch.setContent(`<!doctype html>${html}`);
    const inside = await new AxeBuilder({ page: scratch }).analyze();
    expect(serious(inside.violations), 'accessibility violations in the document itself (serious or critical)').toEqual([]);
  } finally {
    await scratch.close();
  }
}

/** The screen around the document frame, with the frame parked. */
async function checkAround(page: Page): Promise<void> {
  // axe's include/exclude does not stop it descending into frames: park the frame while it runs.
  await page.evaluate(() => {
    const g = globalThis as unknown as Parked & { document: Doc };
    g.__parkedFrames = [...g.document.querySelectorAll('iframe.document-iframe')].map((f) => {
      const stand = g.document.createElement('div');
      f.replaceWith(stand);
      return [f, stand];
    });
  });
  try {
    const around = await new AxeBuilder({ page }).analyze();
    expect(serious(around.violations), 'accessibility violations around the document (serious or critical)').toEqual([]);
  } finally {
    await page.evaluate(() => {
      const g = globalThis as unknown as Parked;
      for (const [f, stand] of g.__parkedFrames ?? []) stand.replaceWith(f);
      g.__parkedFrames = [];
    });
  }
}

/**
 * Prints the document shown in the frame as the user's "Print or save as PDF" would (print media,
 * US Letter, backgrounds), in a scratch page of the same Chromium, and saves it as
 * test-results/screenshots/<name>.pdf for a person to look at. Returns the page count.
 */
export async function printDocumentToPdf(page: Page, frame: FrameLocator, name: string): Promise<number> {
  const html = await frame.locator(':root').evaluate((el) => (el as unknown as El).outerHTML);
  const scratch = await page.context().newPage();
  try {
    await scratch.setContent(`<!doctype html>${html}`);
    await scratch.emulateMedia({ media: 'print' });
    const pdf = await scratch.pdf({ format: 'Letter', printBackground: true, preferCSSPageSize: true });
    mkdirSync(screenshotDir, { recursive: true });
    writeFileSync(join(screenshotDir, `${name}.pdf`), pdf);
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-'), `${name}.pdf is a PDF`).toBe(true);
    return (text.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  } finally {
    await scratch.close();
  }
}
