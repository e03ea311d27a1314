import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadDemoFactory } from '../../main/electron/demo-loader';
import { seedDemoSql } from './seed-demo-sql';

/**
 * The e2e demo district: built once per run by global setup (or reused from the cache when no
 * source it depends on changed), then copied per test so tests never see each other's changes.
 */
export const projectRoot = join(__dirname, '..', '..');
export const cacheDir = join(projectRoot, 'test-results', 'e2e-cache');
export const DEMO_STUDENTS = 16_000;
export const DEMO_SEED = 2026;

export interface DemoCache {
  path: string;
  key: Buffer;
  students: number;
  source: 'demo-service' | 'sql-seed';
}

interface Meta {
  fingerprint: string;
  students: number;
  source: DemoCache['source'];
  buildMs: number;
}

/** Everything that shapes the demo store: migrations, services, the generator, this seeding code. */
function fingerprint(): string {
  const h = createHash('sha256');
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|csv|json)$/.test(name)) h.update(relative(projectRoot, p)).update(readFileSync(p));
    }
  };
  for (const d of ['main/db', 'main/services', 'fixtures', 'test/e2e/seed-demo-sql.ts', 'test/e2e/demo-cache.ts']) {
    const p = join(projectRoot, d);
    if (existsSync(p) && statSync(p).isFile()) h.update(d).update(readFileSync(p));
    else walk(p);
  }
  return h.update(String(DEMO_STUDENTS)).update(String(DEMO_SEED)).digest('hex');
}

const files = { db: join(cacheDir, 'district.db'), key: join(cacheDir, 'district.key'), meta: join(cacheDir, 'meta.json') };

/** Builds the cached demo store unless an up-to-date one is there. Returns what it did, for the log. */
export async function ensureDemoCache(): Promise<string> {
  const fp = fingerprint();
  if (existsSync(files.meta) && existsSync(files.db) && existsSync(files.key)) {
    const meta = JSON.parse(readFileSync(files.meta, 'utf8')) as Meta;
    if (meta.fingerprint === fp) return `reused the cached demo district (${meta.students} students, ${meta.source})`;
  }
  rmSync(cacheDir, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  const key = randomBytes(32);
  const t0 = Date.now();
  const createDemo = loadDemoFactory();
  if (createDemo) await createDemo({ path: files.db, key, students: DEMO_STUDENTS, seed: DEMO_SEED });
  else seedDemoSql({ path: files.db, key, students: DEMO_STUDENTS, seed: DEMO_SEED });
  const meta: Meta = { fingerprint: fp, students: DEMO_STUDENTS, source: createDemo ? 'demo-service' : 'sql-seed', buildMs: Date.now() - t0 };
  writeFileSync(files.key, key.toString('hex'), { mode: 0o600 });
  writeFileSync(files.meta, JSON.stringify(meta, null, 2));
  return `built the demo district (${meta.students} students, ${meta.source}) in ${(meta.buildMs / 1000).toFixed(1)} s`;
}

export function readDemoCache(): DemoCache {
  if (!existsSync(files.meta)) throw new Error(`No demo store in ${cacheDir}: run the e2e tests through Playwright (its global setup builds it).`);
  const meta = JSON.parse(readFileSync(files.meta, 'utf8')) as Meta;
  return { path: files.db, key: Buffer.from(readFileSync(files.key, 'utf8'), 'hex'), students: meta.students, source: meta.source };
}
