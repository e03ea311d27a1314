#!/usr/bin/env node
// Builds the encrypted-SQLite native module (better-sqlite3-multiple-ciphers) for Electron's ABI,
// in a separate folder, and puts the result at out/native/better_sqlite3.node.
//
// Why: Node (tests, CLI) and Electron run different V8/ABI versions, so they need different builds
// of the module. Rebuilding node_modules in place would break `npm test` and the CLI; flipping it
// back and forth is worse. So the Electron copy is built beside it, and the app loads it through
// better-sqlite3's `nativeBinding` option (main/electron/app-paths.ts, main/db/connection.ts).
//
// How: copies the module's sources to out/native-build/node_modules/, runs @electron/rebuild there
// against the installed Electron version (node_modules/electron), copies the .node file out.
// Needs network access (Electron's headers come from https://www.electronjs.org/headers, or from
// ELECTRON_REBUILD_DIST_URL if you mirror them) and a C++ toolchain (Xcode CLT, MSVC, or g++).
// Options: --arch <x64|arm64> (default: this machine's), --force (rebuild even if up to date).
'use strict';
const { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const moduleName = 'better-sqlite3-multiple-ciphers';
const workDir = join(root, 'out', 'native-build');
const outDir = join(root, 'out', 'native');
const outFile = join(outDir, 'better_sqlite3.node');
const stampFile = join(outDir, 'build-info.json');

function fail(message) {
  process.stderr.write(`\nError: ${message}\n`);
  process.exit(1);
}

function arg(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function reachable(url) {
  try {
    const r = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(8000), redirect: 'follow' });
    return r.ok;
  } catch {
    return false;
  }
}

async function main() {
  const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const moduleDir = join(root, 'node_modules', moduleName);
  if (!existsSync(moduleDir)) fail(`${moduleName} is not installed. Run 'npm ci' first.`);
  const moduleVersion = JSON.parse(readFileSync(join(moduleDir, 'package.json'), 'utf8')).version;
  const arch = arg('--arch') ?? process.arch;
  const wanted = { electronVersion, moduleVersion, platform: process.platform, arch };

  if (!process.argv.includes('--force') && existsSync(outFile) && existsSync(stampFile)) {
    const have = JSON.parse(readFileSync(stampFile, 'utf8'));
    if (JSON.stringify(have) === JSON.stringify(wanted)) {
      console.log(`[native] ${outFile} is up to date (Electron ${electronVersion}, ${process.platform}-${arch}).`);
      return;
    }
  }

  const headerURL = process.env.ELECTRON_REBUILD_DIST_URL || 'https://www.electronjs.org/headers';
  const headers = `${headerURL}/v${electronVersion}/node-v${electronVersion}-headers.tar.gz`;
  if (!(await reachable(headers))) {
    fail(
      `cannot download Electron ${electronVersion}'s headers from ${headers}.\n` +
        'Building the SQLite module for Electron needs network access to those headers (or a mirror in\n' +
        'ELECTRON_REBUILD_DIST_URL). This machine looks offline, so the Electron app cannot be built or\n' +
        "started here. Everything else works offline: 'npm test', 'npm run steward -- --help', 'npm run demo'.",
    );
  }

  console.log(`[native] building ${moduleName} ${moduleVersion} for Electron ${electronVersion} (${process.platform}-${arch}) in ${workDir}`);
  rmSync(workDir, { recursive: true, force: true });
  const target = join(workDir, 'node_modules', moduleName);
  mkdirSync(target, { recursive: true });
  cpSync(moduleDir, target, { recursive: true, filter: (src) => !src.startsWith(join(moduleDir, 'build')) });
  writeFileSync(join(workDir, 'package.json'), JSON.stringify({ name: 'steward-native-build', private: true, dependencies: { [moduleName]: moduleVersion } }, null, 2));

  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath: workDir, electronVersion, arch, onlyModules: [moduleName], force: true, buildFromSource: true, headerURL, mode: 'sequential' });

  const built = join(target, 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(built)) fail(`the rebuild finished but ${built} is missing. See the compiler output above.`);
  mkdirSync(outDir, { recursive: true });
  copyFileSync(built, outFile);
  writeFileSync(stampFile, JSON.stringify(wanted, null, 2) + '\n');
  console.log(`[native] wrote ${outFile}`);
}

main().catch((e) => fail(`rebuilding the SQLite module for Electron failed: ${e && e.message ? e.message : e}`));
