import type { Command } from '../types';
import { Exit } from '../types';
import { formatOption, formatRows } from '../format';
import { readTextFile, stringOption } from './cli-input';
import { createProgram, importEnrolments, listPrograms } from '../../services/programs-service';
import { StewardError } from '../../../shared/api/result';

export const programsCommands: Command[] = [
  {
    path: ['program', 'add'],
    summary: 'Add a partner program (at a school, or district-wide)',
    store: 'district',
    options: {
      partner: { type: 'string', description: 'Partner id' },
      name: { type: 'string', description: 'Program name, e.g. "After-school tutoring, Lincoln Elementary"' },
      school: { type: 'string', description: 'School id (omit for a district-wide program)' },
    },
    run({ options, io, ctx }) {
      const p = createProgram(ctx, { partnerId: stringOption(options, 'partner', true), name: stringOption(options, 'name', true), schoolId: stringOption(options, 'school') ?? null });
      io.out(`Added program ${p.name} (id ${p.id}).\n`);
      return Exit.ok;
    },
  },
  {
    path: ['program', 'list'],
    summary: 'List programs with the number of students enrolled today',
    store: 'district',
    options: { ...formatOption, partner: { type: 'string', description: 'Only this partner\'s programs' } },
    run({ options, io, ctx }) {
      const rows = listPrograms(ctx, { partnerId: stringOption(options, 'partner') });
      io.out(formatRows(String(options.format), ['id', 'partnerName', 'name', 'schoolName', 'enrolledCount'], rows as unknown as Record<string, unknown>[], `${rows.length} programs`));
      return Exit.ok;
    },
  },
  {
    path: ['program', 'enrol'],
    summary: 'Import program enrolments from a CSV file (all or nothing)',
    args: ['<file.csv>'],
    store: 'district',
    help: 'The file has the header programId,studentSourcedId,beginDate,endDate (dates yyyy-mm-dd; endDate empty while enrolled).\nA re-import updates dates in place. Any bad line and nothing is stored; every problem is listed by line and column.',
    run({ positionals, io, ctx }) {
      const path = positionals[0];
      if (!path) throw new StewardError('BAD_INPUT', 'Give the CSV file: steward program enrol <file.csv>.');
      const file = readTextFile(io, path);
      const r = importEnrolments(ctx, { fileName: file.path, csv: file.text });
      io.out(`Imported ${r.rows} enrolment${r.rows === 1 ? '' : 's'}: ${r.perProgram.map((p) => `${p.programId} ${p.rows}`).join(', ') || 'none'}.\n`);
      return Exit.ok;
    },
  },
];
