// Finds the Electron executable the way node_modules/electron/index.js does, but without its
// fallback of downloading it (which hangs and then throws on machines without network access).
'use strict';
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');

/** @returns {{ path: string } | { missing: string }} */
function findElectron() {
  const pkg = join(root, 'node_modules', 'electron');
  if (!existsSync(pkg)) return { missing: "the 'electron' package is not installed (run 'npm ci')" };
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(pkg, 'dist');
  const executable = join(distDir, relative || (process.platform === 'win32' ? 'electron.exe' : 'electron'));
  if (!relative && !process.env.ELECTRON_OVERRIDE_DIST_PATH) return { missing: `the Electron binary was never downloaded (${pathFile} is missing)` };
  if (!existsSync(executable)) return { missing: `the Electron binary is missing (${executable})` };
  return { path: executable };
}

/** The message for machines without the binary (like the project's CI), naming what to use instead. */
function missingMessage(command, reason) {
  return [
    `Error: '${command}' needs the Electron desktop runtime, and ${reason}.`,
    'This machine cannot download it (no network access beyond the package registry).',
    '',
    'On a machine with network access: run `npx install-electron` (or reinstall with `npm ci`), then',
    `\`${command}\` again; it also builds the SQLite module for Electron on first use.`,
    '',
    'What works here instead:',
    '  npm test               typecheck, lint, unit + integration tests, the UI in Chromium, electronegativity',
    '  npm run test:e2e       the real UI in Chromium against the real services (screenshots in test-results/screenshots)',
    '  npm run demo           build the demo district in an encrypted store (CLI)',
    '  npm run steward -- students list --format table',
    '',
  ].join('\n');
}

module.exports = { findElectron, missingMessage, root };
