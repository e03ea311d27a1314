import { defineConfig } from '@playwright/test';
import { availableParallelism } from 'node:os';

// Chromium e2e: the built renderer (npm run build:renderer) against the real services over a
// real encrypted store (test/e2e/harness.ts). Debian's Chromium, never a downloaded browser.
// Artifacts go to test-results/e2e-output (Playwright empties it each run); the demo-store cache
// and screenshots live beside it in test-results/ and survive.
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e-output',
  globalSetup: './test/e2e/global-setup.ts',
  fullyParallel: false,
  // Chromium is several processes per page: on a 2-CPU CI box one worker is faster than two.
  workers: availableParallelism() > 2 ? 2 : 1,
  retries: 0,
  // axe-core alone takes several seconds per run on a loaded 2-CPU box.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? 'test-results/playwright.json' }]],
  use: {
    headless: true,
    viewport: { width: 1366, height: 860 },
    colorScheme: 'light',
    locale: 'en-US',
    timezoneId: 'America/Los_Angeles',
    serviceWorkers: 'block',
    // Tracing every test is costly on a small CI box; STEWARD_E2E_TRACE=1 keeps traces of failures.
    trace: process.env.STEWARD_E2E_TRACE ? 'retain-on-failure' : 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.STEWARD_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});
