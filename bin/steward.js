#!/usr/bin/env node
// The `steward` command. On a fresh clone (right after `npm ci`) the TypeScript is not compiled
// yet: build it first when any source is newer than the last build, then run the CLI.
'use strict';
const { existsSync, statSync, readdirSync } = require('node:fs');
const { join } = require('node:path');
const { execFileSync } = require('node:child_process');

const root = join(__dirname, '..');
const entry = join(root, 'dist', 'main', 'cli', 'index.js');
const stamp = join(root, 'dist', '.tsbuildinfo');

function newestSource(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function needsBuild() {
  if (!existsSync(entry) || !existsSync(stamp)) return true;
  if (!existsSync(join(root, 'shared'))) return false; // an installed copy ships dist/ only
  const built = statSync(stamp).mtimeMs;
  return ['shared', 'main', 'fixtures'].some((d) => existsSync(join(root, d)) && newestSource(join(root, d)) > built);
}

if (needsBuild()) {
  process.stderr.write('Building Steward (first run after a change)...\n');
  try {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
  } catch {
    process.stderr.write('Error: building Steward failed (see the compiler messages above). Run `npm ci` and try again.\n');
    process.exit(1);
  }
}
require(entry)
  .main(process.argv.slice(2))
  .then((code) => { process.exitCode = code; });
