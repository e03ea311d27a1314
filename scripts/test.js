#!/usr/bin/env node
// `npm test`: everything that runs without the Electron binary, in order, stopping at the first
// red step: typecheck, lint, unit + integration (vitest), Chromium e2e (Playwright), and the
// electronegativity gate. Ends with one plain "N passed, N failed" line for CI.
'use strict';
const { spawnSync } = require('node:child_process');
const { readFileSync, mkdirSync, existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const out = join(root, 'test-results');
mkdirSync(out, { recursive: true });
const bin = (name) => join(root, 'node_modules', '.bin', name);

const steps = [
  ['typecheck (main, shared, tests)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']],
  ['typecheck (renderer)', bin('tsc'), ['-p', 'renderer/tsconfig.json', '--noEmit']],
  ['lint (incl. layering rules)', bin('eslint'), ['.', '--max-warnings=0']],
  ['unit + integration tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${join(out, 'vitest.json')}`]],
  ['build renderer', bin('vite'), ['build', '--config', 'vite.config.mts', '--logLevel', 'warn']],
  ['Chromium e2e tests', bin('playwright'), ['test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: join(out, 'playwright.json') }],
  ['electronegativity gate', process.execPath, [join(root, 'scripts', 'electronegativity.js')]],
];

let passed = 0;
let failed = 0;
function count() {
  const v = join(out, 'vitest.json');
  if (existsSync(v)) {
    const r = JSON.parse(readFileSync(v, 'utf8'));
    passed += r.numPassedTests ?? 0;
    failed += r.numFailedTests ?? 0;
  }
  const p = join(out, 'playwright.json');
  if (existsSync(p)) {
    const r = JSON.parse(readFileSync(p, 'utf8'));
    passed += r.stats?.expected ?? 0;
    failed += (r.stats?.unexpected ?? 0) + (r.stats?.flaky ?? 0);
  }
}

const only = process.argv.slice(2);
const started = Date.now();
let ok = true;
for (const [name, cmd, args, env] of steps) {
  if (only.length && !only.some((o) => name.includes(o))) continue;
  const t0 = Date.now();
  process.stdout.write(`\n=== ${name}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...(env || {}) } });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    process.stdout.write(`=== ${name}: FAILED after ${secs}s (exit ${r.status ?? r.signal})\n`);
    ok = false;
    break;
  }
  process.stdout.write(`=== ${name}: ok in ${secs}s\n`);
}
count();
process.stdout.write(`\nnpm test ${ok ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)}s\n`);
if (!ok && failed === 0) failed = 1;
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(ok ? 0 : 1);
