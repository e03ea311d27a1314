#!/usr/bin/env node
// `npm run bench [-- <filter>...] [--cpu-prof]`: the one benchmark (test/bench/run.ts; not part of
// npm test). Compiles the benchmark and the code it measures to JavaScript in .bench-cache/js-<hash>
// (tsc, no type check: `npm run typecheck` does that), reused while the sources are unchanged, so
// every step runs the code as the app does and its peak memory is not inflated by a TS loader.
'use strict';
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } = require('node:fs');
const { join, relative, resolve } = require('node:path');

const root = join(__dirname, '..');
// STEWARD_BENCH_CACHE=<empty folder>: a fresh clone's run (compile, generate, import) without deleting .bench-cache.
const cache = process.env.STEWARD_BENCH_CACHE ? resolve(process.env.STEWARD_BENCH_CACHE) : join(root, '.bench-cache');

function sourceHash() {
  const h = createHash('sha256');
  const walk = (p) => {
    if (!existsSync(p)) return;
    if (statSync(p).isDirectory()) for (const name of readdirSync(p).sort()) walk(join(p, name));
    else if (/\.(ts|tsx|js|json)$/.test(p)) h.update(relative(root, p)).update(readFileSync(p));
  };
  for (const d of ['main', 'shared', 'fixtures/generator', 'test/bench', 'test/e2e', 'package.json']) walk(join(root, d));
  return h.digest('hex').slice(0, 12);
}

function compile() {
  const out = join(cache, `js-${sourceHash()}`);
  const entry = join(out, 'test', 'bench', 'run.js');
  if (existsSync(entry)) return entry;
  for (const name of existsSync(cache) ? readdirSync(cache) : []) {
    // Older builds, unless another run may still be using them (an hour).
    if (/^js-[0-9a-f]{12}$/.test(name) && Date.now() - statSync(join(cache, name)).mtimeMs > 3600_000) rmSync(join(cache, name), { recursive: true, force: true });
  }
  const tmp = `${out}.building-${process.pid}`;
  process.stdout.write('Compiling the benchmark (tsc) ...\n');
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const roots = ['run.ts', 'package-bench-child.ts'].map((f) => join(root, 'test', 'bench', f));
  const r = spawnSync(process.execPath, [tsc, '--outDir', tmp, '--rootDir', root, '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022',
    '--esModuleInterop', '--skipLibCheck', '--types', 'node', '--sourceMap', 'false', '--strict', '--noCheck', ...roots], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) {
    rmSync(tmp, { recursive: true, force: true });
    process.stderr.write(`tsc failed:\n${r.stdout}${r.stderr}`);
    process.exit(2);
  }
  try {
    renameSync(tmp, out);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another run built the same sources first
  }
  return entry;
}

const t0 = Date.now();
const entry = compile();
// The compile is part of a fresh clone's run time: the runner adds it to the total it reports.
// NODE_PATH: the compiled code may sit outside the project (STEWARD_BENCH_CACHE) and still find its packages.
const env = { ...process.env, STEWARD_BENCH_COMPILE_SECONDS: String(Math.round((Date.now() - t0) / 1000)), NODE_PATH: join(root, 'node_modules') };
const r = spawnSync(process.execPath, [entry, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
process.exit(r.status ?? 1);
