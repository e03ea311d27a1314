import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Where the benchmark lives and writes. The steps run compiled (from .bench-cache/js-*) or from
 * source (tsx), so the project root is found by walking up to Steward's package.json.
 */
function findRoot(from: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'steward') return dir;
    if (dirname(dir) === dir) return null;
  }
}

/** From this file, or (compiled into a STEWARD_BENCH_CACHE outside the project) from the working directory npm gives. */
export const root = findRoot(__dirname) ?? findRoot(process.cwd()) ?? (() => { throw new Error(`no Steward package.json above ${__dirname} or ${process.cwd()}`); })();
/**
 * Generated districts, stores and compiled code: reused across runs, never committed.
 * STEWARD_BENCH_CACHE=<empty folder> times a fresh clone's run without deleting the usual cache.
 */
export const cacheDir = process.env.STEWARD_BENCH_CACHE ? resolve(process.env.STEWARD_BENCH_CACHE) : join(root, '.bench-cache');
/** The table and the JSON of the latest run. */
export const resultsDir = join(root, 'bench-results');
