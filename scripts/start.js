#!/usr/bin/env node
// `npm start` (after `npm run build`): launches the Electron app. On first run the app builds the
// demo district in its user-data folder (showing progress), then opens on it. Where the Electron
// binary is missing, says so, names what to use instead, and exits non-zero.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const { join } = require('node:path');
const { findElectron, missingMessage, root } = require('./electron-binary');

const electron = findElectron();
if ('missing' in electron) {
  process.stderr.write(missingMessage('npm start', electron.missing));
  process.exit(1);
}

// The SQLite module must be built for Electron's ABI (a no-op when it already is).
const native = spawnSync(process.execPath, [join(__dirname, 'rebuild-native-for-electron.js')], { cwd: root, stdio: 'inherit' });
if (native.status !== 0) process.exit(native.status ?? 1);

const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(electron.path, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
