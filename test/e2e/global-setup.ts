import { ensureDemoCache } from './demo-cache';

/** Playwright global setup: the demo district, once per run (cached across runs by fingerprint). */
export default async function globalSetup(): Promise<void> {
  const t0 = Date.now();
  const what = await ensureDemoCache();
  process.stdout.write(`[e2e] ${what} (setup ${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
}
