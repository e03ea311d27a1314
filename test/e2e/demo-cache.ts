import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createDemoDistrict, DEMO_SEED, DEMO_STUDENTS } from '../../main/services/demo-service';

/**
 * The e2e demo district (main/services/demo-service.ts: the generator and the real importer):
 * built once by global setup, reused from test-results/e2e-cache while no source it depends on
 * changes, and copied per test so tests never see each other's changes.
 */
export const projectRoot = join(__dirname, '..', '..');
export const cacheDir = join(projectRoot, 'test-results', 'e2e-cache');

export interface DemoCache {
  path: string;
  key: Buffer;
  students: number;
}

interface Meta {
  fingerprint: string;
  students: number;
  buildMs: number;
}

/** Everything that shapes the demo store: migrations, the importer, the generator, this file. */
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
  for (const d of ['main/db', 'main/services/import', 'main/services/demo-service.ts', 'main/services/audit-log.ts', 'fixtures/generator', 'test/e2e/demo-cache.ts']) {
    const p = join(projectRoot, d);
    if (existsSync(p) && statSync(p).isFile()) h.update(d).update(readFileSync(p));
    else walk(p);
  }
  return h.update(String(DEMO_STUDENTS)).update(String(DEMO_SEED)).digest('hex');
}

/** Where the store built from sources with this fingerprint lives. */
const slot = (fp: string) => join(cacheDir, fp.slice(0, 16));
const filesIn = (dir: string) => ({ db: join(dir, 'district.db'), key: join(dir, 'district.key'), meta: join(dir, 'meta.json') });
/** Global setup tells the workers (which inherit its environment) which slot to copy. */
const SLOT_ENV = 'STEWARD_E2E_DEMO_DIR';

/**
 * Builds the cached demo store unless one for the current sources is there. Builds in a private
 * folder and renames it into place, so two runs at once (two engineers, one tree) never see a
 * half-built store. Returns what it did, for the log.
 */
export async function ensureDemoCache(): Promise<string> {
  const fp = fingerprint();
  const dir = slot(fp);
  process.env[SLOT_ENV] = dir;
  if (existsSync(filesIn(dir).meta)) {
    const meta = JSON.parse(readFileSync(filesIn(dir).meta, 'utf8')) as Meta;
    return `reused the cached demo district (${meta.students} students)`;
  }
  mkdirSync(cacheDir, { recursive: true });
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building);
  const files = filesIn(building);
  const key = randomBytes(32);
  const t0 = Date.now();
  const { students } = await createDemoDistrict({ path: files.db, key, students: DEMO_STUDENTS, seed: DEMO_SEED });
  const meta: Meta = { fingerprint: fp, students, buildMs: Date.now() - t0 };
  writeFileSync(files.key, key.toString('hex'), { mode: 0o600 });
  writeFileSync(files.meta, JSON.stringify(meta, null, 2));
  try {
    renameSync(building, dir);
  } catch {
    rmSync(building, { recursive: true, force: true }); // another run finished the same store first
  }
  removeStaleSlots(dir);
  return `built the demo district (${meta.students} students, main/services/demo-service.ts) in ${(meta.buildMs / 1000).toFixed(1)} s`;
}

/** Stores built from older sources, once no run can still be copying them. */
function removeStaleSlots(current: string): void {
  for (const name of readdirSync(cacheDir)) {
    const p = join(cacheDir, name);
    if (p !== current && Date.now() - statSync(p).mtimeMs > 30 * 60_000) rmSync(p, { recursive: true, force: true });
  }
}

export function readDemoCache(): DemoCache {
  const dir = process.env[SLOT_ENV];
  if (!dir || !existsSync(filesIn(dir).meta)) throw new Error(`No demo store in ${cacheDir}: run the e2e tests through Playwright (its global setup builds it).`);
  const files = filesIn(dir);
  const meta = JSON.parse(readFileSync(files.meta, 'utf8')) as Meta;
  return { path: files.db, key: Buffer.from(readFileSync(files.key, 'utf8'), 'hex'), students: meta.students };
}
