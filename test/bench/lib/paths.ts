import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Where the benchmark lives and writes. The steps run compiled (from .bench-cache/js) or from
 * source (tsx), so the project root is found by walking up to Steward's package.json.
 */
function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'steward') return dir;
    if (dirname(dir) === dir) throw new Error(`no Steward package.json above ${from}`);
  }
}

export const root = findRoot(__dirname);
/** Generated districts, stores and compiled code: reused across runs, never committed. */
export const cacheDir = join(root, '.bench-cache');
/** The table and the JSON of the latest run. */
export const resultsDir = join(root, 'bench-results');
