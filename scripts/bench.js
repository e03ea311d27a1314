#!/usr/bin/env node
// `npm run bench [-- NAME ...]`: runs every test/bench/*-bench.ts (each is a script with its own
// report) one after another with tsx, or only those whose name contains one of the NAMEs
// (e.g. `npm run bench -- audit`). Benchmarks are not vitest tests: they measure, they report.
'use strict';
const { spawnSync } = require('node:child_process');
const { readdirSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const benchDir = join(root, 'test', 'bench');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const only = process.argv.slice(2);
const benches = readdirSync(benchDir).filter((f) => f.endsWith('-bench.ts') && (!only.length || only.some((o) => f.includes(o)))).sort();
if (!benches.length) {
  process.stderr.write(`No benchmark matches ${only.join(', ')}. Available: ${readdirSync(benchDir).filter((f) => f.endsWith('-bench.ts')).join(', ')}\n`);
  process.exit(2);
}
let failed = 0;
for (const f of benches) {
  process.stdout.write(`\n=== ${f}\n`);
  const t0 = Date.now();
  const r = spawnSync(tsx, [join(benchDir, f)], { cwd: root, stdio: 'inherit' });
  const secs = ((Date.now() - t0) / 1000).toFixed(0);
  if (r.status !== 0) failed += 1;
  process.stdout.write(`=== ${f}: ${r.status === 0 ? 'done' : `FAILED (exit ${r.status ?? r.signal})`} in ${secs}s\n`);
}
process.exit(failed ? 1 : 0);
