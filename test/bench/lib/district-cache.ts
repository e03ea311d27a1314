import { createHash, randomBytes } from 'node:crypto';
import { constants, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { openStore } from '../../../main/db/connection';
import { createContext, type ServiceContext } from '../../../main/services/context';
import { importDistrictSync } from '../../../main/services/import/import-service';
import { DEMO_SEED } from '../../../main/services/demo-service';
import { generateDistrict } from '../../../fixtures/generator/generate-district';
import { cacheDir, root } from './paths';

/**
 * Generated districts for the benchmark, cached in .bench-cache/districts/ (gitignored):
 *   n<students>-s<seed>-g<generator version>/csv/           the generator's OneRoster + supplementary CSVs
 *   n<students>-s<seed>-g<generator version>/store-<v>.db   those CSVs imported into an encrypted store
 * The generator version is a hash of fixtures/generator; the store version a hash of what shapes
 * the store (migrations, the importer, the audit log). Change either and the next run rebuilds.
 * Everything is built under a private name and renamed into place, so a half-built district is
 * never used (and two runs at once do not collide).
 */
export const SEED = DEMO_SEED;

/** A short hash of the sources under `paths` (relative to the project root): a cache key. */
export function sourcesVersion(paths: string[]): string {
  const h = createHash('sha256');
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    if (statSync(p).isDirectory()) for (const name of readdirSync(p).sort()) walk(join(p, name));
    else if (/\.(ts|tsx|mts|css|html|json|csv)$/.test(p)) h.update(relative(root, p)).update(readFileSync(p));
  };
  for (const p of paths) walk(join(root, p));
  return h.digest('hex').slice(0, 12);
}

export const generatorVersion = (): string => sourcesVersion(['fixtures/generator']);
export const storeVersion = (): string => sourcesVersion(['main/db/connection.ts', 'main/db/migrate.ts', 'main/db/migrations/district', 'main/services/import', 'main/services/audit-log.ts']);

const districtDir = (students: number) => join(cacheDir, 'districts', `n${students}-s${SEED}-g${generatorVersion()}`);
const building = (path: string) => `${path}.building-${process.pid}`;

/** Removes cached districts of this size built by another generator version. */
function dropStaleDistricts(students: number, keep: string): void {
  const parent = join(cacheDir, 'districts');
  for (const name of existsSync(parent) ? readdirSync(parent) : []) {
    if (name.startsWith(`n${students}-s${SEED}-g`) && join(parent, name) !== keep && !name.includes('.building-')) rmSync(join(parent, name), { recursive: true, force: true });
  }
}

/** The generated CSV folder for `students` (generated on first use). */
export function cachedCsv(students: number, log: (s: string) => void): string {
  const dir = districtDir(students);
  const csv = join(dir, 'csv');
  if (existsSync(csv)) return csv;
  dropStaleDistricts(students, dir);
  mkdirSync(dir, { recursive: true });
  const tmp = building(csv);
  rmSync(tmp, { recursive: true, force: true });
  log(`  generating ${students.toLocaleString('en-US')} students (seed ${SEED}) into ${relative(root, csv)} ...`);
  const g = generateDistrict({ students, seed: SEED, out: tmp });
  renameSync(tmp, csv);
  log(`  generated in ${(g.ms / 1000).toFixed(1)} s`);
  return csv;
}

export interface StoreFiles {
  path: string;
  key: Buffer;
}

/** Where the imported store for `students` lives (it may not exist yet). */
export function storePath(students: number): string {
  return join(districtDir(students), `store-${storeVersion()}.db`);
}

/**
 * Moves a freshly imported, closed store into the cache (unless another is there already) and
 * drops stores of older versions. The import step hands over its own product this way, so a
 * first run imports the 500,000 students once, not twice.
 */
export function adoptStore(students: number, builtPath: string, key: Buffer): void {
  const path = storePath(students);
  for (const suffix of ['-wal', '-shm']) rmSync(`${builtPath}${suffix}`, { force: true });
  if (existsSync(path)) {
    rmSync(builtPath, { force: true });
    return;
  }
  writeFileSync(`${path}.key`, key.toString('hex'), { mode: 0o600 });
  renameSync(builtPath, path);
  const dir = districtDir(students);
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name.startsWith('store-') && p !== path && p !== `${path}.key` && !name.includes('.building-')) rmSync(p, { force: true });
  }
}

/** A new, empty encrypted store beside the cache slot, for an import to fill. */
export function newStoreBeside(students: number): StoreFiles {
  const path = building(storePath(students));
  mkdirSync(districtDir(students), { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  return { path, key: randomBytes(32) };
}

/** The cached encrypted store of the generated district (generated and imported on first use). */
export function cachedStore(students: number, log: (s: string) => void): StoreFiles {
  const path = storePath(students);
  if (!existsSync(path)) {
    const csv = cachedCsv(students, log);
    const fresh = newStoreBeside(students);
    log(`  importing ${students.toLocaleString('en-US')} students into an encrypted store (cached for later runs) ...`);
    const db = openStore({ path: fresh.path, key: fresh.key, mode: 'district', create: true });
    try {
      importDistrictSync(createContext({ db, mode: 'district', storePath: fresh.path, actor: 'bench' }), csv, { freshStore: true });
    } finally {
      db.close();
    }
    adoptStore(students, fresh.path, fresh.key);
  }
  return { path, key: Buffer.from(readFileSync(`${path}.key`, 'utf8'), 'hex') };
}

/**
 * A private copy of the cached store, open, for a step that writes (agreements, packages): the
 * cache stays as generated. `close()` closes and deletes the copy.
 */
export function workCopy(students: number, log: (s: string) => void, now?: () => Date): { ctx: ServiceContext; path: string; key: Buffer; close(): void } {
  const cached = cachedStore(students, log);
  const workDir = join(cacheDir, 'work');
  mkdirSync(workDir, { recursive: true });
  const path = join(workDir, `n${students}-${process.pid}.db`);
  copyFileSync(cached.path, path, constants.COPYFILE_FICLONE);
  const db = openStore({ path, key: cached.key, mode: 'district' });
  const ctx = createContext({ db, mode: 'district', storePath: path, actor: 'bench', ...(now ? { now } : {}) });
  return {
    ctx, path, key: cached.key,
    close: () => {
      db.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
    },
  };
}
