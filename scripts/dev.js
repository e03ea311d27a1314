#!/usr/bin/env node
// `npm run dev`: rebuilds on change (tsc --watch for main/shared, vite build --watch for the
// renderer) and runs the Electron app with DevTools allowed. The renderer is still served over
// app:// under the real CSP (no dev server, no network exceptions): after a renderer change,
// reload the window (View > Reload); after a main-process change, stop and run `npm run dev` again.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const { existsSync, watch } = require('node:fs');
const { join } = require('node:path');
const { findElectron, missingMessage, root } = require('./electron-binary');

const electron = findElectron();
if ('missing' in electron) {
  process.stderr.write(missingMessage('npm run dev', electron.missing));
  process.exit(1);
}
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

const native = spawnSync(process.execPath, [join(__dirname, 'rebuild-native-for-electron.js')], { cwd: root, stdio: 'inherit' });
if (native.status !== 0) process.exit(native.status ?? 1);
// A first full build, so Electron starts on current code (the watchers then keep it current).
for (const [name, args] of [['tsc', ['-p', 'tsconfig.build.json']], ['vite', ['build', '--config', 'vite.config.mts', '--logLevel', 'warn']]]) {
  const r = spawnSync(bin(name), args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0 && !existsSync(join(root, 'dist', 'main', 'electron', 'main.js'))) process.exit(r.status ?? 1);
}

const children = [
  spawn(bin('tsc'), ['-p', 'tsconfig.build.json', '--watch', '--preserveWatchOutput'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' }),
  spawn(bin('vite'), ['build', '--config', 'vite.config.mts', '--watch', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' }),
];
const env = { ...process.env, STEWARD_DEVTOOLS: '1' };
delete env.ELECTRON_RUN_AS_NODE;
const app = spawn(electron.path, [root], { cwd: root, stdio: 'inherit', env });
children.push(app);

const watcher = watch(join(root, 'dist', 'main'), { recursive: true }, () => {
  process.stdout.write('[dev] main-process code changed: restart `npm run dev` to load it (renderer changes only need View > Reload).\n');
  watcher.close();
});

function stop(code) {
  for (const c of children) if (c.exitCode === null) c.kill();
  process.exit(code);
}
app.on('exit', (code) => stop(code ?? 0));
process.on('SIGINT', () => stop(130));
process.on('SIGTERM', () => stop(143));
