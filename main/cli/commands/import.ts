import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from '../types';
import { Exit } from '../types';
import { importDistrict } from '../../services/import/import-service';
import { importPresets, type ImportPreset, type DistrictImportResult } from '../../../shared/api/import-api';
import { createDemoDistrict, DEMO_SEED, DEMO_STUDENTS } from '../../services/demo-service';
import { createPassphraseKey, keyInfoPath } from '../../db/key';
import { passphrase, storePath } from '../store-access';
import { withProgress } from '../progress-bar';
import { StewardError } from '../../../shared/api/result';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const n = (v: number): string => v.toLocaleString('en-US');

function summary(r: DistrictImportResult): string {
  const lines = [
    `Imported ${n(r.students)} students and ${n(r.guardians)} guardians (${r.preset}) in ${seconds(r.ms)}.`,
    ...(r.inactivated ? [`${n(r.inactivated)} students no longer in the roster were marked inactive (kept, with their opt-outs and consents).`] : []),
    'Rows written:',
    ...Object.entries(r.counts).map(([table, count]) => `  ${table.padEnd(24)} ${n(count).padStart(10)}`),
    ...(r.ignoredFiles.length ? [`Ignored (not a table Steward reads): ${r.ignoredFiles.join(', ')}`] : []),
  ];
  return lines.join('\n') + '\n';
}

function wholeNumber(value: unknown, name: string, min: number, max: number): number {
  const v = Number(value);
  if (!Number.isInteger(v) || v < min || v > max) throw new StewardError('BAD_INPUT', `--${name} must be a whole number from ${n(min)} to ${n(max)}.`);
  return v;
}

export const importCommands: Command[] = [
  {
    path: ['import'],
    summary: 'Import SIS CSV files (OneRoster 1.1, PowerSchool or Infinite Campus, plus supplementary files) into the district store',
    args: ['<dir>'],
    store: 'district',
    options: {
      preset: { type: 'string', description: `Input format: ${importPresets.join(', ')}`, default: 'oneroster' },
    },
    help: [
      'All or nothing: if any file has a problem, nothing is imported and every problem is listed',
      'with its file, line and column. Re-importing updates students in place; students missing from',
      'the roster are marked inactive, never deleted. The formats are described in docs/import-format.md.',
      '',
      'Examples:',
      '  steward import ./sis-export',
      '  steward import ./powerschool-export --preset powerschool',
    ].join('\n'),
    async run({ options, positionals, io, ctx }) {
      if (positionals.length !== 1) {
        io.err('Error: give exactly one folder to import, e.g. steward import ./sis-export\n');
        return Exit.usage;
      }
      const preset = String(options.preset);
      if (!(importPresets as readonly string[]).includes(preset)) {
        io.err(`Error: unknown --preset '${preset.slice(0, 40)}'. Use one of: ${importPresets.join(', ')}.\n`);
        return Exit.usage;
      }
      const r = await withProgress(io, (onProgress) => importDistrict(ctx, resolve(io.cwd, positionals[0]!), { preset: preset as ImportPreset, onProgress }));
      io.out(summary(r));
      return Exit.ok;
    },
  },
  {
    path: ['demo'],
    summary: 'Create the synthetic demo district (about 16,000 students) in a new encrypted store',
    store: 'none',
    options: {
      db: { type: 'string', description: 'Path of the new store (default: $STEWARD_DB or ./steward.db)' },
      students: { type: 'string', description: 'How many students', default: String(DEMO_STUDENTS) },
      seed: { type: 'string', description: 'Random seed (same seed, same district)', default: String(DEMO_SEED) },
      force: { type: 'boolean', description: 'Replace an existing store at --db (deletes it and its .keyinfo first)' },
    },
    help: 'Every name, address and record is invented: the demo is safe to show, share and break. The passphrase (STEWARD_PASSPHRASE or a prompt) encrypts the new store.',
    async run({ options, io }) {
      const students = wholeNumber(options.students, 'students', 1, 5_000_000);
      const seed = wholeNumber(options.seed, 'seed', 0, 2 ** 32 - 1);
      const path = storePath(io, options.db, 'district');
      if (existsSync(path)) {
        if (!options.force) {
          throw new StewardError('CONFLICT', `A store already exists at ${path}. Add --force to replace it (this deletes it and its key file), or choose another --db.`);
        }
        if (!existsSync(keyInfoPath(path))) {
          throw new StewardError('CONFLICT', `${path} has no ${keyInfoPath(path)} beside it, so it does not look like a Steward store; --force will not delete it. Choose another --db.`);
        }
        for (const suffix of ['', '-wal', '-shm', '-journal', '.keyinfo']) rmSync(`${path}${suffix}`, { force: true });
      }
      const pass = await passphrase(io, `encrypt the new demo store ${path}`);
      const key = createPassphraseKey(path, pass);
      const r = await withProgress(io, (onProgress) => createDemoDistrict({ path, key, students, seed, onProgress })).catch((e: unknown) => {
        // The .keyinfo was written just above for this store: a failed demo must not leave it behind.
        rmSync(keyInfoPath(path), { force: true });
        throw e;
      });
      io.out(`Created the demo district (${n(r.students)} students) at ${path} in ${seconds(r.ms)}.\n`);
      return Exit.ok;
    },
  },
];
