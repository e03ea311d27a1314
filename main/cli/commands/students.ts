import type { Command } from '../types';
import { Exit } from '../types';
import { listStudents } from '../../services/students-service';
import { formatRows, formatOption } from '../format';

export const studentsCommands: Command[] = [
  {
    path: ['students', 'list'],
    summary: 'List students (directory-level columns only)',
    store: 'district',
    options: {
      ...formatOption,
      school: { type: 'string', description: 'Only students of this school (sourcedId)' },
      grade: { type: 'string', description: 'Only this grade (KG, 01 ... 12)' },
      search: { type: 'string', description: 'Name or local id prefix' },
      limit: { type: 'string', description: 'At most this many rows', default: '50' },
      offset: { type: 'string', description: 'Skip this many rows', default: '0' },
    },
    run({ options, io, ctx }) {
      const limit = Number(options.limit);
      const offset = Number(options.offset);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000 || !Number.isInteger(offset) || offset < 0) {
        io.err('Error: --limit must be a whole number from 1 to 1000 and --offset a whole number of 0 or more.\n');
        return Exit.usage;
      }
      const page = listStudents(ctx, {
        offset, limit, sort: [{ column: 'lastName', direction: 'asc' }],
        ...(typeof options.school === 'string' ? { schoolId: options.school } : {}),
        ...(typeof options.grade === 'string' ? { grade: options.grade } : {}),
        ...(typeof options.search === 'string' ? { search: options.search } : {}),
      });
      const columns = ['localId', 'lastName', 'firstName', 'grade', 'schoolName', 'birthDate', 'homeLanguage'] as const;
      io.out(formatRows(String(options.format), columns as unknown as string[], page.rows as unknown as Record<string, unknown>[], `${page.rows.length} of ${page.total} students`));
      return Exit.ok;
    },
  },
];
