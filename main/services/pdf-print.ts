import { existsSync } from 'node:fs';
import { StewardError } from '../../shared/api/result';

/** Where Chromium-family browsers usually live (Linux, macOS, Windows), after $STEWARD_CHROMIUM. */
const candidates = [
  '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe', 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
];

/** The Chromium to print with: $STEWARD_CHROMIUM if set (it must exist), else the first one installed. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const chosen = env.STEWARD_CHROMIUM;
  if (chosen) return existsSync(chosen) ? chosen : null;
  return candidates.find((p) => existsSync(p)) ?? null;
}

function noChromium(env: NodeJS.ProcessEnv): StewardError {
  const why = env.STEWARD_CHROMIUM ? `STEWARD_CHROMIUM points to ${env.STEWARD_CHROMIUM}, which does not exist.` : 'No Chromium, Chrome or Edge was found in the usual places.';
  return new StewardError('NOT_FOUND', `PDF output needs a Chromium-based browser. ${why} Install Chromium (or set STEWARD_CHROMIUM to the browser's program file), or use --format html and print the page from any browser.`);
}

/**
 * Prints a self-contained HTML document to PDF (US Letter, backgrounds, the page's @page size)
 * with headless Chromium through playwright-core. The page runs offline with JavaScript off and
 * every request refused: a report never fetches anything.
 */
export async function htmlToPdf(html: string, opts: { env?: NodeJS.ProcessEnv } = {}): Promise<Buffer> {
  const env = opts.env ?? process.env;
  const executablePath = findChromium(env);
  if (!executablePath) throw noChromium(env);
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new StewardError('NOT_FOUND', 'PDF output needs the playwright-core module, which is not installed with this copy of Steward. Use --format html and print the page from a browser.');
  }
  // Chromium refuses to start its sandbox as root (containers, CI): only then run without it.
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const browser = await chromium.launch({ executablePath, headless: true, args: asRoot ? ['--no-sandbox'] : [] });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'Letter', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
