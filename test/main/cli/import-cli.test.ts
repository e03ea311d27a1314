import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Exit } from '../../../main/cli/types';
import { generateDistrict } from '../../../fixtures/generator/generate-district';
import { readLines, writeLines } from '../services/import/import-helpers';
import { cliEnv, runSteward } from './cli-harness';

/** `steward import` and `steward demo` end to end on real passphrase-encrypted stores. */
let dir: string;
const kdfCost = process.env.STEWARD_KDF_COST_LOG2;
const steward = (...argv: string[]) => runSteward(argv, cliEnv, dir);

beforeAll(() => {
  process.env.STEWARD_KDF_COST_LOG2 = '10';
  dir = mkdtempSync(join(tmpdir(), 'steward-import-cli-'));
  generateDistrict({ students: 80, seed: 21, out: join(dir, 'sis') });
});
afterAll(() => {
  if (kdfCost === undefined) delete process.env.STEWARD_KDF_COST_LOG2;
  else process.env.STEWARD_KDF_COST_LOG2 = kdfCost;
  rmSync(dir, { recursive: true, force: true });
});

describe('steward import', () => {
  it('imports a folder, prints counts, and students list shows the students', async () => {
    expect((await steward('init', '--db', 'a.db')).code).toBe(Exit.ok);
    const r = await steward('import', 'sis', '--db', 'a.db');
    expect(r.err).toBe('');
    expect(r.code).toBe(Exit.ok);
    expect(r.out).toContain('  users.csv ...\n');
    expect(r.out).toMatch(/Imported 80 students and \d+ guardians \(oneroster\) in \d+\.\d s\./);
    expect(r.out).toMatch(/attendance_periods\s+\d+/);
    const list = await steward('students', 'list', '--db', 'a.db', '--format', 'json', '--limit', '1000');
    expect(JSON.parse(list.out)).toHaveLength(80);
  });

  it('answers a bad listing option the same way in every list command: exit 3 naming the option', async () => {
    expect((await steward('init', '--db', 'l.db')).code).toBe(Exit.ok);
    for (const argv of [['students', 'list', '--limit', '0'], ['optout', 'list', '--limit', 'all'], ['students', 'list', '--offset=-1']]) {
      const r = await steward(...argv, '--db', 'l.db');
      expect(r.code).toBe(Exit.badInput);
      expect(r.err).toContain('--limit must be a whole number from 1 to 1000');
    }
    const xml = await steward('students', 'list', '--db', 'l.db', '--format', 'xml');
    expect(xml.code).toBe(Exit.badInput);
    expect(xml.err).toBe("Error [format]: Unknown --format 'xml': use table, csv or json.\n");
  });

  it('reports a bad file with file, line and column and exit code 3, and an unknown preset as usage', async () => {
    expect((await steward('init', '--db', 'b.db')).code).toBe(Exit.ok);
    const bad = join(dir, 'bad');
    generateDistrict({ students: 20, seed: 21, out: bad });
    const lines = readLines(bad, 'demographics.csv');
    const cells = lines[3]!.split(',');
    cells[3] = '03/04/2012';
    lines[3] = cells.join(',');
    writeLines(bad, 'demographics.csv', lines);
    const r = await steward('import', 'bad', '--db', 'b.db');
    expect(r.code).toBe(Exit.badInput);
    expect(r.err).toContain('Error [demographics.csv, line 4, column birthDate]: The import was not applied: 1 problem found. The store is unchanged.');
    expect(r.err).toContain('  demographics.csv, line 4, column birthDate: not a date in the form yyyy-mm-dd');
    expect((await steward('import', 'sis', '--db', 'b.db', '--preset', 'aeries')).code).toBe(Exit.usage);
    expect((await steward('import', '--db', 'b.db')).code).toBe(Exit.usage);
    expect((await steward('import', 'nowhere', '--db', 'b.db')).code).toBe(Exit.notFound);
  });

  it('imports the PowerSchool sample with --preset powerschool', async () => {
    expect((await steward('init', '--db', 'c.db')).code).toBe(Exit.ok);
    const r = await steward('import', join(__dirname, '../../../fixtures/samples/powerschool'), '--db', 'c.db', '--preset', 'powerschool');
    expect(r.code).toBe(Exit.ok);
    expect(r.out).toMatch(/Imported 25 students and \d+ guardians \(powerschool\)/);
  });
});

describe('steward demo', () => {
  it('creates the demo store, prints the time taken, refuses to overwrite it without --force, and replaces it with --force', async () => {
    const first = await steward('demo', '--db', 'demo.db', '--students', '300');
    expect(first.code).toBe(Exit.ok);
    expect(first.out).toMatch(/Created the demo district \(300 students\) at .*demo\.db in \d+\.\d s\.\n$/);
    expect(existsSync(join(dir, 'demo.db.keyinfo'))).toBe(true);
    const list = await steward('students', 'list', '--db', 'demo.db', '--limit', '5');
    expect(list.out).toContain('5 of 300 students');

    const again = await steward('demo', '--db', 'demo.db', '--students', '300');
    expect(again.code).toBe(Exit.conflict);
    expect(again.err).toContain('Add --force to replace it');

    const forced = await steward('demo', '--db', 'demo.db', '--students', '120', '--seed', '5', '--force');
    expect(forced.code).toBe(Exit.ok);
    expect((await steward('students', 'list', '--db', 'demo.db', '--limit', '5')).out).toContain('5 of 120 students');
  });

  it('will not --force-delete a file that is not a Steward store, and checks its numbers', async () => {
    writeFileSync(join(dir, 'notes.db'), 'my notes');
    const r = await steward('demo', '--db', 'notes.db', '--force');
    expect(r.code).toBe(Exit.conflict);
    expect(r.err).toContain('does not look like a Steward store');
    expect(existsSync(join(dir, 'notes.db'))).toBe(true);
    expect((await steward('demo', '--db', 'x.db', '--students', 'many')).code).toBe(Exit.badInput);
  });
});
