import type { Command } from '../types';
import { Exit } from '../types';
import { listStudents } from '../../services/students-service';
import { formatRows, formatOption } from '../format';
import { pagingOptions, pageRange } from './cli-input';

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
      ...pagingOptions(50),
    },
    run({ options, io, ctx }) {
      const range = pageRange(options);
      const page = listStudents(ctx, {
        ...range, sort: [{ column: 'lastName', direction: 'asc' }],
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
